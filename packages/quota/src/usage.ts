import type { QuotaId } from './quotas';
import { countOf, parseReference, resourceEntries, type ResourceEntry, type SynthesizedStack } from './synthesized';

/** What one set of stacks (one environment, or a one-time shared baseline) consumes of each quota. */
export interface Usage {
  readonly use: Readonly<Record<QuotaId, number>>;
  /** Whether these stacks create a VPC of their own (per-VPC quotas are then a fit check, not a pool). */
  readonly ownsVpc: boolean;
  /** Stacks measured. */
  readonly stacks: readonly string[];
  /** Things the JSON could not say exactly (token counts), so the figure is an estimate. */
  readonly warnings: readonly string[];
}

type Body = Readonly<Record<string, unknown>>;

function endpointType(body: Body): string {
  return typeof body.vpc_endpoint_type === 'string' ? body.vpc_endpoint_type : 'Gateway';
}

/** Endpoint types of a REST API: `endpoint_configuration.types`, EDGE when absent (the API Gateway default). */
function restApiTypes(body: Body): string[] {
  const config = Array.isArray(body.endpoint_configuration) ? body.endpoint_configuration[0] : body.endpoint_configuration;
  const types = (config as { types?: unknown } | undefined)?.types;
  return Array.isArray(types) && types.length > 0 ? types.map(String) : ['EDGE'];
}

/**
 * NAT gateways in the busiest Availability Zone. Each NAT is placed in the AZ of its subnet (the
 * subnet's `availability_zone` expression, literal or token); a NAT block with `count` is spread evenly
 * over the distinct AZs of the stack's subnets, i.e. ceil(NATs / AZs used).
 */
function natPerAz(entries: readonly ResourceEntry[]): number {
  const subnets = new Map(entries.filter((e) => e.type === 'aws_subnet').map((e) => [`${e.stack}/${e.id}`, e.body]));
  const perAz = new Map<string, number>();
  for (const nat of entries.filter((e) => e.type === 'aws_nat_gateway')) {
    if (nat.multiplicity > 1) {
      const azs = new Set(entries.filter((e) => e.type === 'aws_subnet' && e.stack === nat.stack).map((e) => String(e.body.availability_zone ?? e.id)));
      const each = Math.ceil(nat.multiplicity / Math.max(1, azs.size));
      for (const az of azs.size > 0 ? azs : new Set([`${nat.stack}/${nat.id}`])) perAz.set(az, (perAz.get(az) ?? 0) + each);
      continue;
    }
    const ref = parseReference(nat.body.subnet_id);
    const subnet = ref?.type === 'aws_subnet' ? subnets.get(`${nat.stack}/${ref.id}`) : undefined;
    const az = subnet?.availability_zone ?? subnet?.availability_zone_id ?? nat.body.subnet_id ?? `${nat.stack}/${nat.id}`;
    const key = String(az);
    perAz.set(key, (perAz.get(key) ?? 0) + nat.multiplicity);
  }
  return Math.max(0, ...perAz.values());
}

function reservedConcurrency(entries: readonly ResourceEntry[]): number {
  return entries
    .filter((e) => e.type === 'aws_lambda_function')
    .reduce((sum, e) => {
      const value = e.body.reserved_concurrent_executions;
      // -1 (the provider default) means "no reservation".
      return sum + (typeof value === 'number' && value > 0 ? value * e.multiplicity : 0);
    }, 0);
}

/** Counts what the given stacks consume of every quota in the table. */
export function measureUsage(stacks: readonly SynthesizedStack[]): Usage {
  const entries = resourceEntries(stacks);
  const warnings = entries
    .filter((e) => e.uncertain)
    .map((e) => `${e.stack}: ${e.type}.${e.id} has a computed count/for_each; counted as 1`);
  const count = (type: string, filter?: (body: Body) => boolean): number => countOf(entries, type, filter);
  const tokenConcurrency = entries.filter(
    (e) => e.type === 'aws_lambda_function' && typeof e.body.reserved_concurrent_executions === 'string',
  );
  for (const e of tokenConcurrency) warnings.push(`${e.stack}: ${e.id} reserved concurrency is a token; not counted`);

  const use: Record<QuotaId, number> = {
    vpcs: count('aws_vpc'),
    'internet-gateways': count('aws_internet_gateway'),
    'elastic-ips': count('aws_eip'),
    'nat-gateways-per-az': natPerAz(entries),
    'interface-endpoints-per-vpc': count('aws_vpc_endpoint', (b) => ['Interface', 'GatewayLoadBalancer'].includes(endpointType(b))),
    'gateway-endpoints': count('aws_vpc_endpoint', (b) => endpointType(b) === 'Gateway'),
    // Every VPC comes with its own default security group, which counts like any other.
    'security-groups': count('aws_security_group') + count('aws_vpc'),
    'iam-roles': count('aws_iam_role'),
    'lambda-concurrency': reservedConcurrency(entries),
    'lambda-functions': count('aws_lambda_function'),
    'event-buses': count('aws_cloudwatch_event_bus'),
    'rest-apis-regional': count('aws_api_gateway_rest_api', (b) => !restApiTypes(b).includes('EDGE')),
    'rest-apis-edge': count('aws_api_gateway_rest_api', (b) => restApiTypes(b).includes('EDGE')),
    'usage-plans': count('aws_api_gateway_usage_plan'),
    'api-keys': count('aws_api_gateway_api_key'),
    'kms-keys': count('aws_kms_key'),
    'cloudwatch-alarms': count('aws_cloudwatch_metric_alarm') + count('aws_cloudwatch_composite_alarm'),
    'dynamodb-tables': count('aws_dynamodb_table'),
    'log-groups': count('aws_cloudwatch_log_group'),
    'sqs-queues': count('aws_sqs_queue'),
    'sns-topics': count('aws_sns_topic'),
    'ssm-parameters': count('aws_ssm_parameter', (b) => b.tier !== 'Advanced'),
    's3-buckets': count('aws_s3_bucket'),
  };
  return { use, ownsVpc: use.vpcs > 0, stacks: stacks.map((s) => s.name), warnings };
}
