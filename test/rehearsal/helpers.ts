import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getEnvironmentConfig, type EnvironmentInput } from '@tap/config';
import { rehearsalAvailability, rehearseStacks, summarize, type Availability, type RehearsalResult } from '@tap/rehearsal';
import { synthesizeApp } from '@tap/synth';

/** How long a hook or test running Terraform for a whole root may take (a loaded 2-core machine). */
export const TERRAFORM_TIMEOUT_MS = 600_000;

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
  synthesizeApp({ config: getEnvironmentConfig(input), outdir: outdir });
  const stacksDir = join(outdir, 'stacks');
  return { root, stacks: readdirSync(stacksDir).sort().map((s) => join(stacksDir, s)) };
}

/** One synthesis of the app to rehearse: a profile, or a variant of one. */
export interface AppVariant {
  readonly title: string;
  /** Names it in every result and failure ("profile <name>, stack ..."). */
  readonly name: string;
  readonly input: EnvironmentInput;
}

/**
 * Declares the rehearsal of every stack of the app for each variant: all stacks of all variants are
 * rehearsed together in one Terraform root (each a module, providers hoisted), then one test per stack
 * and variant passes only when terraform validate and the mocked plan/apply pass for it. A failure names
 * the variant, the stack and the resource. Skipped (never passed) without Terraform.
 */
export function describeAppRehearsals(variants: readonly AppVariant[]): void {
  const availability = rehearsalAvailability();
  const rehearse = availability.ok ? it : it.skip;
  reportSkip(availability);
  const synths = variants.map((v) => ({ ...v, ...synthApp(`app-${v.name}`, v.input) }));
  const results = new Map<string, RehearsalResult>();
  beforeAll(async () => {
    if (!availability.ok) return;
    const targets = synths.flatMap((v) => v.stacks.map((dir) => ({ dir, profile: v.name })));
    const all = await rehearseStacks(targets, join(rehearsalRoot('app'), 'work'), { availability });
    for (const result of all) {
      process.stdout.write(`rehearsal ${summarize(result)}\n`);
      results.set(`${result.profile}/${result.stack}`, result);
    }
  }, TERRAFORM_TIMEOUT_MS);
  for (const v of synths) {
    describe(v.title, () => {
      it('synthesizes the app', () => expect(v.stacks.length).toBeGreaterThan(0));
      for (const dir of v.stacks) {
        const stack = dir.split('/').pop() ?? dir;
        rehearse(`${stack} validates and survives a mocked plan/apply`, () => {
          const result = results.get(`${v.name}/${stack}`);
          expect(result?.message).not.toMatch(/^SKIPPED/);
          expect({ stack: result?.stack, status: result?.status, detail: result?.status === 'passed' ? '' : result?.message.slice(0, 4000) }).toEqual({ stack, status: 'passed', detail: '' });
        });
      }
    });
  }
}
