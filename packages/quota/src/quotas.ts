/**
 * The quota table: one row per AWS quota that this app's resources count against, with the default
 * value and the AWS documentation page it comes from. docs/quotas.md is rendered from this table
 * (`pnpm quota --docs`) and a unit test keeps the two in step.
 */

/** Where a quota applies. IAM roles and S3 buckets are per account (global), not per Region. */
export type QuotaScope = 'region' | 'account' | 'az' | 'vpc';

export type QuotaId =
  | 'vpcs'
  | 'internet-gateways'
  | 'elastic-ips'
  | 'nat-gateways-per-az'
  | 'interface-endpoints-per-vpc'
  | 'gateway-endpoints'
  | 'security-groups'
  | 'iam-roles'
  | 'lambda-concurrency'
  | 'lambda-functions'
  | 'event-buses'
  | 'rest-apis-regional'
  | 'rest-apis-edge'
  | 'usage-plans'
  | 'api-keys'
  | 'kms-keys'
  | 'cloudwatch-alarms'
  | 'dynamodb-tables'
  | 'log-groups'
  | 'sqs-queues'
  | 'sns-topics'
  | 'ssm-parameters'
  | 's3-buckets';

export interface QuotaDefinition {
  readonly id: QuotaId;
  /** The quota's name as AWS documents it. */
  readonly name: string;
  readonly scope: QuotaScope;
  /** Default value; `null` means AWS documents no limit on the count (the row is informational). */
  readonly defaultValue: number | null;
  readonly adjustable: boolean;
  /** Terraform resources counted against it (what one environment consumes). */
  readonly counts: string;
  /** Part of the quota an account uses before any environment exists (e.g. the default VPC). Default 0. */
  readonly accountBaseline?: number;
  /** Why the baseline is what it is. */
  readonly baselineReason?: string;
  /** The AWS documentation page the default comes from. */
  readonly source: string;
  /** Whether the default was confirmed against that page when the table was written (2026-11). */
  readonly confirmed: boolean;
  readonly note?: string;
}

export const QUOTAS: readonly QuotaDefinition[] = [
  {
    id: 'vpcs',
    name: 'VPCs per Region',
    scope: 'region',
    defaultValue: 5,
    adjustable: true,
    counts: 'aws_vpc',
    accountBaseline: 1,
    baselineReason: 'the default VPC counts against the quota',
    source: 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html',
    confirmed: true,
  },
  {
    id: 'internet-gateways',
    name: 'Internet gateways per Region',
    scope: 'region',
    defaultValue: 5,
    adjustable: true,
    counts: 'aws_internet_gateway',
    accountBaseline: 1,
    baselineReason: "the default VPC's internet gateway",
    source: 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html',
    confirmed: true,
    note: 'raised together with VPCs per Region',
  },
  {
    id: 'elastic-ips',
    name: 'Elastic IP addresses per Region',
    scope: 'region',
    defaultValue: 5,
    adjustable: true,
    counts: 'aws_eip',
    source: 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html',
    confirmed: true,
  },
  {
    id: 'nat-gateways-per-az',
    name: 'NAT gateways per Availability Zone',
    scope: 'az',
    defaultValue: 5,
    adjustable: true,
    counts: 'aws_nat_gateway, in the AZ holding the most of them (NATs / AZs used when spread evenly)',
    source: 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html',
    confirmed: true,
  },
  {
    id: 'interface-endpoints-per-vpc',
    name: 'Interface and Gateway Load Balancer endpoints per VPC',
    scope: 'vpc',
    defaultValue: 50,
    adjustable: true,
    counts: 'aws_vpc_endpoint with vpc_endpoint_type Interface (or GatewayLoadBalancer)',
    source: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html',
    confirmed: true,
    note: 'per VPC: binds only when environments share one VPC (pr), otherwise a fit check per environment',
  },
  {
    id: 'gateway-endpoints',
    name: 'Gateway VPC endpoints per Region',
    scope: 'region',
    defaultValue: 20,
    adjustable: true,
    counts: 'aws_vpc_endpoint with vpc_endpoint_type Gateway (the default type)',
    source: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html',
    confirmed: true,
  },
  {
    id: 'security-groups',
    name: 'VPC security groups per Region',
    scope: 'region',
    defaultValue: 2500,
    adjustable: true,
    counts: "aws_security_group, plus each new VPC's default security group",
    accountBaseline: 1,
    baselineReason: "the default VPC's default security group",
    source: 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html',
    confirmed: false,
  },
  {
    id: 'iam-roles',
    name: 'IAM roles per account',
    scope: 'account',
    defaultValue: 1000,
    adjustable: true,
    counts: 'aws_iam_role',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
    confirmed: false,
    note: 'global: shared by every Region of the account; roles the account already has are not counted (override the baseline)',
  },
  {
    id: 'lambda-concurrency',
    name: 'Lambda concurrent executions per Region',
    scope: 'region',
    defaultValue: 1000,
    adjustable: true,
    counts: 'sum of aws_lambda_function.reserved_concurrent_executions',
    accountBaseline: 100,
    baselineReason: 'Lambda keeps at least 100 executions unreserved',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    confirmed: true,
    note: 'new accounts may start lower; AWS raises it with usage',
  },
  {
    id: 'lambda-functions',
    name: 'Lambda functions',
    scope: 'region',
    defaultValue: null,
    adjustable: false,
    counts: 'aws_lambda_function',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    confirmed: true,
    note: 'no count quota; code storage (75 GB per Region) is the limit',
  },
  {
    id: 'event-buses',
    name: 'EventBridge event buses per Region',
    scope: 'region',
    defaultValue: 100,
    adjustable: true,
    counts: 'aws_cloudwatch_event_bus',
    source: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html',
    confirmed: true,
  },
  {
    id: 'rest-apis-regional',
    name: 'API Gateway regional REST APIs per Region',
    scope: 'region',
    defaultValue: 600,
    adjustable: false,
    counts: 'aws_api_gateway_rest_api with endpoint type REGIONAL (or PRIVATE, which has its own 600)',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html',
    confirmed: true,
  },
  {
    id: 'rest-apis-edge',
    name: 'API Gateway edge-optimized REST APIs per Region',
    scope: 'region',
    defaultValue: 120,
    adjustable: false,
    counts: 'aws_api_gateway_rest_api with no endpoint_configuration (EDGE is the default) or EDGE',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html',
    confirmed: true,
  },
  {
    id: 'usage-plans',
    name: 'API Gateway usage plans per account per Region',
    scope: 'region',
    defaultValue: 300,
    adjustable: true,
    counts: 'aws_api_gateway_usage_plan',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html',
    confirmed: false,
  },
  {
    id: 'api-keys',
    name: 'API Gateway API keys per account per Region',
    scope: 'region',
    defaultValue: 10000,
    adjustable: false,
    counts: 'aws_api_gateway_api_key',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html',
    confirmed: true,
  },
  {
    id: 'kms-keys',
    name: 'KMS customer managed keys per Region',
    scope: 'region',
    defaultValue: 100000,
    adjustable: true,
    counts: 'aws_kms_key (keys pending deletion still count for their 7-30 day window)',
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html',
    confirmed: false,
  },
  {
    id: 'cloudwatch-alarms',
    name: 'CloudWatch alarms',
    scope: 'region',
    defaultValue: null,
    adjustable: false,
    counts: 'aws_cloudwatch_metric_alarm, aws_cloudwatch_composite_alarm',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html',
    confirmed: true,
    note: 'no limit on the number of alarms per account (only Metrics Insights alarms: 200)',
  },
  {
    id: 'dynamodb-tables',
    name: 'DynamoDB tables per account per Region',
    scope: 'region',
    defaultValue: 2500,
    adjustable: true,
    counts: 'aws_dynamodb_table',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html',
    confirmed: false,
    note: 'adjustable up to 10,000',
  },
  {
    id: 'log-groups',
    name: 'CloudWatch Logs log groups per Region',
    scope: 'region',
    defaultValue: 1000000,
    adjustable: true,
    counts: 'aws_cloudwatch_log_group',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html',
    confirmed: false,
  },
  {
    id: 'sqs-queues',
    name: 'SQS queues',
    scope: 'region',
    defaultValue: null,
    adjustable: false,
    counts: 'aws_sqs_queue',
    source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-queues.html',
    confirmed: false,
    note: 'no quota on the number of queues',
  },
  {
    id: 'sns-topics',
    name: 'SNS standard topics per Region',
    scope: 'region',
    defaultValue: 100000,
    adjustable: true,
    counts: 'aws_sns_topic',
    source: 'https://docs.aws.amazon.com/general/latest/gr/sns.html',
    confirmed: false,
  },
  {
    id: 'ssm-parameters',
    name: 'SSM Parameter Store standard parameters per Region',
    scope: 'region',
    defaultValue: 10000,
    adjustable: false,
    counts: 'aws_ssm_parameter (tier Standard, the default)',
    source: 'https://docs.aws.amazon.com/general/latest/gr/ssm.html',
    confirmed: false,
  },
  {
    id: 's3-buckets',
    name: 'S3 general purpose buckets per account',
    scope: 'account',
    defaultValue: 10000,
    adjustable: true,
    counts: 'aws_s3_bucket',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html',
    confirmed: true,
    note: 'global: shared by every Region; the default was 100 until 2024, older accounts may still show 100',
  },
];

/** Looks a quota up by id (throws for an unknown id, naming the known ones). */
export function quotaById(id: string): QuotaDefinition {
  const quota = QUOTAS.find((q) => q.id === id);
  if (!quota) throw new Error(`unknown quota "${id}"; known: ${QUOTAS.map((q) => q.id).join(', ')}`);
  return quota;
}
