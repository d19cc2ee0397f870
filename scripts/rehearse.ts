/**
 * `pnpm rehearse [--dir cdktf.out] [--allow-skip]`: the deploy rehearsal for every synthesized stack
 * (terraform init from the local plugin directory, validate, mocked plan/apply). Without --dir it
 * synthesizes first with the current environment (ENVIRONMENT_SUFFIX, ENVIRONMENT_PROFILE, ...).
 * Exit 0 all passed, 1 any failed, 2 skipped (no Terraform or plugin directory) unless --allow-skip.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rehearsalAvailability, rehearseStack, summarize } from '@tap/rehearsal';

const ROOT = resolve(__dirname, '..');
const args = process.argv.slice(2);
const dirFlag = args.indexOf('--dir');
const outdir = dirFlag >= 0 ? resolve(args[dirFlag + 1] ?? '') : join(ROOT, 'cdktf.out');

if (dirFlag < 0) {
  const synth = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tap.ts')], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CDKTF_OUTDIR: outdir } });
  if (synth.status !== 0) process.exit(synth.status ?? 1);
}

const availability = rehearsalAvailability();
if (!availability.ok) {
  process.stdout.write(`rehearsal: SKIPPED: ${availability.reason}\n`);
  process.exit(args.includes('--allow-skip') ? 0 : 2);
}

let failed = 0;
const stacksDir = join(outdir, 'stacks');
const stacks = readdirSync(stacksDir).sort();
for (const stack of stacks) {
  const result = rehearseStack(join(stacksDir, stack), join(ROOT, '.rehearsal', 'cli'), availability);
  process.stdout.write(`${summarize(result)}\n`);
  if (result.status !== 'passed') {
    failed += 1;
    process.stdout.write(`${result.message}\n`);
  }
}
process.stdout.write(`rehearsal: ${stacks.length - failed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
