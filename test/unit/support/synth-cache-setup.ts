import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One whole-app synth store for this run of the unit tests (synthesizeApp reads TAP_SYNTH_CACHE, see
 * packages/synth/src/cache.ts): files that synthesize the same config share one build, across workers, which
 * inherit this process's environment. A folder of its own per run, removed by synth-cache-teardown.ts, so
 * nothing outlives the run. A cache the caller already set (a shared one for a whole pipeline) is kept.
 */
export default function setup(): void {
  if (process.env.TAP_SYNTH_CACHE) return;
  process.env.TAP_SYNTH_CACHE = mkdtempSync(join(tmpdir(), 'tap-unit-synths-'));
  process.env.TAP_SYNTH_CACHE_OWNED = '1';
}
