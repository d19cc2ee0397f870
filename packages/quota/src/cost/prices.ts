/**
 * The price table: us-east-1 on-demand list prices for what costs money while an environment sits
 * idle (no requests). Free tiers are ignored (an account's free tier is shared by all its environments).
 * Each line names the AWS pricing page and the date it was read.
 */

/** Hours in a month as AWS bills them (365 x 24 / 12). */
export const HOURS_PER_MONTH = 730;

export type PriceId =
  | 'nat-gateway'
  | 'public-ipv4'
  | 'interface-endpoint-eni'
  | 'kms-key'
  | 'alarm-standard-metric'
  | 'alarm-high-resolution-metric'
  | 'composite-alarm'
  | 'dynamodb-wcu'
  | 'dynamodb-rcu'
  | 'route53-hosted-zone'
  | 'secrets-manager-secret'
  | 'ssm-advanced-parameter'
  | 'api-gateway-cache-0.5gb'
  | 'cloudwatch-dashboard'
  | 'load-balancer'
  | 'waf-web-acl'
  | 'waf-rule';

export interface PriceLine {
  readonly id: PriceId;
  readonly item: string;
  /** Price in USD per `per`. */
  readonly usd: number;
  readonly per: 'hour' | 'month';
  readonly source: string;
  /** When the price was read (YYYY-MM). */
  readonly checked: string;
  readonly note?: string;
}

export const PRICES: Readonly<Record<PriceId, PriceLine>> = {
  'nat-gateway': { id: 'nat-gateway', item: 'NAT gateway', usd: 0.045, per: 'hour', source: 'https://aws.amazon.com/vpc/pricing/', checked: '2026-11', note: 'plus 0.045 per GB processed' },
  'public-ipv4': { id: 'public-ipv4', item: 'public IPv4 address (Elastic IP, in use or idle)', usd: 0.005, per: 'hour', source: 'https://aws.amazon.com/vpc/pricing/', checked: '2026-11' },
  'interface-endpoint-eni': { id: 'interface-endpoint-eni', item: 'interface VPC endpoint, per AZ (ENI)', usd: 0.01, per: 'hour', source: 'https://aws.amazon.com/privatelink/pricing/', checked: '2026-11', note: 'plus 0.01 per GB processed' },
  'kms-key': { id: 'kms-key', item: 'KMS customer managed key', usd: 1.0, per: 'month', source: 'https://aws.amazon.com/kms/pricing/', checked: '2026-11', note: 'automatic rotation adds 1.00 per rotated key version for the first two rotations' },
  'alarm-standard-metric': { id: 'alarm-standard-metric', item: 'CloudWatch alarm metric, standard resolution', usd: 0.1, per: 'month', source: 'https://aws.amazon.com/cloudwatch/pricing/', checked: '2026-11' },
  'alarm-high-resolution-metric': { id: 'alarm-high-resolution-metric', item: 'CloudWatch alarm metric, high resolution (period < 60 s)', usd: 0.3, per: 'month', source: 'https://aws.amazon.com/cloudwatch/pricing/', checked: '2026-11' },
  'composite-alarm': { id: 'composite-alarm', item: 'CloudWatch composite alarm', usd: 0.5, per: 'month', source: 'https://aws.amazon.com/cloudwatch/pricing/', checked: '2026-11' },
  'dynamodb-wcu': { id: 'dynamodb-wcu', item: 'DynamoDB provisioned write capacity unit', usd: 0.00065, per: 'hour', source: 'https://aws.amazon.com/dynamodb/pricing/provisioned/', checked: '2026-11', note: 'on-demand tables cost nothing idle' },
  'dynamodb-rcu': { id: 'dynamodb-rcu', item: 'DynamoDB provisioned read capacity unit', usd: 0.00013, per: 'hour', source: 'https://aws.amazon.com/dynamodb/pricing/provisioned/', checked: '2026-11' },
  'route53-hosted-zone': { id: 'route53-hosted-zone', item: 'Route 53 hosted zone', usd: 0.5, per: 'month', source: 'https://aws.amazon.com/route53/pricing/', checked: '2026-11' },
  'secrets-manager-secret': { id: 'secrets-manager-secret', item: 'Secrets Manager secret', usd: 0.4, per: 'month', source: 'https://aws.amazon.com/secrets-manager/pricing/', checked: '2026-11' },
  'ssm-advanced-parameter': { id: 'ssm-advanced-parameter', item: 'SSM advanced parameter (standard parameters are free)', usd: 0.05, per: 'month', source: 'https://aws.amazon.com/systems-manager/pricing/', checked: '2026-11' },
  'api-gateway-cache-0.5gb': { id: 'api-gateway-cache-0.5gb', item: 'API Gateway cache (0.5 GB)', usd: 0.02, per: 'hour', source: 'https://aws.amazon.com/api-gateway/pricing/', checked: '2026-11', note: 'larger caches cost more; the smallest is assumed' },
  'cloudwatch-dashboard': { id: 'cloudwatch-dashboard', item: 'CloudWatch dashboard', usd: 3.0, per: 'month', source: 'https://aws.amazon.com/cloudwatch/pricing/', checked: '2026-11' },
  'load-balancer': { id: 'load-balancer', item: 'Application/Network Load Balancer', usd: 0.0225, per: 'hour', source: 'https://aws.amazon.com/elasticloadbalancing/pricing/', checked: '2026-11', note: 'plus capacity units' },
  'waf-web-acl': { id: 'waf-web-acl', item: 'WAF web ACL', usd: 5.0, per: 'month', source: 'https://aws.amazon.com/waf/pricing/', checked: '2026-11', note: 'plus 1.00 per rule (waf-rule) and 0.60 per million requests' },
  'waf-rule': { id: 'waf-rule', item: 'WAF rule or rule group in a web ACL', usd: 1.0, per: 'month', source: 'https://aws.amazon.com/waf/pricing/', checked: '2026-11', note: 'AWS managed baseline groups (common rule set, known bad inputs) carry no subscription fee beyond this' },
};

/** Monthly price of one unit of a line. */
export function monthly(id: PriceId): number {
  const line = PRICES[id];
  return line.per === 'hour' ? line.usd * HOURS_PER_MONTH : line.usd;
}

/**
 * Resource types that cost nothing while idle (billed per request, per GB stored or ingested, or free),
 * by type prefix, with the reason. A type in neither this list nor the priced rules is reported as
 * "not in the price table" so a new resource kind is never silently counted as free.
 */
export const ZERO_IDLE: readonly { readonly prefix: string; readonly reason: string }[] = [
  { prefix: 'aws_lambda_', reason: 'per request and duration' },
  { prefix: 'aws_api_gateway_', reason: 'per request (a stage cache is priced separately)' },
  { prefix: 'aws_apigatewayv2_', reason: 'per request' },
  { prefix: 'aws_sqs_', reason: 'per request' },
  { prefix: 'aws_sns_', reason: 'per request' },
  { prefix: 'aws_s3_', reason: 'per GB stored and per request (~0 for an empty environment)' },
  { prefix: 'aws_cloudwatch_log_', reason: 'per GB ingested and stored' },
  { prefix: 'aws_cloudwatch_event_', reason: 'per event' },
  { prefix: 'aws_scheduler_', reason: 'per invocation' },
  { prefix: 'aws_pipes_', reason: 'per request' },
  { prefix: 'aws_flow_log', reason: 'per GB of logs ingested' },
  { prefix: 'aws_dynamodb_', reason: 'on-demand: per request; PITR and backups per GB (provisioned tables priced separately)' },
  { prefix: 'aws_backup_', reason: 'per GB of backup stored' },
  { prefix: 'aws_iam_', reason: 'free' },
  { prefix: 'aws_kms_alias', reason: 'free' },
  { prefix: 'aws_kms_key_policy', reason: 'free' },
  { prefix: 'aws_vpc', reason: 'free (interface endpoints priced separately)' },
  { prefix: 'aws_subnet', reason: 'free' },
  { prefix: 'aws_route', reason: 'free' },
  { prefix: 'aws_main_route_table_association', reason: 'free' },
  { prefix: 'aws_internet_gateway', reason: 'free' },
  { prefix: 'aws_egress_only_internet_gateway', reason: 'free' },
  { prefix: 'aws_security_group', reason: 'free' },
  { prefix: 'aws_vpc_security_group_', reason: 'free' },
  { prefix: 'aws_default_', reason: 'free' },
  { prefix: 'aws_network_acl', reason: 'free' },
  { prefix: 'aws_ssm_parameter', reason: 'standard tier is free (advanced priced separately)' },
  { prefix: 'aws_xray_', reason: 'per trace' },
  { prefix: 'aws_acm_', reason: 'public certificates are free' },
  { prefix: 'aws_route53_record', reason: 'per query' },
  { prefix: 'aws_resourcegroups_', reason: 'free' },
  { prefix: 'aws_secretsmanager_secret_version', reason: 'included in the secret' },
  { prefix: 'aws_secretsmanager_secret_policy', reason: 'included in the secret' },
];
