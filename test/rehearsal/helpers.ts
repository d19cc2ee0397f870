import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getEnvironmentConfig, type EnvironmentInput } from '@tap/config';
import { rehearsalAvailability, rehearseStack, summarize, type Availability, type RehearsalResult } from '@tap/rehearsal';
import { buildApp } from '../../tap';

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


/** Synthesizes the whole app for one input into a fresh folder and lists its stack directories. */
export function synthApp(name: string, input: EnvironmentInput): { root: string; stacks: string[] } {
  const root = rehearsalRoot(name);
  const outdir = join(root, 'out');
  buildApp(getEnvironmentConfig(input), outdir).app.synth();
  const stacksDir = join(outdir, 'stacks');
  return { root, stacks: readdirSync(stacksDir).sort().map((s) => join(stacksDir, s)) };
}

/** Rehearses one stack directory, printing a one-line summary (what ran, what was stubbed). */
export function rehearseAndReport(stackDir: string, root: string, availability: Availability): RehearsalResult {
  const result = rehearseStack(stackDir, join(root, 'work'), availability);
  process.stdout.write(`rehearsal ${root.split('/').pop()}/${summarize(result)}\n`);
  return result;
}

/**
 * Declares the rehearsal of every stack of the app for one input: one test per stack, each passing
 * only when terraform validate and the mocked plan/apply pass. Skipped (never passed) without Terraform.
 */
export function describeAppRehearsal(title: string, name: string, input: EnvironmentInput): void {
  const availability = rehearsalAvailability();
  const rehearse = availability.ok ? it : it.skip;
  reportSkip(availability);
  const { root, stacks } = synthApp(name, input);
  describe(title, () => {
    it('synthesizes the app', () => expect(stacks.length).toBeGreaterThan(0));
    for (const dir of stacks) {
      rehearse(`${dir.split('/').pop()} validates and survives a mocked plan/apply`, () => {
        const result = rehearseAndReport(dir, root, availability);
        expect(result.message).not.toMatch(/^SKIPPED/);
        expect({ stack: result.stack, status: result.status, detail: result.status === 'passed' ? '' : result.message.slice(0, 4000) }).toEqual({ stack: result.stack, status: 'passed', detail: '' });
      });
    }
  });
}
