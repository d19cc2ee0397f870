import { rmSync } from 'node:fs';

/** Removes the run's synth store that synth-cache-setup.ts made (never one the caller set). */
export default function teardown(): void {
  const dir = process.env.TAP_SYNTH_CACHE;
  if (!dir || process.env.TAP_SYNTH_CACHE_OWNED !== '1') return;
  rmSync(dir, { recursive: true, force: true });
  delete process.env.TAP_SYNTH_CACHE;
  delete process.env.TAP_SYNTH_CACHE_OWNED;
}
