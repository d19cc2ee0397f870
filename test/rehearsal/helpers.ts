import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Availability } from '@tap/rehearsal';

/** A fresh folder under .rehearsal/ for one test (kept after the run for inspection). */
export function rehearsalRoot(name: string): string {
  const dir = join(__dirname, '../../.rehearsal', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Says plainly, once per file, that the rehearsal did not run here and why. Skipped is never passed. */
export function reportSkip(availability: Availability): void {
  if (!availability.ok) process.stderr.write(`\nREHEARSAL SKIPPED: ${availability.reason}\n`);
}
