/**
 * Scanner coverage by resource type: for every resource type this app synthesizes (all profiles, all
 * options), the published checks of checkov (CKV_AWS_*, CKV2_AWS_*), cdk-nag (AwsSolutions AS-*, Serverless
 * SL-*) and trivy (AVD-AWS-*) that name it, each implemented by a preflight rule, waived with a reason, or
 * not applicable to how this app uses the type. The README table is generated from this (coverageMarkdown);
 * a unit test fails when the synth gains a type that is not listed here.
 *
 * Looked up in the scanners' own sources: checkov checkov/terraform/checks/{resource,graph_checks}/aws
 * (supported_resources / resource_types), cdk-nag RULES.md (AwsSolutions and Serverless packs; CloudFormation
 * types mapped to their Terraform equivalents), trivy-checks checks/cloud/aws (AVD ids, Terraform inputs).
 */
export type Scanner = 'checkov' | 'cdk-nag' | 'trivy';

export type CheckStatus =
  | { readonly kind: 'implemented'; /** Rule id, or several joined by ", ". */ readonly rule: string; readonly note?: string }
  | { readonly kind: 'waived'; readonly reason: string }
  | { readonly kind: 'not applicable'; readonly reason: string };

export interface CoveredCheck {
  readonly id: string;
  readonly status: CheckStatus;
}

const rule = (id: string, ruleId: string, note?: string): CoveredCheck => ({ id, status: { kind: 'implemented', rule: ruleId, ...(note ? { note } : {}) } });
const waive = (id: string, reason: string): CoveredCheck => ({ id, status: { kind: 'waived', reason } });
const na = (id: string, reason: string): CoveredCheck => ({ id, status: { kind: 'not applicable', reason } });

/** Scanner of a check id. */
export function scannerOf(id: string): Scanner {
  if (id.startsWith('CKV')) return 'checkov';
  if (id.startsWith('AVD-')) return 'trivy';
  return 'cdk-nag';
}

// Reasons used more than once.
const WAF = 'production attaches a regional WAF web ACL to every stage (packages/constructs/src/api/waf.ts); other profiles opt in with ENABLE_WAF, since a web ACL costs ~8 USD/month per API; no rule requires it in every profile';
const WAF_BUILT = 'the one web ACL construct (packages/constructs/src/api/waf.ts) always holds the managed common rule set, known-bad-inputs (its Log4j rule included) and a per-IP rate rule, each with an action; no rule re-checks the construct';
const CACHE = 'no response cache: payment status and items must be read fresh, and a cache cluster bills per hour even idle (an enabled cache must be encrypted: TAP-APIGW-07)';
const PUBLIC_RESOURCE_POLICY = 'queue/topic policies here hold only the TLS deny and service principals with aws:SourceAccount; public-principal resource policies are a separate rule family';
const ACCESS_LOGS = 'a server access-log bucket per ephemeral environment doubles the buckets; object access is audited account-wide by CloudTrail data events';
const SG_ATTACHED = 'both groups are attached by construction (the payment functions\' vpc_config, the interface endpoint)';

/** Resource type → the published checks that name it. An empty list means: no scanner publishes a check for it. */
export const COVERAGE: Readonly<Record<string, readonly CoveredCheck[]>> = {
  aws_acm_certificate: [
    waive('CKV_AWS_233', 'the stack sets lifecycle.create_before_destroy on the optional custom-domain certificate; optional resource, left to the custom-domain config rules'),
    waive('CKV_AWS_234', 'certificate transparency logging is on by default and the stack never turns it off'),
    waive('CKV2_AWS_71', 'the custom domain is one exact name from CUSTOM_DOMAIN_NAME; config rejects wildcards'),
  ],
  aws_acm_certificate_validation: [],
  aws_api_gateway_account: [],
  aws_api_gateway_api_key: [],
  aws_api_gateway_authorizer: [],
  aws_api_gateway_base_path_mapping: [],
  aws_api_gateway_deployment: [rule('CKV_AWS_217', 'TAP-APIGW-08')],
  aws_api_gateway_domain_name: [
    waive('CKV_AWS_206', 'the optional custom domain sets security_policy TLS_1_2; optional resource, left to the custom-domain config rules'),
    na('CKV2_AWS_23', 'Route 53 alias check; listed for the domain because the record targets it'),
    waive('AVD-AWS-0005', 'same as CKV_AWS_206'),
  ],
  aws_api_gateway_gateway_response: [],
  aws_api_gateway_integration: [],
  aws_api_gateway_method: [
    rule('CKV_AWS_59', 'TAP-AUTH-01, TAP-AUTH-02'),
    rule('CKV2_AWS_53', 'TAP-APIGW-06', 'for methods that declare models or required parameters; a method that declares nothing has nothing for API Gateway to validate (handlers validate bodies)'),
    rule('CKV2_AWS_70', 'TAP-AUTH-01, TAP-AUTH-02', 'write methods need an authorization; read methods too on the IAM-authorized APIs, and API keys never stand alone'),
    rule('AS-APIG4', 'TAP-AUTH-01, TAP-AUTH-02'),
    na('AS-COG4', 'no Cognito user pools: the APIs use a TOKEN authorizer or none (public reads with throttling)'),
    rule('AVD-AWS-0004', 'TAP-AUTH-01'),
  ],
  aws_api_gateway_method_settings: [
    waive('CKV_AWS_225', CACHE),
    rule('CKV_AWS_276', 'TAP-APIGW-05'),
    rule('CKV_AWS_308', 'TAP-APIGW-07'),
    rule('CKV2_AWS_4', 'TAP-APIGW-05'),
    rule('AS-APIG6', 'TAP-APIGW-05'),
    rule('AVD-AWS-0002', 'TAP-APIGW-07'),
    waive('AVD-AWS-0190', CACHE),
  ],
  aws_api_gateway_model: [],
  aws_api_gateway_request_validator: [],
  aws_api_gateway_resource: [],
  aws_api_gateway_rest_api_policy: [],
  aws_api_gateway_rest_api: [
    waive('CKV_AWS_237', 'the API\'s replacing arguments (name) carry the suffix and never change in place; routes change through the deployment (TAP-APIGW-08)'),
    waive('CKV2_AWS_29', WAF),
    rule('AS-APIG2', 'TAP-APIGW-06'),
  ],
  aws_api_gateway_stage: [
    rule('CKV_AWS_73', 'TAP-APIGW-03'),
    rule('CKV_AWS_76', 'TAP-APIGW-02'),
    waive('CKV_AWS_120', CACHE),
    rule('CKV2_AWS_4', 'TAP-APIGW-05'),
    waive('CKV2_AWS_29', WAF),
    waive('CKV2_AWS_51', 'client certificates authenticate API Gateway to HTTP backends; every integration here is Lambda proxy'),
    waive('CKV2_AWS_77', WAF_BUILT),
    rule('AS-APIG1', 'TAP-APIGW-02'),
    waive('AS-APIG3', WAF),
    rule('AS-APIG6', 'TAP-APIGW-05'),
    rule('SL-APIGWAccessLogging', 'TAP-APIGW-02'),
    waive('SL-APIGWStructuredLogging', 'RestApiFront writes the access log format as JSON; TAP-APIGW-02 checks a format is set, not that it parses'),
    rule('SL-APIGWXrayEnabled', 'TAP-APIGW-03'),
    rule('SL-APIGWDefaultThrottling', 'TAP-APIGW-04'),
    rule('AVD-AWS-0001', 'TAP-APIGW-02'),
    rule('AVD-AWS-0003', 'TAP-APIGW-03'),
    waive('AVD-AWS-0190', CACHE),
  ],
  aws_api_gateway_usage_plan: [],
  aws_api_gateway_usage_plan_key: [],
  aws_backup_plan: [na('CKV2_AWS_18', 'EFS in backup plans; the plans here back up DynamoDB tables')],
  aws_backup_selection: [
    na('CKV2_AWS_8', 'RDS in backup plans; no RDS here'),
    na('CKV2_AWS_9', 'EBS in backup plans; no EBS here'),
    na('CKV2_AWS_18', 'EFS in backup plans; no EFS here'),
  ],
  aws_backup_vault: [rule('CKV_AWS_166', 'TAP-BACKUP-01')],
  aws_cloudwatch_event_bus: [rule('AS-EVB1', 'TAP-EVENTS-02')],
  aws_cloudwatch_event_permission: [rule('AS-EVB1', 'TAP-EVENTS-02')],
  aws_cloudwatch_event_rule: [],
  aws_cloudwatch_event_target: [
    na('CKV2_AWS_5', 'security-group attachment check; lists event targets because ECS targets can carry groups, none here'),
    waive('SL-EventBusDLQ', 'the dead-letter rule for asynchronous targets is a separate rule family (EventBridge targets and event sources)'),
  ],
  aws_cloudwatch_log_group: [
    rule('CKV_AWS_66', 'TAP-LOGS-01'),
    waive('CKV_AWS_338', 'retention is a profile decision (3/7/90 days, docs/architecture.md): a year of logs per ephemeral environment is cost without a reader'),
    rule('CKV_AWS_158', 'TAP-LOGS-02'),
    na('CKV2_AWS_10', 'CloudTrail to CloudWatch Logs; no trail here (account baseline)'),
    rule('SL-CloudWatchLogGroupRetentionPeriod', 'TAP-LOGS-01'),
    rule('AVD-AWS-0017', 'TAP-LOGS-02'),
  ],
  aws_cloudwatch_metric_alarm: [rule('CKV_AWS_319', 'TAP-ALARM-01')],
  aws_default_security_group: [rule('CKV2_AWS_12', 'TAP-VPC-02'), rule('AVD-AWS-0173', 'TAP-VPC-02')],
  aws_dynamodb_table: [
    rule('CKV_AWS_28', 'TAP-DDB-02', 'outside ephemeral profiles'),
    rule('CKV_AWS_119', 'TAP-DDB-01'),
    na('CKV2_AWS_16', 'auto scaling of provisioned capacity; every table is on-demand'),
    rule('AS-DDB3', 'TAP-DDB-02', 'outside ephemeral profiles'),
    rule('AVD-AWS-0024', 'TAP-DDB-02', 'outside ephemeral profiles'),
    rule('AVD-AWS-0025', 'TAP-DDB-01'),
  ],
  aws_eip: [
    na('CKV2_AWS_19', 'EIPs attached to EC2 instances; these belong to NAT gateways'),
    na('CKV2_AWS_23', 'Route 53 alias check; no record targets an EIP'),
  ],
  aws_flow_log: [rule('CKV2_AWS_11', 'TAP-VPC-01')],
  aws_iam_role: [
    rule('CKV_AWS_60', 'TAP-IAM-05'),
    rule('CKV_AWS_61', 'TAP-IAM-05'),
    rule('CKV_AWS_274', 'TAP-IAM-01'),
    na('CKV_AWS_393', 'GitHub Actions OIDC trust; the synth has no OIDC role (the CI deploy role lives outside the app)'),
    rule('CKV2_AWS_56', 'TAP-IAM-01'),
    na('CKV2_AWS_68', 'SageMaker notebook roles; none here'),
    waive('AS-IAM4', 'AWS managed policies only where AWS documents them as the minimum: AWSLambdaVPCAccessExecutionRole (ENIs), AWS Backup service roles, API Gateway\'s CloudWatch role; everything else is inline and ARN-scoped'),
    rule('AS-IAM5', 'TAP-IAM-01, TAP-IAM-02'),
    rule('SL-LambdaStarPermissions', 'TAP-IAM-01, TAP-IAM-02'),
  ],
  aws_iam_role_policy: [
    rule('CKV_AWS_62', 'TAP-IAM-01'),
    rule('CKV_AWS_63', 'TAP-IAM-01'),
    rule('CKV_AWS_286', 'TAP-IAM-04', 'iam:PassRole; the other escalation actions only matter on Resource "*", which TAP-IAM-02 rejects'),
    rule('CKV_AWS_287', 'TAP-IAM-02', 'credential-exposure actions are flagged only on Resource "*"'),
    rule('CKV_AWS_288', 'TAP-IAM-02', 'data-exfiltration actions are flagged only on Resource "*"'),
    rule('CKV_AWS_289', 'TAP-IAM-02', 'permissions-management actions are flagged only on Resource "*"'),
    rule('CKV_AWS_290', 'TAP-IAM-02', 'write actions are flagged only on Resource "*"'),
    rule('CKV_AWS_355', 'TAP-IAM-02'),
    rule('CKV2_AWS_40', 'TAP-IAM-01'),
    rule('AS-IAM5', 'TAP-IAM-01, TAP-IAM-02'),
    rule('AVD-AWS-0057', 'TAP-IAM-01, TAP-IAM-02'),
    rule('AVD-AWS-0342', 'TAP-IAM-04'),
    rule('AVD-AWS-0345', 'TAP-IAM-01'),
  ],
  aws_iam_role_policy_attachment: [
    rule('CKV_AWS_274', 'TAP-IAM-01'),
    rule('CKV2_AWS_56', 'TAP-IAM-01'),
    waive('AS-IAM4', 'see aws_iam_role: only the AWS-documented minimum managed policies are attached'),
  ],
  aws_internet_gateway: [],
  aws_kms_alias: [],
  aws_kms_key: [
    rule('CKV_AWS_7', 'TAP-KMS-01'),
    rule('CKV_AWS_33', 'TAP-KMS-02'),
    waive('CKV_AWS_227', 'no key sets is_enabled (default true); a disabled key fails every encrypting resource at apply'),
    waive('CKV2_AWS_64', 'EncryptionKey always writes a key policy (account administers, services use with conditions)'),
    rule('AS-KMS5', 'TAP-KMS-01'),
    rule('AVD-AWS-0065', 'TAP-KMS-01'),
  ],
  aws_lambda_alias: [],
  aws_lambda_event_source_mapping: [
    na('SL-LambdaEventSourceMappingDestination', 'on-failure destinations exist for stream and Kafka sources only; SQS sources fail over through the queue\'s redrive policy (TAP-SQS-02)'),
    rule('LambdaEventSourceSQSVisibilityTimeout', 'TAP-SQS-03'),
  ],
  aws_lambda_function: [
    rule('CKV_AWS_45', 'TAP-SECRET-01', 'placeholder secrets; real secret values never reach the synth (write-only SSM SecureString), so there is nothing for an entropy scan to find'),
    rule('CKV_AWS_50', 'TAP-LAMBDA-03'),
    rule('CKV_AWS_115', 'TAP-LAMBDA-05', 'as an account-wide budget; pr reserves nothing by design'),
    rule('CKV_AWS_116', 'TAP-LAMBDA-09', 'for asynchronously invoked functions; synchronous (API Gateway) and SQS-mapped ones need no DLQ'),
    waive('CKV_AWS_117', 'only the payment API runs in the VPC (it is the system whose design is private networking); the others call only regional AWS endpoints'),
    rule('CKV_AWS_173', 'TAP-LAMBDA-04'),
    waive('CKV_AWS_272', 'code signing needs an AWS Signer profile and signed artifacts; bundles are built by esbuild at synth and deployed by Terraform from the content-addressed asset'),
    rule('CKV_AWS_363', 'TAP-LAMBDA-01'),
    na('CKV2_AWS_5', 'security-group attachment check; lists functions because vpc_config attaches groups'),
    na('CKV2_AWS_75', 'CORS of function URLs; no function URLs here'),
    rule('AS-L1', 'TAP-LAMBDA-01'),
    rule('SL-LambdaTracing', 'TAP-LAMBDA-03'),
    rule('SL-LambdaDefaultMemorySize', 'TAP-LAMBDA-08'),
    rule('SL-LambdaDefaultTimeout', 'TAP-LAMBDA-02'),
    rule('SL-LambdaAsyncFailureDestination', 'TAP-LAMBDA-09'),
    rule('SL-LambdaLatestVersion', 'TAP-LAMBDA-01'),
    rule('SL-LambdaDLQ', 'TAP-LAMBDA-09'),
    rule('AVD-AWS-0066', 'TAP-LAMBDA-03'),
  ],
  aws_lambda_layer_version: [],
  aws_lambda_layer_version_permission: [],
  aws_lambda_permission: [rule('CKV_AWS_301', 'TAP-LAMBDA-07'), rule('CKV_AWS_364', 'TAP-LAMBDA-07'), rule('AVD-AWS-0067', 'TAP-LAMBDA-07')],
  aws_nat_gateway: [na('CKV2_AWS_19', 'EIP attachment to EC2; the NAT gateway is what holds the EIP')],
  aws_route: [
    waive('CKV2_AWS_35', 'the public table\'s default route must be the internet gateway (NAT gateways live there); private tables route through NAT (production) or have none (dev)'),
    na('CKV2_AWS_44', 'routes of VPC peering connections; no peering here'),
  ],
  aws_route53_record: [waive('CKV2_AWS_23', 'the optional custom-domain A record is an alias of the API domain by construction; the other record is the ACM validation CNAME')],
  aws_route_table: [
    waive('CKV2_AWS_35', 'see aws_route'),
    na('CKV2_AWS_44', 'routes of VPC peering connections; no peering here'),
  ],
  aws_route_table_association: [],
  aws_s3_bucket: [
    waive('CKV_AWS_18', ACCESS_LOGS),
    rule('CKV_AWS_19', 'TAP-S3-01'),
    rule('CKV_AWS_20', 'TAP-S3-02', 'public ACLs are blocked and ignored by the access block'),
    rule('CKV_AWS_21', 'TAP-S3-04'),
    rule('CKV_AWS_57', 'TAP-S3-02', 'public ACLs are blocked and ignored by the access block'),
    waive('CKV_AWS_70', 'the only bucket policy statement is the TLS Deny; block_public_policy (TAP-S3-02) makes S3 reject a public Allow'),
    na('CKV_AWS_93', 'policy lockout of everyone but root; the policy only denies non-TLS requests'),
    waive('CKV_AWS_143', 'object lock would make the item store undeletable and ephemeral environments undestroyable'),
    waive('CKV_AWS_144', 'cross-region replication is a config option, off by default (docs/architecture.md departure 10)'),
    rule('CKV_AWS_145', 'TAP-S3-01'),
    rule('CKV2_AWS_6', 'TAP-S3-02'),
    na('CKV2_AWS_23', 'Route 53 alias check; no record targets a bucket'),
    na('CKV2_AWS_46', 'CloudFront origin access; no CloudFront here'),
    rule('CKV2_AWS_61', 'TAP-S3-05'),
    waive('CKV2_AWS_62', 'nothing consumes bucket events'),
    waive('AS-S1', ACCESS_LOGS),
    rule('AS-S2', 'TAP-S3-02'),
    na('AS-S5', 'static website buckets; none here'),
    rule('AS-S10', 'TAP-S3-03'),
    rule('AVD-AWS-0086', 'TAP-S3-02'),
    rule('AVD-AWS-0087', 'TAP-S3-02'),
    rule('AVD-AWS-0088', 'TAP-S3-01'),
    waive('AVD-AWS-0089', ACCESS_LOGS),
    rule('AVD-AWS-0090', 'TAP-S3-04'),
    rule('AVD-AWS-0091', 'TAP-S3-02'),
    rule('AVD-AWS-0092', 'TAP-S3-02'),
    rule('AVD-AWS-0093', 'TAP-S3-02'),
    rule('AVD-AWS-0094', 'TAP-S3-02'),
    rule('AVD-AWS-0132', 'TAP-S3-01'),
    waive('AVD-AWS-0171', 'object-level CloudTrail logging is an account-wide trail setting, not a per-environment resource'),
    waive('AVD-AWS-0172', 'object-level CloudTrail logging is an account-wide trail setting, not a per-environment resource'),
    waive('AVD-AWS-0320', 'bucket names come from config naming (lowercase, digits, hyphens, 3-63: TAP-NAME-02)'),
  ],
  aws_s3_bucket_lifecycle_configuration: [rule('CKV_AWS_300', 'TAP-S3-05'), rule('CKV2_AWS_61', 'TAP-S3-05')],
  aws_s3_bucket_policy: [
    waive('CKV_AWS_70', 'see aws_s3_bucket'),
    na('CKV_AWS_93', 'see aws_s3_bucket'),
    rule('AS-S10', 'TAP-S3-03'),
  ],
  aws_s3_bucket_public_access_block: [
    rule('CKV_AWS_53', 'TAP-S3-02'),
    rule('CKV_AWS_54', 'TAP-S3-02'),
    rule('CKV_AWS_55', 'TAP-S3-02'),
    rule('CKV_AWS_56', 'TAP-S3-02'),
    rule('CKV2_AWS_6', 'TAP-S3-02'),
    rule('AVD-AWS-0086', 'TAP-S3-02'),
    rule('AVD-AWS-0087', 'TAP-S3-02'),
    rule('AVD-AWS-0091', 'TAP-S3-02'),
    rule('AVD-AWS-0093', 'TAP-S3-02'),
  ],
  aws_s3_bucket_replication_configuration: [waive('CKV_AWS_144', 'see aws_s3_bucket')],
  aws_s3_bucket_server_side_encryption_configuration: [rule('CKV_AWS_19', 'TAP-S3-01'), rule('CKV_AWS_145', 'TAP-S3-01'), rule('AVD-AWS-0088', 'TAP-S3-01'), rule('AVD-AWS-0132', 'TAP-S3-01')],
  aws_s3_bucket_versioning: [rule('CKV_AWS_21', 'TAP-S3-04'), rule('AVD-AWS-0090', 'TAP-S3-04')],
  aws_security_group: [
    rule('CKV_AWS_23', 'TAP-SG-01'),
    rule('CKV_AWS_24', 'TAP-SG-02'),
    rule('CKV_AWS_25', 'TAP-SG-02'),
    rule('CKV_AWS_260', 'TAP-SG-02'),
    rule('CKV_AWS_277', 'TAP-SG-02'),
    rule('CKV_AWS_382', 'TAP-SG-03'),
    waive('CKV2_AWS_5', SG_ATTACHED),
    na('CKV2_AWS_7', 'EMR cluster groups; no EMR here'),
    rule('AS-EC23', 'TAP-SG-02'),
    rule('AS-EC27', 'TAP-SG-01'),
    rule('AVD-AWS-0099', 'TAP-SG-01'),
    rule('AVD-AWS-0104', 'TAP-SG-03'),
    rule('AVD-AWS-0107', 'TAP-SG-02'),
    rule('AVD-AWS-0124', 'TAP-SG-01'),
  ],
  aws_sns_topic: [
    rule('CKV_AWS_26', 'TAP-SNS-01'),
    rule('AS-SNS3', 'TAP-SNS-02'),
    rule('AVD-AWS-0095', 'TAP-SNS-01'),
    rule('AVD-AWS-0136', 'TAP-SNS-01', 'kms_master_key_id is required; every topic uses the stack CMK'),
  ],
  aws_sns_topic_policy: [
    waive('CKV_AWS_169', PUBLIC_RESOURCE_POLICY),
    waive('CKV_AWS_385', 'the only Allow is for cloudwatch.amazonaws.com with aws:SourceAccount = this account'),
    rule('AS-SNS3', 'TAP-SNS-02'),
  ],
  aws_sns_topic_subscription: [waive('SL-SNSRedrivePolicy', 'the only subscriptions are optional alarm e-mails to people; failed deliveries show in the topic\'s NumberOfNotificationsFailed metric')],
  aws_sqs_queue: [
    rule('CKV_AWS_27', 'TAP-SQS-01'),
    waive('CKV_AWS_168', PUBLIC_RESOURCE_POLICY),
    waive('CKV2_AWS_73', 'TAP-SQS-01 accepts SSE-SQS as well as a CMK; every queue here uses the stack CMK (SecureQueue)'),
    rule('AS-SQS2', 'TAP-SQS-01'),
    rule('AS-SQS3', 'TAP-SQS-02'),
    rule('AS-SQS4', 'TAP-SQS-04'),
    rule('SL-SQSRedrivePolicy', 'TAP-SQS-02'),
    rule('LambdaEventSourceSQSVisibilityTimeout', 'TAP-SQS-03'),
    rule('AVD-AWS-0096', 'TAP-SQS-01'),
    waive('AVD-AWS-0135', 'see CKV2_AWS_73'),
  ],
  aws_sqs_queue_policy: [
    rule('CKV_AWS_72', 'TAP-IAM-01'),
    waive('CKV_AWS_168', PUBLIC_RESOURCE_POLICY),
    waive('CKV_AWS_387', PUBLIC_RESOURCE_POLICY),
    rule('AS-SQS4', 'TAP-SQS-04'),
    rule('AVD-AWS-0097', 'TAP-IAM-01'),
  ],
  aws_ssm_parameter: [
    rule('CKV_AWS_337', 'TAP-SSM-01'),
    rule('CKV2_AWS_34', 'TAP-SSM-02', 'error for secret-bearing names, warning for plain configuration'),
    na('CKV2_AWS_36', 'SSM values sent to HTTP data sources; no http data source here'),
    na('AVD-AWS-0098', 'Secrets Manager secrets; the app keeps its one secret in SSM'),
  ],
  aws_subnet: [
    rule('CKV_AWS_130', 'TAP-VPC-04'),
    na('CKV2_AWS_1', 'network ACLs attached to subnets; the app uses the default ACL and security groups'),
    rule('AVD-AWS-0164', 'TAP-VPC-04'),
  ],
  aws_vpc: [
    na('CKV2_AWS_1', 'network ACLs; none here'),
    rule('CKV2_AWS_11', 'TAP-VPC-01'),
    rule('CKV2_AWS_12', 'TAP-VPC-02'),
    rule('AS-VPC7', 'TAP-VPC-01'),
    na('AVD-AWS-0101', 'use of the default VPC; the app creates its own'),
    rule('AVD-AWS-0173', 'TAP-VPC-02'),
    rule('AVD-AWS-0178', 'TAP-VPC-01'),
  ],
  aws_vpc_endpoint: [
    na('CKV2_AWS_5', 'security-group attachment check; lists endpoints because they attach groups'),
    na('CKV2_AWS_23', 'Route 53 alias check; no record targets an endpoint'),
  ],
  aws_vpc_security_group_egress_rule: [rule('CKV_AWS_23', 'TAP-SG-01'), rule('CKV_AWS_382', 'TAP-SG-03'), rule('AVD-AWS-0104', 'TAP-SG-03'), rule('AVD-AWS-0124', 'TAP-SG-01')],
  aws_wafv2_web_acl: [
    waive('CKV_AWS_175', WAF_BUILT),
    waive('CKV_AWS_192', WAF_BUILT),
    waive('CKV_AWS_342', WAF_BUILT),
    waive('CKV2_AWS_31', 'WAF logging needs a log group named aws-waf-logs-* per web ACL (ingestion billed per request); the ACL keeps CloudWatch metrics and sampled requests on'),
  ],
  aws_wafv2_web_acl_association: [],
  aws_vpc_security_group_ingress_rule: [
    rule('CKV_AWS_23', 'TAP-SG-01'),
    rule('CKV_AWS_24', 'TAP-SG-02'),
    rule('CKV_AWS_25', 'TAP-SG-02'),
    rule('CKV_AWS_260', 'TAP-SG-02'),
    rule('CKV_AWS_277', 'TAP-SG-02'),
    rule('AVD-AWS-0107', 'TAP-SG-02'),
    rule('AVD-AWS-0124', 'TAP-SG-01'),
  ],
};

/**
 * Checks that rules cite as anchors but that name a type this synth does not contain (checkov's data-source
 * checks on aws_iam_policy_document: the rules read such documents, the stacks write JSON policies instead).
 */
export const ANCHORS_ON_ABSENT_TYPES: Readonly<Record<string, string>> = {
  CKV_AWS_1: 'data.aws_iam_policy_document (admin "*:*")',
  CKV_AWS_49: 'data.aws_iam_policy_document ("*" actions)',
  CKV_AWS_356: 'data.aws_iam_policy_document ("*" resources)',
  CKV_AWS_110: 'data.aws_iam_policy_document (privilege escalation)',
};

/** Data sources the synth reads; no scanner publishes a check for any of them. */
export const COVERED_DATA_SOURCES: readonly string[] = ['aws_availability_zones', 'aws_caller_identity', 'aws_ec2_managed_prefix_list', 'aws_nat_gateways', 'aws_region', 'aws_subnets', 'aws_vpc'];

/** Implemented / waived / not applicable per scanner (each resource type x check counted once). */
export function coverageCounts(): Record<Scanner, { implemented: number; waived: number; 'not applicable': number }> {
  const out = { checkov: { implemented: 0, waived: 0, 'not applicable': 0 }, 'cdk-nag': { implemented: 0, waived: 0, 'not applicable': 0 }, trivy: { implemented: 0, waived: 0, 'not applicable': 0 } };
  for (const checks of Object.values(COVERAGE)) for (const c of checks) out[scannerOf(c.id)][c.status.kind] += 1;
  return out;
}

const SCANNERS: readonly Scanner[] = ['checkov', 'cdk-nag', 'trivy'];

function cell(checks: readonly CoveredCheck[]): string {
  if (checks.length === 0) return 'none published';
  return checks
    .map((c) => {
      const s = c.status;
      if (s.kind === 'implemented') return `${c.id} → ${s.rule}${s.note ? ` (${s.note})` : ''}`;
      return `${c.id} ${s.kind === 'waived' ? 'waived' : 'n/a'}: ${s.reason}`;
    })
    .join('<br>');
}

/** The README's coverage section (between its markers): counts, then one row per resource type. */
export function coverageMarkdown(): string {
  const counts = coverageCounts();
  const lines = [
    '| scanner | implemented | waived | not applicable |',
    '| --- | --- | --- | --- |',
    ...SCANNERS.map((s) => `| ${s} | ${counts[s].implemented} | ${counts[s].waived} | ${counts[s]['not applicable']} |`),
    '',
    '| resource type | checkov | cdk-nag | trivy |',
    '| --- | --- | --- | --- |',
    ...Object.keys(COVERAGE)
      .sort()
      .map((type) => `| \`${type}\` | ${SCANNERS.map((s) => cell(COVERAGE[type].filter((c) => scannerOf(c.id) === s))).join(' | ')} |`),
    '',
    `Data sources read by the synth (${COVERED_DATA_SOURCES.map((d) => `\`${d}\``).join(', ')}): no scanner publishes a check for them.`,
  ];
  return lines.join('\n');
}

/** Markers around the generated section in packages/preflight/README.md. */
export const COVERAGE_BEGIN = '<!-- coverage:begin (generated from src/coverage.ts: pnpm preflight:coverage) -->';
export const COVERAGE_END = '<!-- coverage:end -->';
