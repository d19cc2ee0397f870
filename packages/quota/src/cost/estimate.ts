import { resourceEntries, type ResourceEntry, type SynthesizedStack } from '../synthesized';
import { monthly, PRICES, ZERO_IDLE, type PriceId } from './prices';

/** One priced line of an estimate: a kind of charge, how many units, and the monthly amount. */
export interface CostLine {
  readonly price: PriceId;
  readonly item: string;
  readonly units: number;
  readonly unitMonthly: number;
  readonly monthly: number;
  /** Which resources the units come from (`stack: type.id`). */
  readonly from: readonly string[];
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  /** Monthly USD, rounded to cents. */
  readonly total: number;
  /** Resource types found that are in neither the priced rules nor ZERO_IDLE. */
  readonly unpricedTypes: readonly string[];
  /** Resource blocks counted at zero idle cost. */
  readonly zeroIdleResources: number;
  readonly warnings: readonly string[];
}

type Body = Readonly<Record<string, unknown>>;

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Metrics an alarm is billed for: one per `metric_query` that reads a metric, else one. */
function alarmMetrics(body: Body): number {
  const queries = asArray(body.metric_query).filter((q) => typeof q === 'object' && q !== null && 'metric' in q);
  return Math.max(1, queries.length);
}

/** Interface endpoint ENIs: one per subnet (AZ) it is placed in. */
function endpointEnis(entry: ResourceEntry, warnings: string[]): number {
  const subnets = entry.body.subnet_ids;
  if (Array.isArray(subnets)) return Math.max(1, subnets.length);
  if (subnets !== undefined) warnings.push(`${entry.stack}: ${entry.type}.${entry.id} subnet_ids is a token; priced as 1 AZ`);
  return 1;
}

/** Provisioned capacity of a table and its GSIs (none for on-demand tables). */
function provisioned(body: Body): { rcu: number; wcu: number } {
  // PROVISIONED is Terraform's default billing mode.
  if (body.billing_mode === 'PAY_PER_REQUEST') return { rcu: 0, wcu: 0 };
  let rcu = num(body.read_capacity);
  let wcu = num(body.write_capacity);
  for (const gsi of asArray(body.global_secondary_index)) {
    rcu += num((gsi as Body).read_capacity);
    wcu += num((gsi as Body).write_capacity);
  }
  return { rcu, wcu };
}

/** Units of each priced charge a resource brings; empty when it costs nothing idle. */
function charges(entry: ResourceEntry, warnings: string[]): [PriceId, number][] {
  const b = entry.body;
  switch (entry.type) {
    case 'aws_nat_gateway':
      return [['nat-gateway', 1]];
    case 'aws_eip':
      return [['public-ipv4', 1]];
    case 'aws_vpc_endpoint':
      return b.vpc_endpoint_type === 'Interface' || b.vpc_endpoint_type === 'GatewayLoadBalancer' ? [['interface-endpoint-eni', endpointEnis(entry, warnings)]] : [];
    case 'aws_kms_key':
      return [['kms-key', 1]];
    case 'aws_cloudwatch_metric_alarm':
      return [[num(b.period) > 0 && num(b.period) < 60 ? 'alarm-high-resolution-metric' : 'alarm-standard-metric', alarmMetrics(b)]];
    case 'aws_cloudwatch_composite_alarm':
      return [['composite-alarm', 1]];
    case 'aws_dynamodb_table': {
      const { rcu, wcu } = provisioned(b);
      return [['dynamodb-wcu', wcu], ['dynamodb-rcu', rcu]].filter(([, n]) => (n as number) > 0) as [PriceId, number][];
    }
    case 'aws_route53_zone':
      return [['route53-hosted-zone', 1]];
    case 'aws_secretsmanager_secret':
      return [['secrets-manager-secret', 1]];
    case 'aws_ssm_parameter':
      return b.tier === 'Advanced' ? [['ssm-advanced-parameter', 1]] : [];
    case 'aws_api_gateway_stage':
      return b.cache_cluster_enabled === true ? [['api-gateway-cache-0.5gb', 1]] : [];
    case 'aws_cloudwatch_dashboard':
      return [['cloudwatch-dashboard', 1]];
    case 'aws_lb':
    case 'aws_alb':
      return [['load-balancer', 1]];
    case 'aws_wafv2_web_acl':
      // The ACL plus each rule (a managed rule group counts as one rule).
      return [['waf-web-acl', 1], ['waf-rule', Math.max(0, asArray(b.rule).length)]].filter(([, n]) => (n as number) > 0) as [PriceId, number][];
    default:
      return [];
  }
}

const PRICED_TYPES = new Set([
  'aws_nat_gateway', 'aws_eip', 'aws_vpc_endpoint', 'aws_kms_key', 'aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm',
  'aws_dynamodb_table', 'aws_route53_zone', 'aws_secretsmanager_secret', 'aws_ssm_parameter', 'aws_api_gateway_stage',
  'aws_cloudwatch_dashboard', 'aws_lb', 'aws_alb', 'aws_wafv2_web_acl',
]);

const round = (n: number): number => Math.round(n * 100) / 100;

/** Idle monthly cost of a set of stacks (one environment, or a shared baseline), from their synthesized JSON. */
export function estimateIdleCost(stacks: readonly SynthesizedStack[]): CostEstimate {
  const warnings: string[] = [];
  const byPrice = new Map<PriceId, { units: number; from: string[] }>();
  const unpriced = new Set<string>();
  let zeroIdle = 0;
  for (const entry of resourceEntries(stacks)) {
    if (entry.uncertain) warnings.push(`${entry.stack}: ${entry.type}.${entry.id} has a computed count/for_each; priced as 1`);
    const found = charges(entry, warnings);
    if (found.length === 0) {
      if (PRICED_TYPES.has(entry.type) || ZERO_IDLE.some((z) => entry.type.startsWith(z.prefix))) zeroIdle += entry.multiplicity;
      else unpriced.add(entry.type);
      continue;
    }
    for (const [price, units] of found) {
      const slot = byPrice.get(price) ?? { units: 0, from: [] };
      slot.units += units * entry.multiplicity;
      slot.from.push(`${entry.stack}: ${entry.type}.${entry.id}`);
      byPrice.set(price, slot);
    }
  }
  const lines = [...byPrice.entries()]
    .map(([price, { units, from }]): CostLine => ({ price, item: PRICES[price].item, units, unitMonthly: round(monthly(price)), monthly: round(units * monthly(price)), from }))
    .sort((a, b) => b.monthly - a.monthly || a.item.localeCompare(b.item));
  return { lines, total: round(lines.reduce((sum, l) => sum + l.monthly, 0)), unpricedTypes: [...unpriced].sort(), zeroIdleResources: zeroIdle, warnings };
}

