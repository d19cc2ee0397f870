import { admittedConcurrency, DESIGN_DURATION_MS, type EnvironmentConfig, type FunctionKey } from '@tap/config';
import { allContracts } from '@tap/access';
import type { SynthesizedStack } from '@tap/quota';
import { MEASURED_DURATIONS_MS, type MeasuredDuration } from './durations';
import { effectiveLimits, SYNTH_SOURCES, CAPACITY_LIMITS, type CapacityLimitId } from './limits';
import { KEY_CARDINALITY, KMS_CALLS_PER_REQUEST, KMS_DECRYPTS_PER_NEW_ENVIRONMENT, WRITE_UNITS } from './paths';
import { readSynthModel, tableOfEnv, type SynthFunction, type SynthModel } from './synth-model';

/** One limit on one path, as requests (or messages) per second. */
export interface PathLimit {
  readonly name: string;
  readonly perSecond: number;
  readonly source: string;
}

export interface PathCapacity {
  /** `POST /payments`, or `async: <source> -> <consumer>`. */
  readonly path: string;
  readonly kind: 'route' | 'async';
  readonly stack: string;
  /** Sustained requests/s: the lowest limit, rounded down. */
  readonly sustained: number;
  readonly binding: PathLimit;
  readonly limits: readonly PathLimit[];
  /** The route's throttle burst (requests admitted at once on top of the rate). */
  readonly burst?: number;
}

export interface CapacityReport {
  readonly profile: string;
  readonly paths: readonly PathCapacity[];
  /** The API route with the lowest sustained rate. */
  readonly lowest?: PathCapacity;
  /** Hot or undeclared partition keys, stage admissions over a reservation, durations over design. */
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}

export interface CapacityInput {
  readonly config: EnvironmentConfig;
  readonly stacks: readonly SynthesizedStack[];
  /** Raised limits: capacity limit ids (and `lambda-concurrency`) → value. */
  readonly raised?: Readonly<Record<string, number>>;
  /** Handler durations to use instead of the committed table (the load run passes what it measured). */
  readonly durations?: Readonly<Partial<Record<FunctionKey, MeasuredDuration>>>;
}

const WRITE_ACTIONS = new Set(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']);

/** The measured duration of a function (p50 for throughput, p99 for what is in flight at once). */
function durationOf(key: FunctionKey | undefined, problems: string[], name: string, table: Readonly<Partial<Record<FunctionKey, MeasuredDuration>>> = MEASURED_DURATIONS_MS): { p50: number; p99: number } {
  const measured = key ? table[key] : undefined;
  if (!measured) {
    problems.push(`${name}: no measured duration in packages/capacity/src/durations.ts`);
    const design = key ? DESIGN_DURATION_MS[key] : 1000;
    return { p50: design, p99: design };
  }
  return measured;
}

/** Partition and table limits of the writes one path makes (units per request from WRITE_UNITS). */
function writeLimits(model: SynthModel, fn: SynthFunction, path: string, problems: string[], limits: Readonly<Record<CapacityLimitId, number>>): PathLimit[] {
  const out: PathLimit[] = [];
  for (const [tableName, units] of Object.entries(WRITE_UNITS[path] ?? {})) {
    const table = model.tables.find((t) => t.name === tableName);
    if (!table) {
      problems.push(`${path}: writes ${tableName}, which the synth does not have (packages/capacity/src/paths.ts)`);
      continue;
    }
    out.push({ name: `DynamoDB on-demand table ${tableName}`, perSecond: limits['dynamodb-table-on-demand-wru'] / units, source: sourceOf('dynamodb-table-on-demand-wru') });
    for (const key of table.partitionKeys) {
      const where = key.on === 'table' ? tableName : `${tableName} index ${key.on}`;
      const declared = KEY_CARDINALITY[tableName]?.[key.attribute];
      if (!declared) {
        problems.push(`${path}: partition key ${where}.${key.attribute} has no cardinality declared (packages/capacity/src/paths.ts)`);
        continue;
      }
      if (declared.kind === 'unique') continue;
      const values = declared.kind === 'fixed' ? declared.values : Number(model.functions.find((f) => f.stack === fn.stack && f.environment[declared.variable] !== undefined)?.environment[declared.variable] ?? 1);
      const perSecond = (limits['dynamodb-partition-wcu'] * values) / units;
      out.push({ name: `DynamoDB partition key ${where}.${key.attribute} (${values} value${values === 1 ? '' : 's'})`, perSecond, source: sourceOf('dynamodb-partition-wcu') });
      if (values <= 1) problems.push(`hot partition: ${path} writes ${where} under one constant partition key ${key.attribute} (${declared.why}): every write lands on one partition (${limits['dynamodb-partition-wcu']} WCU/s)`);
    }
  }
  return out;
}

function sourceOf(id: CapacityLimitId): string {
  return CAPACITY_LIMITS.find((l) => l.id === id)?.source ?? '';
}

function pick(limits: PathLimit[]): { sustained: number; binding: PathLimit } {
  const binding = limits.reduce((a, b) => (b.perSecond < a.perSecond ? b : a));
  return { sustained: Math.floor(binding.perSecond), binding };
}

/**
 * Per API route and per asynchronous path of one environment: the sustained rate its synthesized
 * configuration supports and the limit that binds. Account-wide limits are shared by the profile's
 * planned environments (config `concurrency.plannedEnvironments`): each gets an even share.
 */
export function computeCapacityReport(input: CapacityInput): CapacityReport {
  const { config } = input;
  const model = readSynthModel(input.stacks, config.suffix);
  const limits = effectiveLimits(input.raised);
  const planned = config.concurrency.plannedEnvironments;
  const share = (v: number): number => v / planned;
  const problems: string[] = [];
  const notes: string[] = [];
  const accountConcurrency = input.raised?.['lambda-concurrency'] ?? config.concurrency.accountLimit;
  const reservedSum = model.functions.reduce((s, f) => s + (f.reserved ?? 0), 0);
  const unreservedPerEnvironment = Math.max(0, (accountConcurrency - planned * reservedSum) / planned);
  const paths: PathCapacity[] = [];

  // Every table a contract writes must be on a declared path.
  for (const fn of model.functions) {
    const contract = allContracts().find((c) => c.function === fn.constructPath);
    for (const call of contract?.calls ?? []) {
      if (!WRITE_ACTIONS.has(call.action) || !call.resourceEnv) continue;
      const table = tableOfEnv(model, fn, call.resourceEnv);
      if (table && !Object.values(WRITE_UNITS).some((w) => table.name in w)) problems.push(`${fn.name} writes ${table.name} (${call.action}) on no path of packages/capacity/src/paths.ts`);
    }
  }

  const methodsPerFunction = new Map<string, number>();
  for (const r of model.routes) methodsPerFunction.set(r.fn.id, (methodsPerFunction.get(r.fn.id) ?? 0) + 1);

  for (const route of model.routes) {
    const fn = route.fn;
    const measured = durationOf(fn.key, problems, fn.name, input.durations);
    const ms = measured.p50;
    const list: PathLimit[] = [];
    if (Number.isFinite(route.throttle.rate) && route.throttle.rate >= 0) list.push({ name: `${route.throttle.from} ${route.throttle.rate} req/s`, perSecond: route.throttle.rate, source: SYNTH_SOURCES.methodThrottle });
    if (route.usagePlan) list.push({ name: `usage plan ${route.usagePlan.rate} req/s per key`, perSecond: route.usagePlan.rate, source: SYNTH_SOURCES.usagePlan });
    list.push({ name: `API Gateway account throttle / ${planned} environments`, perSecond: share(limits['apigw-account-rps']), source: sourceOf('apigw-account-rps') });
    if (fn.reserved !== undefined) {
      list.push({ name: `reserved concurrency ${fn.reserved} / ${ms} ms`, perSecond: fn.reserved / (ms / 1000), source: SYNTH_SOURCES.lambdaConcurrency });
      const methods = methodsPerFunction.get(fn.id) ?? 1;
      const admitted = admittedConcurrency(route.throttle, methods, fn.key ? DESIGN_DURATION_MS[fn.key] : measured.p50);
      if (admitted > fn.reserved) problems.push(`${route.label}: the stage admits ${admitted.toFixed(1)} executions of ${fn.name} at once (at the design duration), over its ${fn.reserved} reserved: overload would be a 500, not a 429`);
    } else {
      list.push({ name: `unreserved concurrency ${Math.floor(unreservedPerEnvironment)} per environment / ${ms} ms`, perSecond: unreservedPerEnvironment / (ms / 1000), source: SYNTH_SOURCES.lambdaConcurrency });
    }
    if (fn.key && measured.p99 > DESIGN_DURATION_MS[fn.key] && !notes.some((n) => n.startsWith(`${fn.name}:`))) notes.push(`${fn.name}: measured p99 ${measured.p99} ms (local) is over the ${DESIGN_DURATION_MS[fn.key]} ms its throttles are sized for (packages/config/src/throttles.ts)`);
    if (fn.key === 'event-pipeline.ingest') list.push({ name: `EventBridge PutEvents / ${planned} environments`, perSecond: share(limits['eventbridge-putevents-tps']), source: sourceOf('eventbridge-putevents-tps') });
    list.push(...writeLimits(model, fn, route.label, problems, limits));
    if (KMS_CALLS_PER_REQUEST > 0) list.push({ name: 'KMS symmetric requests', perSecond: share(limits['kms-symmetric-rps']) / KMS_CALLS_PER_REQUEST, source: sourceOf('kms-symmetric-rps') });
    paths.push({ path: route.label, kind: 'route', stack: route.stack, ...pick(list), limits: list, ...(Number.isFinite(route.throttle.burst) ? { burst: route.throttle.burst } : {}) });
  }

  for (const consumer of model.consumers) {
    const fn = consumer.fn;
    const ms = durationOf(fn.key, problems, fn.name, input.durations).p50;
    const path = `async: events queue -> process`;
    const concurrency = consumer.maximumConcurrency ?? fn.reserved ?? Math.min(limits['sqs-esm-max-concurrency'], unreservedPerEnvironment);
    const list: PathLimit[] = [
      { name: `event source mapping ${concurrency} batches of ${consumer.batchSize} / ${ms} ms`, perSecond: (concurrency * consumer.batchSize) / (ms / 1000), source: sourceOf('sqs-esm-max-concurrency') },
      { name: `EventBridge target invocations / ${planned} environments`, perSecond: share(limits['eventbridge-invocations-tps']), source: sourceOf('eventbridge-invocations-tps') },
      ...writeLimits(model, fn, path, problems, limits),
    ];
    paths.push({ path, kind: 'async', stack: consumer.stack, ...pick(list), limits: list });
  }
  notes.push('audit records: written in the payment transaction (docs/decisions/001), no queue: counted on POST /payments');
  // KMS: what scaling out costs (one Decrypt of the environment per new execution environment).
  const scaleDecrypts = model.functions.length * (limits['lambda-scaling-rate'] / 10) * KMS_DECRYPTS_PER_NEW_ENVIRONMENT;
  notes.push(`KMS: 0 calls per request on the CMKs (cached table and data keys); every function scaling out at the full Lambda rate at once would make ${scaleDecrypts} Decrypt/s, ${scaleDecrypts <= share(limits['kms-symmetric-rps']) ? 'within' : 'OVER'} the ${share(limits['kms-symmetric-rps'])}/s share of the ${limits['kms-symmetric-rps']}/s quota`);
  notes.push(`Lambda scaling: at most ${limits['lambda-scaling-rate']} new execution environments per function per 10 s; a ramp, never the sustained limit`);
  const routes = paths.filter((p) => p.kind === 'route');
  const lowest = routes.length > 0 ? routes.reduce((a, b) => (b.sustained < a.sustained ? b : a)) : undefined;
  return { profile: config.profile, paths, ...(lowest ? { lowest } : {}), problems: [...new Set(problems)], notes };
}

/** `capacity: <profile>: <route> <N> req/s (binding: <limit>)` for the lowest route. */
export function capacityLine(report: CapacityReport): string {
  if (!report.lowest) return `capacity: ${report.profile}: no API route`;
  return `capacity: ${report.profile}: ${report.lowest.path} ${report.lowest.sustained} req/s (binding: ${report.lowest.binding.name})`;
}
