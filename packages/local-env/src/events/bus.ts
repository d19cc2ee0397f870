import { randomUUID } from 'node:crypto';

/** A rule from aws_cloudwatch_event_rule with its targets (aws_cloudwatch_event_target). */
export interface RuleSpec {
  readonly name: string;
  readonly busName: string;
  readonly pattern: Record<string, unknown>;
  readonly enabled: boolean;
  readonly targets: readonly TargetSpec[];
}

export interface TargetSpec {
  readonly id: string;
  readonly arn: string;
  /** Constant input instead of the event (target `input`). */
  readonly input?: string;
  /** Part of the event to deliver (target `input_path`, `$.a.b` only). */
  readonly inputPath?: string;
}

export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | number;
}

/** Delivers a matched event's payload to a target ARN (SQS queue or Lambda function). */
export type Deliver = (targetArn: string, payload: string) => Promise<void>;

/**
 * EventBridge PutEvents over the synthesized rules. Matching covers the pattern operators the stacks
 * use: exact values, prefix, suffix, anything-but (value, list or prefix), exists, numeric ranges,
 * equals-ignore-case, and nested fields. Delivery failures are recorded, not thrown (as EventBridge
 * retries asynchronously, the caller of PutEvents never sees them).
 */
export class EventBus {
  readonly deliveryErrors: string[] = [];

  constructor(private readonly rules: readonly RuleSpec[], private readonly deliver: Deliver, private readonly region: string, private readonly accountId: string) {}

  async put(entries: readonly PutEventsEntry[]): Promise<{ FailedEntryCount: number; Entries: ({ EventId: string } | { ErrorCode: string; ErrorMessage: string })[] }> {
    const results: ({ EventId: string } | { ErrorCode: string; ErrorMessage: string })[] = [];
    let failed = 0;
    for (const entry of entries) {
      if (!entry.Source || !entry.DetailType || !entry.Detail) {
        failed++;
        results.push({ ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source, DetailType and Detail are required.' });
        continue;
      }
      let detail: unknown;
      try {
        detail = JSON.parse(entry.Detail);
      } catch {
        failed++;
        results.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
        continue;
      }
      const id = randomUUID();
      const event = {
        version: '0',
        id,
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: this.accountId,
        time: new Date(entry.Time ? (typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time) : Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: this.region,
        resources: entry.Resources ?? [],
        detail,
      };
      const bus = busName(entry.EventBusName);
      for (const rule of this.rules) {
        if (!rule.enabled || rule.busName !== bus || !matches(rule.pattern, event)) continue;
        for (const target of rule.targets) {
          const payload = target.input ?? JSON.stringify(target.inputPath ? pick(event, target.inputPath) : event);
          void this.deliver(target.arn, payload).catch((error: unknown) => {
            this.deliveryErrors.push(`rule ${rule.name} target ${target.id}: ${(error as Error).message}`);
          });
        }
      }
      results.push({ EventId: id });
    }
    return { FailedEntryCount: failed, Entries: results };
  }
}

function busName(nameOrArn: string | undefined): string {
  if (!nameOrArn) return 'default';
  return nameOrArn.startsWith('arn:') ? nameOrArn.split('/').pop() ?? 'default' : nameOrArn;
}

function pick(event: unknown, path: string): unknown {
  let current = event;
  for (const key of path.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
    current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/** Whether an event matches an EventBridge pattern. */
export function matches(pattern: Record<string, unknown>, event: unknown): boolean {
  for (const [key, rule] of Object.entries(pattern)) {
    const value = typeof event === 'object' && event !== null ? (event as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(rule)) {
      if (!rule.some((r) => matchesOne(r, value))) return false;
    } else if (typeof rule === 'object' && rule !== null) {
      if (typeof value !== 'object' || value === null || !matches(rule as Record<string, unknown>, value)) return false;
    } else {
      return false; // EventBridge requires leaf values to be arrays.
    }
  }
  return true;
}

function matchesOne(rule: unknown, value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  if (typeof rule !== 'object' || rule === null) return value !== undefined && values.some((v) => v === rule);
  const op = rule as Record<string, unknown>;
  if ('exists' in op) return op.exists === (value !== undefined);
  if (value === undefined) return false;
  return values.some((v) => matchesOperator(op, v));
}

function matchesOperator(op: Record<string, unknown>, v: unknown): boolean {
  if (typeof op.prefix === 'string') return typeof v === 'string' && v.startsWith(op.prefix);
  if (typeof op.suffix === 'string') return typeof v === 'string' && v.endsWith(op.suffix);
  if (typeof op['equals-ignore-case'] === 'string') return typeof v === 'string' && v.toLowerCase() === (op['equals-ignore-case'] as string).toLowerCase();
  if ('anything-but' in op) {
    const but = op['anything-but'];
    if (Array.isArray(but)) return !but.includes(v);
    if (typeof but === 'object' && but !== null) return !matchesOperator(but as Record<string, unknown>, v);
    return v !== but;
  }
  if (Array.isArray(op.numeric)) {
    if (typeof v !== 'number') return false;
    const terms = op.numeric as unknown[];
    for (let i = 0; i + 1 < terms.length; i += 2) {
      const n = terms[i + 1] as number;
      const ok = { '<': v < n, '<=': v <= n, '=': v === n, '>': v > n, '>=': v >= n }[terms[i] as '<'];
      if (!ok) return false;
    }
    return true;
  }
  return false;
}
