import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEnvironmentConfig, type EnvironmentInput } from '@tap/config';
import { loadSynthDir, synthesizeApp, type StackDoc } from '@tap/synth';

/**
 * The suffix of the whole-app synths the unit tests share. synthesizeApp reuses one synth per config in a
 * run (packages/synth/src/cache.ts), so every test that needs a synth of a profile, whatever its names, uses
 * this suffix and reads the one another file already built. Kept apart from synth.ts, which loads cdktf:
 * a file whose synths all come from the store never loads it.
 */
export const SHARED_SUFFIX = 'synth-4f2a';

/** Every stack of the whole app for an input, synthesized (or taken from the run's store) and read back. */
export function appStacks(input: EnvironmentInput): StackDoc[] {
  const outdir = mkdtempSync(join(tmpdir(), 'app-stacks-'));
  try {
    synthesizeApp({ config: getEnvironmentConfig(input), outdir });
    return loadSynthDir(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
