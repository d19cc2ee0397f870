import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSynthDir, resources, type StackDoc } from '@tap/synth';

/** One synthesized stack as the measurements read it: its name (the cdktf stack id) and its cdk.tf.json. */
export type SynthesizedStack = Pick<StackDoc, 'name' | 'json'>;

/** One resource block, with how many real resources it stands for (`count`). */
export interface ResourceEntry {
  readonly stack: string;
  readonly type: string;
  readonly id: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** Real resources this block creates: its literal `count`, else 1 (a token count or `for_each` is counted as 1 and flagged). */
  readonly multiplicity: number;
  /** Set when the multiplicity could not be read from the JSON (token `count` or `for_each`). */
  readonly uncertain: boolean;
}

/**
 * Reads every stack of a synthesized app with @tap/synth's loader (manifest.json, or every
 * stacks/<name>/cdk.tf.json), so the tools follow whatever stacks tap.ts has. No synth output at all
 * reads as no stacks.
 */
export function readSynthesizedApp(outdir: string): SynthesizedStack[] {
  if (!existsSync(join(outdir, 'manifest.json')) && !existsSync(join(outdir, 'stacks'))) return [];
  return loadSynthDir(outdir)
    .map(({ name, json }) => ({ name, json }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every resource block of the given stacks. */
export function resourceEntries(stacks: readonly SynthesizedStack[]): ResourceEntry[] {
  const out: ResourceEntry[] = [];
  for (const stack of stacks) {
    for (const { type, name: id, body } of resources(stack.json)) {
      const count = body.count;
      const literal = typeof count === 'number' && Number.isInteger(count) && count >= 0;
      out.push({
        stack: stack.name,
        type,
        id,
        body,
        multiplicity: literal ? (count as number) : 1,
        uncertain: (count !== undefined && !literal) || body.for_each !== undefined,
      });
    }
  }
  return out;
}

/** Number of real resources of one type (blocks times their `count`). */
export function countOf(entries: readonly ResourceEntry[], type: string, filter?: (body: Readonly<Record<string, unknown>>) => boolean): number {
  return entries.filter((e) => e.type === type && (!filter || filter(e.body))).reduce((sum, e) => sum + e.multiplicity, 0);
}

/** `${aws_subnet.public_0.id}` → { type: 'aws_subnet', id: 'public_0' }; anything else → undefined. */
export function parseReference(value: unknown): { type: string; id: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.[a-z_]+\}$/.exec(value);
  return match ? { type: match[1], id: match[2] } : undefined;
}

/** Whether a stack name is (or is prefixed or suffixed by) one of the given stack keys, e.g. `vpc` matches `vpc` and `tap-vpc`. */
export function stackMatches(name: string, keys: readonly string[]): boolean {
  return keys.some((key) => name === key || name.endsWith(`-${key}`) || name.startsWith(`${key}-`));
}
