import { dirname } from 'node:path';
import { loadSynthDir } from '@tap/preflight';

/** One synthesized stack's JSON, as much of it as the local environment reads. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  ephemeral?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean }>;
  locals?: Record<string, unknown>;
}

/** A synthesized stack: id, its directory (asset paths are relative to it) and its JSON. */
export interface SynthStack {
  readonly id: string;
  readonly dir: string;
  readonly json: StackJson;
}

/** One resource of a stack, addressed as Terraform does: `<type>.<name>`. */
export interface TfResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly config: Record<string, unknown>;
}

/** Reads every stack of a cdktf output directory (preflight's loader); asset paths are relative to each stack's folder. */
export function readSynthesized(outDir: string, only?: readonly string[]): SynthStack[] {
  return loadSynthDir(outDir)
    .filter((stack) => !only || only.includes(stack.name))
    .map((stack) => ({ id: stack.name, dir: dirname(stack.path), json: stack.json as StackJson }));
}

/** All resources of one type across stacks. */
export function resourcesOfType(stacks: readonly SynthStack[], type: string): TfResource[] {
  const all: TfResource[] = [];
  for (const stack of stacks) {
    for (const [name, config] of Object.entries(stack.json.resource?.[type] ?? {})) all.push({ stack: stack.id, type, name, config });
  }
  return all;
}

/** A nested block that cdktf may render as an object or a one-element list. */
export function block(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) return (value[0] as Record<string, unknown> | undefined) ?? undefined;
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** A repeated nested block as a list. */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value as Record<string, unknown>[];
  return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
}
