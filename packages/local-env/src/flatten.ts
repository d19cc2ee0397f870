import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** cdktf's `--outputs-file` JSON: stack id → output id → value (whatever Terraform typed it as). */
export type NestedOutputs = Record<string, Record<string, unknown>>;
/** cfn-outputs/flat-outputs.json: one object, keys unique across stacks, scalar values only. */
export type FlatOutputs = Record<string, string | number | boolean>;

export class FlattenError extends Error {}

export interface FlattenOptions {
  /** Output ids per stack that Terraform marks sensitive; left out unless includeSensitive. Default none. */
  readonly sensitive?: Readonly<Record<string, ReadonlySet<string>>>;
  /** Keep sensitive outputs in the flat file. Default false. */
  readonly includeSensitive?: boolean;
}

export interface FlattenResult {
  readonly flat: FlatOutputs;
  /** `<stack>.<output>` of every sensitive output that was left out. */
  readonly omittedSensitive: string[];
}

/**
 * Flattens cdktf's nested outputs. The contract (docs/architecture.md, data flow 7): outputs are scalars with
 * app-wide unique ids, so a list/object value or a key found in two stacks is an error naming the
 * stack(s) and key, never silently stringified or overwritten. Keys are sorted for stable diffs.
 */
export function flattenOutputs(nested: unknown, options: FlattenOptions = {}): FlattenResult {
  if (typeof nested !== 'object' || nested === null || Array.isArray(nested)) {
    throw new FlattenError('outputs file must be a JSON object keyed by stack id (cdktf deploy --outputs-file)');
  }
  const owner = new Map<string, string>();
  const flat: FlatOutputs = {};
  const omittedSensitive: string[] = [];
  for (const [stack, outputs] of Object.entries(nested as Record<string, unknown>)) {
    if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs)) {
      throw new FlattenError(`stack "${stack}": expected an object of outputs, got ${describe(outputs)}`);
    }
    for (const [key, value] of Object.entries(outputs as Record<string, unknown>)) {
      if (options.sensitive?.[stack]?.has(key) && !options.includeSensitive) {
        omittedSensitive.push(`${stack}.${key}`);
        continue;
      }
      if (!(typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
        throw new FlattenError(
          `stack "${stack}" output "${key}" is ${describe(value)}; outputs must be scalars (join lists into one comma-separated string in the stack)`,
        );
      }
      const first = owner.get(key);
      if (first !== undefined) {
        throw new FlattenError(`output "${key}" is defined by both stack "${first}" and stack "${stack}"; output ids must be unique across the app (prefix them with the stack name)`);
      }
      owner.set(key, stack);
      flat[key] = value;
    }
  }
  const sorted: FlatOutputs = {};
  for (const key of Object.keys(flat).sort()) sorted[key] = flat[key];
  return { flat: sorted, omittedSensitive };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Which outputs are sensitive, per stack, read from the synthesized `output.<id>.sensitive` in
 * `<outDir>/stacks/<stack>/cdk.tf.json` (the deploy's outputs file does not say).
 */
export function sensitiveOutputs(outDir: string, stacks: readonly string[]): Record<string, Set<string>> {
  const result: Record<string, Set<string>> = {};
  for (const stack of stacks) {
    const file = join(outDir, 'stacks', stack, 'cdk.tf.json');
    // Without the synthesized JSON we cannot tell what is sensitive: refuse rather than leak.
    if (!existsSync(file)) throw new FlattenError(`cannot tell which outputs of stack "${stack}" are sensitive: ${file} is missing (synthesize first, or pass --synth-dir)`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { output?: Record<string, { sensitive?: boolean }> };
    const set = new Set<string>();
    for (const [id, output] of Object.entries(json.output ?? {})) if (output.sensitive === true) set.add(id);
    result[stack] = set;
  }
  return result;
}
