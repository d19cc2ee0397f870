import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { flattenOutputs, type FlatOutputs } from './flatten';
import type { Resolver } from './refs';
import type { SynthStack } from '@tap/synth';

export interface OmittedOutput {
  readonly stack: string;
  readonly key: string;
  readonly reason: string;
}

/** Every stack's outputs resolved locally; those needing an unemulated service (or sensitive, unless kept) are left out with why. */
export function resolveOutputs(stacks: readonly SynthStack[], res: Resolver, includeSensitive: boolean): { outputs: FlatOutputs; omitted: OmittedOutput[] } {
  const nested: Record<string, Record<string, unknown>> = {};
  const omitted: OmittedOutput[] = [];
  for (const s of stacks) {
    nested[s.id] = {};
    for (const [key, output] of Object.entries(s.json.output ?? {})) {
      // cdktf's own cross-stack plumbing is not part of the app's outputs contract.
      if (key.startsWith('cross-stack-output-')) continue;
      if (output.sensitive && !includeSensitive) {
        omitted.push({ stack: s.id, key, reason: 'sensitive' });
        continue;
      }
      try {
        nested[s.id][key] = res.value(s.id, output.value);
      } catch (error) {
        omitted.push({ stack: s.id, key, reason: (error as Error).message });
      }
    }
  }
  return { outputs: flattenOutputs(nested).flat, omitted };
}

/** The flat outputs file, and local-environment.json beside it (what was left out and what is not emulated). */
export function writeOutputs(file: string, outputs: FlatOutputs, omitted: readonly OmittedOutput[], notEmulated: readonly string[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(outputs, null, 2)}\n`);
  writeFileSync(join(dirname(file), 'local-environment.json'), `${JSON.stringify({ omittedOutputs: omitted, notEmulated }, null, 2)}\n`);
}
