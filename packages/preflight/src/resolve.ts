import { dataSources, refs, resources, type TfResource, type StackDoc, type StackJson } from '@tap/synth';

/**
 * Reference resolution, the way Terraform resolves it at plan time: an attribute that names another
 * resource (by interpolation, by literal name or ARN, through an alias, a version or a data-source lookup)
 * is followed to the resource it ends at. Rules that check a relation (queue ↔ consumer, permission →
 * function, key → resource) resolve through here, and report an unresolved reference instead of passing.
 */

/** Where a reference ended. */
export type Resolution =
  | { readonly kind: 'resolved'; readonly resource: TfResource; readonly stack: string; readonly via: readonly string[] }
  | { readonly kind: 'unresolved'; readonly reference: string; readonly reason: string };

/** A reference that could not be followed: the text of the reference and why. */
export type Unresolved = Extract<Resolution, { kind: 'unresolved' }>;

const resolved = (resource: TfResource, stack: string, via: readonly string[]): Resolution => ({ kind: 'resolved', resource, stack, via });
const unresolved = (reference: unknown, reason: string): Unresolved => ({ kind: 'unresolved', reference: typeof reference === 'string' ? reference : JSON.stringify(reference), reason });

/** The resource `type.name` in the stack, if any. */
function byAddress(json: StackJson, type: string, name: string): TfResource | undefined {
  return resources(json, type).find((r) => r.name === name);
}

/** Last path segment of an ARN-like literal after `marker` (`arn:...:function:NAME[:qualifier]` → NAME). */
function arnName(value: string, marker: string): string | undefined {
  const m = new RegExp(`^arn:[^:]+:[^:]+:[^:]*:[^:]*:${marker}[:/]([^:/]+)`).exec(value);
  return m?.[1];
}

/** Function-valued attributes: a function's own, or one reached through an alias, a version or a data source. */
const FUNCTION_ATTRS = new Set(['arn', 'function_name', 'id', 'invoke_arn', 'qualified_arn', 'qualified_invoke_arn', 'version']);

/**
 * The `aws_lambda_function` a value names: `${aws_lambda_function.f.*}`, `${aws_lambda_alias.a.arn}` (→ the
 * alias's function_name), `${data.aws_lambda_function.d.*}` (→ its function_name, looked up in every stack of
 * the app like the data source would at plan time), a literal function name, or a (qualified) function ARN.
 */
export function resolveFunction(value: unknown, stack: StackDoc, app: readonly StackDoc[] = [stack], via: readonly string[] = []): Resolution {
  if (typeof value !== 'string' || value.trim() === '') return unresolved(value, 'no function named');
  if (via.length > 5) return unresolved(value, `reference loop through ${via.join(' → ')}`);
  const ref = refs(value)[0];
  if (ref) {
    const address = `${ref.data ? 'data.' : ''}${ref.type}.${ref.name}`;
    if (ref.data) {
      if (ref.type !== 'aws_lambda_function') return unresolved(value, `${address} is not a function lookup`);
      const data = dataSources(stack.json, ref.type).find((d) => d.name === ref.name);
      if (!data) return unresolved(value, `${address} is not declared in stack ${stack.name}`);
      return resolveLiteralFunction(data.body.function_name, app, [...via, address], value);
    }
    const target = byAddress(stack.json, ref.type, ref.name);
    if (!target) return unresolved(value, `${address} is not declared in stack ${stack.name}`);
    if (ref.type === 'aws_lambda_function' && FUNCTION_ATTRS.has(ref.attr)) return resolved(target, stack.name, [...via, address]);
    if ((ref.type === 'aws_lambda_alias' || ref.type === 'aws_lambda_provisioned_concurrency_config' || ref.type === 'aws_lambda_function_url') && target.body.function_name !== undefined) {
      return resolveFunction(target.body.function_name, stack, app, [...via, address]);
    }
    return unresolved(value, `${address}.${ref.attr} does not name a function`);
  }
  return resolveLiteralFunction(value, app, via, value);
}

/** A literal function name or ARN, matched against the function_name of every function in the app. */
function resolveLiteralFunction(value: unknown, app: readonly StackDoc[], via: readonly string[], original: unknown): Resolution {
  if (typeof value !== 'string') return unresolved(original, `${via[via.length - 1] ?? 'the reference'} has no literal function_name`);
  const name = value.startsWith('arn:') ? arnName(value, 'function') : value.split(':')[0];
  if (!name) return unresolved(original, `"${value}" is not a function name or ARN`);
  for (const s of app) {
    const fn = resources(s.json, 'aws_lambda_function').find((f) => f.body.function_name === name);
    if (fn) return resolved(fn, s.name, [...via, fn.address]);
  }
  return unresolved(original, `no aws_lambda_function named "${name}" in this app (it would be looked up in the account at plan time)`);
}

/**
 * The `aws_sqs_queue` a value names: `${aws_sqs_queue.q.arn|url|id}`, `${data.aws_sqs_queue.d.*}` (→ its name,
 * looked up in the app), a literal queue URL or ARN. Non-SQS event sources (Kinesis, DynamoDB streams) are
 * `undefined`: no queue to resolve.
 */
export function resolveQueue(value: unknown, stack: StackDoc, app: readonly StackDoc[] = [stack]): Resolution | undefined {
  if (typeof value !== 'string' || value.trim() === '') return unresolved(value, 'no queue named');
  const ref = refs(value)[0];
  if (ref) {
    const address = `${ref.data ? 'data.' : ''}${ref.type}.${ref.name}`;
    if (ref.data) {
      if (ref.type !== 'aws_sqs_queue') return ref.type.startsWith('aws_sqs') ? unresolved(value, `${address} is not a queue lookup`) : undefined;
      const data = dataSources(stack.json, ref.type).find((d) => d.name === ref.name);
      if (!data) return unresolved(value, `${address} is not declared in stack ${stack.name}`);
      return literalQueue(data.body.name, app, [address], value);
    }
    if (ref.type !== 'aws_sqs_queue') return ref.type.startsWith('aws_sqs') ? unresolved(value, `${address} is not a queue`) : undefined;
    const target = byAddress(stack.json, ref.type, ref.name);
    return target ? resolved(target, stack.name, [address]) : unresolved(value, `${address} is not declared in stack ${stack.name}`);
  }
  if (value.startsWith('arn:') && !/^arn:[^:]+:sqs:/.test(value)) return undefined;
  const name = value.startsWith('arn:') ? value.split(':')[5] : /sqs\.[^/]+\/\d+\/([^/]+)$/.exec(value)?.[1] ?? value;
  return literalQueue(name, app, [], value);
}

function literalQueue(name: unknown, app: readonly StackDoc[], via: readonly string[], original: unknown): Resolution {
  if (typeof name !== 'string') return unresolved(original, `${via[0] ?? 'the reference'} has no literal queue name`);
  for (const s of app) {
    const q = resources(s.json, 'aws_sqs_queue').find((r) => r.body.name === name);
    if (q) return resolved(q, s.name, [...via, q.address]);
  }
  return unresolved(original, `no aws_sqs_queue named "${name}" in this app`);
}

/**
 * The resource of one of `types` that a value references by interpolation (`${type.name.attr}`) in this stack,
 * e.g. a KMS key behind `kms_key_arn` (`aws_kms_key` directly, or through `aws_kms_alias.target_key_id`).
 */
export function resolveResource(value: unknown, stack: StackDoc, types: readonly string[]): Resolution {
  const ref = refs(value).find((r) => !r.data);
  if (!ref) return unresolved(value, `not a reference to ${types.join(' or ')}`);
  const target = byAddress(stack.json, ref.type, ref.name);
  if (!target) return unresolved(value, `${ref.type}.${ref.name} is not declared in stack ${stack.name}`);
  if (types.includes(ref.type)) return resolved(target, stack.name, [target.address]);
  if (ref.type === 'aws_kms_alias' && types.includes('aws_kms_key')) {
    const key = resolveResource(target.body.target_key_id, stack, types);
    return key.kind === 'resolved' ? { ...key, via: [target.address, ...key.via] } : key;
  }
  return unresolved(value, `${ref.type}.${ref.name} is not ${types.join(' or ')}`);
}

/** The warning text for an unresolved reference (rules report it at severity warning). */
export function unresolvedMessage(attribute: string, u: Unresolved, consequence: string): string {
  return `cannot resolve ${attribute} "${u.reference}": ${u.reason}, so ${consequence} is not checked. Fix: reference the resource in this app (\${type.name.arn}, an alias or a version of it), or suppress with the reason it lives elsewhere.`;
}

/** What a `kms_key_id` / `kms_key_arn` / `kms_master_key_id` value names. */
export type KeyResolution = { readonly kind: 'customer'; readonly key: TfResource } | { readonly kind: 'aws-managed'; readonly alias: string } | Unresolved;

/**
 * The key behind a KMS attribute: `${aws_kms_key.k.arn|id|key_id}` or `${aws_kms_alias.a.arn|name}` (→ its
 * target_key_id) is a customer-managed key of the stack; a literal `alias/aws/<service>` (or its ARN) is the
 * AWS-managed key; anything else (another account's key, a typo) is unresolved.
 */
export function resolveKey(value: unknown, stack: StackDoc): KeyResolution {
  if (typeof value === 'string') {
    const managed = /(?:^|:)(alias\/aws\/[a-z0-9-]+)$/.exec(value.trim());
    if (managed) return { kind: 'aws-managed', alias: managed[1] };
  }
  const key = resolveResource(value, stack, ['aws_kms_key']);
  return key.kind === 'resolved' ? { kind: 'customer', key: key.resource } : key;
}
