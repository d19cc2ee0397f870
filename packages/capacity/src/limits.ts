/**
 * The AWS limits the capacity model applies, each with the page it was read on (checked 2026-12 against
 * the AWS documentation). Ids are what `quota-overrides.json` accepts under `"capacity"` (raised limits),
 * beside the quota ids `pnpm quota` reads; `lambda-concurrency` is the quota table's own id.
 */
export interface CapacityLimit {
  readonly id: CapacityLimitId;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** What the figure applies to. */
  readonly scope: string;
  readonly adjustable: boolean;
  readonly source: string;
}

export type CapacityLimitId =
  | 'apigw-account-rps'
  | 'lambda-scaling-rate'
  | 'dynamodb-partition-wcu'
  | 'dynamodb-partition-rcu'
  | 'dynamodb-table-on-demand-wru'
  | 'eventbridge-putevents-tps'
  | 'eventbridge-invocations-tps'
  | 'kms-symmetric-rps'
  | 'sqs-esm-max-concurrency';

export const CAPACITY_LIMITS: readonly CapacityLimit[] = [
  {
    id: 'apigw-account-rps',
    name: 'API Gateway throttle per account and Region (all APIs; burst 5,000)',
    value: 10_000,
    unit: 'req/s',
    scope: 'account and Region, shared by every environment',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
  },
  {
    id: 'lambda-scaling-rate',
    name: 'Lambda concurrency scaling rate per function (a ramp, not a ceiling)',
    value: 1_000,
    unit: 'executions per 10 s',
    scope: 'function',
    adjustable: false,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html',
  },
  {
    id: 'dynamodb-partition-wcu',
    name: 'DynamoDB writes per partition (one partition key value)',
    value: 1_000,
    unit: 'WCU/s',
    scope: 'partition',
    adjustable: false,
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html',
  },
  {
    id: 'dynamodb-partition-rcu',
    name: 'DynamoDB reads per partition (one partition key value)',
    value: 3_000,
    unit: 'RCU/s',
    scope: 'partition',
    adjustable: false,
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html',
  },
  {
    id: 'dynamodb-table-on-demand-wru',
    name: 'DynamoDB on-demand table-level write throughput (table and each index)',
    value: 40_000,
    unit: 'WRU/s',
    scope: 'table',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode-max-throughput.html',
  },
  {
    id: 'eventbridge-putevents-tps',
    name: 'EventBridge PutEvents per account and Region (us-east-1; 2,400 in us-east-2, less elsewhere)',
    value: 10_000,
    unit: 'req/s',
    scope: 'account and Region, shared by every environment',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html',
  },
  {
    id: 'eventbridge-invocations-tps',
    name: 'EventBridge target invocations per account and Region (us-east-1)',
    value: 18_750,
    unit: 'req/s',
    scope: 'account and Region, shared by every environment',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html',
  },
  {
    id: 'kms-symmetric-rps',
    name: 'KMS cryptographic operations (symmetric), shared (10,000 in most Regions; 20,000 to 100,000 in some)',
    value: 10_000,
    unit: 'req/s',
    scope: 'account and Region, shared by every environment',
    adjustable: true,
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html',
  },
  {
    id: 'sqs-esm-max-concurrency',
    name: 'SQS event source mapping: concurrent batches without maximum concurrency',
    value: 1_000,
    unit: 'batches at once',
    scope: 'event source mapping',
    adjustable: false,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html',
  },
];

export const CAPACITY_LIMIT_IDS: readonly string[] = CAPACITY_LIMITS.map((l) => l.id);

/** Sources of the figures the model reads from the synthesized JSON instead of a fixed table. */
export const SYNTH_SOURCES = {
  methodThrottle: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html',
  usagePlan: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html',
  lambdaConcurrency: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  lambdaThrottleBehindApi: 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html',
} as const;

/** The limits in effect: the table, with an account's raised values. */
export function effectiveLimits(raised: Readonly<Record<string, number>> = {}): Readonly<Record<CapacityLimitId, number>> {
  const out = {} as Record<CapacityLimitId, number>;
  for (const limit of CAPACITY_LIMITS) out[limit.id] = raised[limit.id] ?? limit.value;
  return out;
}
