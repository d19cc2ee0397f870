import { capacityLine, computeCapacityReport, raisedFromOverrides, type CapacityReport } from '@tap/capacity';
import { parseOverrides } from '@tap/quota';
import { getEnvironmentConfig, type ConfigOverrides } from '@tap/config';
import { synthesizeConfig } from '@tap/quota';
import type { SynthesizedStack } from '@tap/quota';
import { SHARED_SUFFIX } from '../../helpers/shared-synth';

// The capacity model over real synths of the app: what each path sustains, and the partition keys,
// reservations and throttles it reports.
jest.setTimeout(120_000);

function report(overrides?: ConfigOverrides, edit?: (stacks: SynthesizedStack[]) => void): CapacityReport {
  const config = getEnvironmentConfig({ suffix: SHARED_SUFFIX, profile: 'dev', ...(overrides ? { overrides } : {}) });
  const stacks = JSON.parse(JSON.stringify(synthesizeConfig(config))) as SynthesizedStack[];
  edit?.(stacks);
  return computeCapacityReport({ config, stacks });
}

describe('capacity model', () => {
  const dev = report();

  it('every API route and the event pipeline get a sustained rate and a binding limit; the line names the lowest route', () => {
    const paths = dev.paths.map((p) => p.path);
    for (const route of ['POST /payments', 'GET /payments/{id}', 'POST /items', 'GET /items', 'POST /events', 'async: events queue -> process']) expect(paths).toContain(route);
    for (const p of dev.paths) {
      expect(p.sustained).toBeGreaterThan(0);
      expect(p.limits.every((l) => l.source.startsWith('https://docs.aws.amazon.com/'))).toBe(true);
      expect(p.sustained).toBe(Math.floor(Math.min(...p.limits.map((l) => l.perSecond))));
    }
    expect(dev.problems).toEqual([]);
    const lowest = Math.min(...dev.paths.filter((p) => p.kind === 'route').map((p) => p.sustained));
    expect(capacityLine(dev)).toMatch(new RegExp(`^capacity: dev: [A-Z]+ \\S+ ${lowest} req/s \\(binding: .+\\)$`));
  });

  it('the items list index spread over the configured shards: a partition limit of 1,000 WCU per shard, no hot key', () => {
    const post = dev.paths.find((p) => p.path === 'POST /items');
    const shardLimit = post?.limits.find((l) => l.name.includes('index by-created.listKey'));
    expect(shardLimit?.name).toContain('(4 values)');
    expect(shardLimit?.perSecond).toBe(4000);
  });

  it('a forced single shard makes the check report the hot key on every item write path', () => {
    const single = report({ dynamodb: { itemListShards: 1 } });
    const hot = single.problems.filter((p) => p.startsWith('hot partition:'));
    expect(hot.length).toBe(3);
    for (const route of ['POST /items', 'PUT /items/{id}', 'DELETE /items/{id}']) expect(hot.some((p) => p.includes(`${route} writes rest-api-items index by-created under one constant partition key listKey`))).toBe(true);
  });

  it('a partition key with no declared cardinality is reported (a new index is never assumed to spread)', () => {
    const edited = report(undefined, (stacks) => {
      const items = stacks.find((s) => s.name.endsWith('rest-api'));
      const table = Object.values(items?.json.resource?.aws_dynamodb_table ?? {})[0] as Record<string, unknown>;
      table.global_secondary_index = [...(table.global_secondary_index as unknown[]), { name: 'by-status', hash_key: 'status', projection_type: 'ALL' }];
    });
    expect(edited.problems).toContain('POST /items: partition key rest-api-items index by-status.status has no cardinality declared (packages/capacity/src/paths.ts)');
  });

  it('a stage that admits more than a reservation holds is reported (a 500 instead of a 429)', () => {
    const edited = report(undefined, (stacks) => {
      const rest = stacks.find((s) => s.name.endsWith('rest-api'));
      for (const settings of Object.values(rest?.json.resource?.aws_api_gateway_method_settings ?? {}) as { settings: Record<string, number> }[]) settings.settings.throttling_burst_limit = 100;
    });
    expect(edited.problems.some((p) => /^POST \/items: the stage admits \d+(\.\d)? executions of rest-api-items at once .* over its 10 reserved/.test(p))).toBe(true);
  });

  it('raised limits come from the quota overrides file; unknown capacity ids are refused', () => {
    expect(raisedFromOverrides(parseOverrides({ quotas: { 'lambda-concurrency': 3000 }, capacity: { 'eventbridge-putevents-tps': 20000 } }))).toEqual({ 'eventbridge-putevents-tps': 20000, 'lambda-concurrency': 3000 });
    expect(() => raisedFromOverrides(parseOverrides({ capacity: { 'not-a-limit': 1 } }))).toThrow(/capacity.not-a-limit: unknown limit id/);
  });
});
