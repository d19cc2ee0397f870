/**
 * Physical-name attributes by resource type, with AWS's length limit (FND-09; AWS
 * service quotas pages). Used for the suffix rule, the length rule and the environment-word rule.
 */
export const NAME_ATTRIBUTES: Record<string, Record<string, number>> = {
  aws_lambda_function: { function_name: 64 },
  aws_lambda_layer_version: { layer_name: 140 },
  aws_iam_role: { name: 64, name_prefix: 38 },
  aws_iam_policy: { name: 128 },
  aws_iam_role_policy: { name: 128 },
  aws_iam_user: { name: 64 },
  aws_iam_instance_profile: { name: 128 },
  aws_s3_bucket: { bucket: 63, bucket_prefix: 37 },
  aws_lb: { name: 32 },
  aws_alb: { name: 32 },
  aws_lb_target_group: { name: 32 },
  aws_alb_target_group: { name: 32 },
  aws_sqs_queue: { name: 80 },
  aws_sns_topic: { name: 256 },
  aws_dynamodb_table: { name: 255 },
  aws_cloudwatch_log_group: { name: 512 },
  aws_cloudwatch_event_bus: { name: 256 },
  aws_cloudwatch_event_rule: { name: 64 },
  aws_cloudwatch_metric_alarm: { alarm_name: 255 },
  aws_cloudwatch_dashboard: { dashboard_name: 255 },
  aws_api_gateway_rest_api: { name: 1024 },
  aws_api_gateway_usage_plan: { name: 1024 },
  aws_api_gateway_api_key: { name: 1024 },
  aws_apigatewayv2_api: { name: 128 },
  aws_kms_alias: { name: 256 },
  aws_security_group: { name: 255 },
  aws_ssm_parameter: { name: 2048 },
  aws_secretsmanager_secret: { name: 512 },
  aws_sfn_state_machine: { name: 80 },
  aws_backup_vault: { name: 50 },
  aws_backup_plan: { name: 50 },
  aws_ecr_repository: { name: 256 },
  aws_db_instance: { identifier: 63 },
  aws_elasticache_replication_group: { replication_group_id: 40 },
};

/** Length assumed for a token that is the account id (`data.aws_caller_identity.*.account_id`). */
export const ACCOUNT_ID_LENGTH = 12;
/** Length assumed for a region token: the shortest region code (e.g. us-east-1), so never a false alarm. */
export const REGION_LENGTH = 9;

/**
 * The shortest length a name can have once deployed: literals as written, account-id tokens as 12,
 * region tokens as 9, other tokens as 0 (unknown, so never a false alarm).
 */
export function minimumLength(name: string): number {
  return name.replace(/\$\{[^}]*\}/g, (token) => {
    if (/aws_caller_identity\.[^.]+\.account_id/.test(token)) return 'x'.repeat(ACCOUNT_ID_LENGTH);
    if (/aws_region\.[^.]+\.(id|name|region)\b/.test(token)) return 'x'.repeat(REGION_LENGTH);
    return '';
  }).length;
}

/** Splits text into lower-case words at non-alphanumerics, camelCase and letter/digit boundaries. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
