import { parseReference, type SynthesizedStack } from '@tap/quota';
import type { FunctionKey } from '@tap/config';
import { FUNCTION_KEYS } from './paths';

type Body = Readonly<Record<string, unknown>>;

/** One Lambda function as synthesized. */
export interface SynthFunction {
  readonly stack: string;
  readonly id: string;
  /** function_name without the suffix, e.g. `rest-api-items`. */
  readonly name: string;
  readonly key?: FunctionKey;
  readonly reserved?: number;
  readonly environment: Readonly<Record<string, string>>;
  /** `<stack>/<construct id>`, what handler contracts name. */
  readonly constructPath: string;
}

/** One API method with a Lambda proxy integration. */
export interface SynthRoute {
  readonly stack: string;
  /** `POST /payments` */
  readonly label: string;
  readonly fn: SynthFunction;
  readonly throttle: { readonly rate: number; readonly burst: number; readonly from: string };
  readonly usagePlan?: { readonly rate: number; readonly burst: number };
}

export interface SynthQueueConsumer {
  readonly stack: string;
  readonly fn: SynthFunction;
  readonly batchSize: number;
  readonly maximumConcurrency?: number;
}

export interface SynthTable {
  readonly stack: string;
  readonly id: string;
  /** name without the suffix */
  readonly name: string;
  /** Partition keys: the table's hash key and each index's, as `attribute` → where (`table` or index name). */
  readonly partitionKeys: readonly { readonly attribute: string; readonly on: string }[];
}

export interface SynthModel {
  readonly functions: readonly SynthFunction[];
  readonly routes: readonly SynthRoute[];
  readonly consumers: readonly SynthQueueConsumer[];
  readonly tables: readonly SynthTable[];
  readonly eventBuses: number;
}

function blocks(stack: SynthesizedStack, type: string): [string, Body][] {
  return Object.entries(stack.json.resource?.[type] ?? {});
}

function list(value: unknown): Body[] {
  if (Array.isArray(value)) return value as Body[];
  return value && typeof value === 'object' ? [value as Body] : [];
}

function strip(name: unknown, suffix: string): string {
  const text = String(name ?? '');
  return text.endsWith(`-${suffix}`) ? text.slice(0, -suffix.length - 1) : text;
}

/** Reads what the capacity model needs from one environment's synthesized stacks. */
export function readSynthModel(stacks: readonly SynthesizedStack[], suffix: string): SynthModel {
  const functions: SynthFunction[] = [];
  const routes: SynthRoute[] = [];
  const consumers: SynthQueueConsumer[] = [];
  const tables: SynthTable[] = [];
  let eventBuses = 0;
  for (const stack of stacks) {
    const byId = new Map<string, SynthFunction>();
    for (const [id, body] of blocks(stack, 'aws_lambda_function')) {
      const name = strip(body.function_name, suffix);
      const meta = (body['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? '';
      const env = ((body.environment as { variables?: Record<string, unknown> } | undefined)?.variables ?? {}) as Record<string, unknown>;
      const fn: SynthFunction = {
        stack: stack.name,
        id,
        name,
        key: FUNCTION_KEYS[name],
        reserved: typeof body.reserved_concurrent_executions === 'number' ? body.reserved_concurrent_executions : undefined,
        environment: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
        constructPath: meta.split('/').slice(0, 2).join('/'),
      };
      functions.push(fn);
      byId.set(id, fn);
    }
    const aliasTarget = new Map<string, SynthFunction>();
    for (const [id, body] of blocks(stack, 'aws_lambda_alias')) {
      const ref = parseReference(body.function_name);
      const fn = ref ? byId.get(ref.id) : undefined;
      if (fn) aliasTarget.set(id, fn);
    }
    const target = (value: unknown): SynthFunction | undefined => {
      const ref = parseReference(value);
      if (!ref) return undefined;
      return ref.type === 'aws_lambda_alias' ? aliasTarget.get(ref.id) : byId.get(ref.id);
    };
    const resources = new Map(blocks(stack, 'aws_api_gateway_resource'));
    const pathOf = (resourceId: unknown): string => {
      const parts: string[] = [];
      let ref = parseReference(resourceId);
      while (ref && ref.type === 'aws_api_gateway_resource') {
        const r = resources.get(ref.id);
        if (!r) break;
        parts.unshift(String(r.path_part));
        ref = parseReference(r.parent_id);
      }
      return `/${parts.join('/')}`;
    };
    const methods = new Map(blocks(stack, 'aws_api_gateway_method'));
    const settings = new Map<string, { rate: number; burst: number }>();
    for (const [, body] of blocks(stack, 'aws_api_gateway_method_settings')) {
      const s = list(body.settings)[0] ?? {};
      settings.set(String(body.method_path), { rate: Number(s.throttling_rate_limit ?? -1), burst: Number(s.throttling_burst_limit ?? -1) });
    }
    const plan = blocks(stack, 'aws_api_gateway_usage_plan')
      .map(([, body]) => list(body.throttle_settings)[0])
      .find((t) => t !== undefined);
    for (const [, body] of blocks(stack, 'aws_api_gateway_integration')) {
      if (body.type !== 'AWS_PROXY') continue;
      const fn = target(body.uri);
      const methodRef = parseReference(body.http_method);
      const method = methodRef ? methods.get(methodRef.id) : undefined;
      if (!fn || !method) continue;
      const httpMethod = String(method.http_method);
      const path = pathOf(method.resource_id);
      const own = settings.get(`${path.replace(/^\//, '')}/${httpMethod}`);
      const stage = settings.get('*/*');
      const chosen = own ?? stage;
      routes.push({
        stack: stack.name,
        label: `${httpMethod} ${path}`,
        fn,
        throttle: chosen ? { ...chosen, from: own ? 'method throttle' : 'stage throttle' } : { rate: Infinity, burst: Infinity, from: 'none' },
        ...(method.api_key_required === true && plan ? { usagePlan: { rate: Number(plan.rate_limit), burst: Number(plan.burst_limit) } } : {}),
      });
    }
    for (const [, body] of blocks(stack, 'aws_lambda_event_source_mapping')) {
      const fn = target(body.function_name);
      if (!fn) continue;
      const scaling = list(body.scaling_config)[0];
      consumers.push({
        stack: stack.name,
        fn,
        batchSize: Number(body.batch_size ?? 10),
        ...(scaling?.maximum_concurrency !== undefined ? { maximumConcurrency: Number(scaling.maximum_concurrency) } : {}),
      });
    }
    for (const [id, body] of blocks(stack, 'aws_dynamodb_table')) {
      const keys = [{ attribute: String(body.hash_key), on: 'table' }, ...list(body.global_secondary_index).map((g) => ({ attribute: String(g.hash_key), on: String(g.name) }))];
      tables.push({ stack: stack.name, id, name: strip(body.name, suffix), partitionKeys: keys });
    }
    eventBuses += blocks(stack, 'aws_cloudwatch_event_bus').length;
  }
  routes.sort((a, b) => a.label.localeCompare(b.label));
  return { functions, routes, consumers, tables, eventBuses };
}

/** The table (name without the suffix) a function's environment variable names, if it names one. */
export function tableOfEnv(model: SynthModel, fn: SynthFunction, variable: string): SynthTable | undefined {
  const ref = parseReference(fn.environment[variable]);
  if (!ref || ref.type !== 'aws_dynamodb_table') return undefined;
  return model.tables.find((t) => t.stack === fn.stack && t.id === ref.id);
}
