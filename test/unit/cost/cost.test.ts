import { costLine, DEV_BUDGET_USD, estimateIdleCost, HOURS_PER_MONTH, monthly, PRICES, type SynthesizedStack } from '@tap/quota';
import type { StackJson } from '@tap/synth';

function stack(resource: Record<string, Record<string, Record<string, unknown>>>, name = 'fixture'): SynthesizedStack {
  return { name, json: { resource } as StackJson };
}

const lineOf = (estimate: ReturnType<typeof estimateIdleCost>, price: string) => estimate.lines.find((l) => l.price === price);

describe('price table', () => {
  it('hourly prices become monthly at 730 hours: NAT 32.85, public IPv4 3.65, interface endpoint ENI 7.30', () => {
    expect(HOURS_PER_MONTH).toBe(730);
    expect(monthly('nat-gateway')).toBeCloseTo(32.85, 2);
    expect(monthly('public-ipv4')).toBeCloseTo(3.65, 2);
    expect(monthly('interface-endpoint-eni')).toBeCloseTo(7.3, 2);
    expect(monthly('kms-key')).toBe(1);
  });

  it('every line names an AWS pricing page and the date it was read', () => {
    for (const line of Object.values(PRICES)) {
      expect(line.source).toMatch(/^https:\/\/aws\.amazon\.com\/.+\/pricing\//);
      expect(line.checked).toMatch(/^\d{4}-\d{2}$/);
    }
  });
});

describe('idle cost from synthesized resources', () => {
  it('prices NAT gateways, EIPs, interface endpoints per AZ and KMS keys; gateway endpoints are free', () => {
    const estimate = estimateIdleCost([
      stack({
        aws_nat_gateway: { a: {}, b: {} },
        aws_eip: { a: { domain: 'vpc' }, b: { domain: 'vpc' } },
        aws_vpc_endpoint: {
          sqs: { vpc_endpoint_type: 'Interface', subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'] },
          s3: { service_name: 'com.amazonaws.us-east-1.s3' },
        },
        aws_kms_key: { k: {} },
        aws_kms_alias: { k: {} },
      }),
    ]);
    expect(lineOf(estimate, 'nat-gateway')).toMatchObject({ units: 2, monthly: 65.7 });
    expect(lineOf(estimate, 'public-ipv4')).toMatchObject({ units: 2, monthly: 7.3 });
    expect(lineOf(estimate, 'interface-endpoint-eni')).toMatchObject({ units: 2, monthly: 14.6 });
    expect(lineOf(estimate, 'kms-key')).toMatchObject({ units: 1, monthly: 1 });
    expect(estimate.total).toBe(88.6);
    expect(estimate.lines[0].price).toBe('nat-gateway');
  });

  it('alarms: 0.10 per standard metric, 0.30 high resolution, per metric of a metric-math alarm', () => {
    const estimate = estimateIdleCost([
      stack({
        aws_cloudwatch_metric_alarm: {
          errors: { metric_name: 'Errors', period: 300 },
          fast: { metric_name: 'Errors', period: 10 },
          ratio: { metric_query: [{ id: 'e', metric: { metric_name: 'Errors' } }, { id: 'i', metric: { metric_name: 'Invocations' } }, { id: 'r', expression: 'e/i' }] },
        },
      }),
    ]);
    expect(lineOf(estimate, 'alarm-standard-metric')).toMatchObject({ units: 3, monthly: 0.3 });
    expect(lineOf(estimate, 'alarm-high-resolution-metric')).toMatchObject({ units: 1, monthly: 0.3 });
  });

  it('DynamoDB: on-demand costs nothing idle; provisioned capacity (table + GSIs) is billed per hour', () => {
    const onDemand = estimateIdleCost([stack({ aws_dynamodb_table: { t: { billing_mode: 'PAY_PER_REQUEST', point_in_time_recovery: { enabled: true } } } })]);
    expect(onDemand.total).toBe(0);
    const provisioned = estimateIdleCost([
      stack({ aws_dynamodb_table: { t: { billing_mode: 'PROVISIONED', read_capacity: 5, write_capacity: 5, global_secondary_index: [{ name: 'g', read_capacity: 1, write_capacity: 1 }] } } }),
    ]);
    // 6 WCU x 0.00065 x 730 = 2.85; 6 RCU x 0.00013 x 730 = 0.57
    expect(lineOf(provisioned, 'dynamodb-wcu')).toMatchObject({ units: 6, monthly: 2.85 });
    expect(lineOf(provisioned, 'dynamodb-rcu')).toMatchObject({ units: 6, monthly: 0.57 });
    // Terraform's default billing mode is PROVISIONED.
    expect(estimateIdleCost([stack({ aws_dynamodb_table: { t: { read_capacity: 1, write_capacity: 1 } } })]).total).toBeGreaterThan(0);
  });

  it('secrets, advanced parameters, hosted zones and stage caches have a monthly price; standard parameters do not', () => {
    const estimate = estimateIdleCost([
      stack({
        aws_secretsmanager_secret: { s: {} },
        aws_ssm_parameter: { std: { type: 'String' }, adv: { type: 'String', tier: 'Advanced' } },
        aws_route53_zone: { z: {} },
        aws_api_gateway_stage: { cached: { cache_cluster_enabled: true }, plain: {} },
      }),
    ]);
    expect(estimate.lines.map((l) => [l.price, l.units])).toEqual([
      ['api-gateway-cache-0.5gb', 1],
      ['route53-hosted-zone', 1],
      ['secrets-manager-secret', 1],
      ['ssm-advanced-parameter', 1],
    ]);
    expect(estimate.total).toBe(15.55);
  });

  it('resources billed per request cost nothing idle; unknown types are reported, not silently free', () => {
    const estimate = estimateIdleCost([
      stack({ aws_lambda_function: { f: {} }, aws_sqs_queue: { q: {} }, aws_s3_bucket: { b: {} }, aws_flow_log: { f: {} }, aws_elasticache_cluster: { c: {} } }),
    ]);
    expect(estimate.total).toBe(0);
    expect(estimate.zeroIdleResources).toBe(4);
    expect(estimate.unpricedTypes).toEqual(['aws_elasticache_cluster']);
  });

  it('a counted block multiplies its price', () => {
    expect(estimateIdleCost([stack({ aws_kms_key: { k: { count: 3 } } })]).total).toBe(3);
  });
});

describe('cost line', () => {
  it('shows the shared network separately and checks the dev budget', () => {
    const env = estimateIdleCost([stack({ aws_kms_key: { k: {} } })]);
    const shared = estimateIdleCost([stack({ aws_vpc_endpoint: { sqs: { vpc_endpoint_type: 'Interface', subnet_ids: ['a'] } } })]);
    expect(costLine('pr', env, shared)).toBe('cost: pr: 1.00 USD/month per environment (+ 7.30 USD/month shared network, once)');
    expect(costLine('dev', env)).toBe(`cost: dev: 1.00 USD/month per environment; budget ${DEV_BUDGET_USD}: ok`);
    const nat = estimateIdleCost([stack({ aws_nat_gateway: { n: {} } })]);
    expect(costLine('dev', nat)).toContain('OVER');
  });
});
