/**
 * `pnpm rehearse [stack ...] [--dir cdktf.out] [--allow-skip]`: the deploy rehearsal of the synthesized
 * stacks (all, or the ones named) in one Terraform root: terraform init from the local plugin directory,
 * validate, mocked plan/apply. Without --dir it synthesizes first with the current environment
 * (ENVIRONMENT_SUFFIX, ENVIRONMENT_PROFILE, ...). The plugin directory is TF_PLUGIN_DIR when set, else
 * what scripts/find-plugin-dir.sh finds.
 * Exit 0 all passed, 1 any failed, 2 skipped (no Terraform or plugin directory) unless --allow-skip,
 * 64 bad arguments.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '@tap/config';
import { findPluginDir, rehearsalAvailability, rehearseStacks, summarize } from '@tap/rehearsal';
import { defaultTagsOf, readStack, REPO_ROOT as ROOT, synthesizeApp } from '@tap/synth';
const USAGE = `usage: pnpm rehearse [stack ...] [--dir <synth output>] [--allow-skip] [--help]

Rehearses a deploy of the synthesized stacks without AWS: terraform init from the local AWS provider
plugin directory, terraform validate, and terraform test with a mocked provider (plan + apply). The
stacks share one Terraform root (each a module), so Terraform loads the provider once per step.

  stack ...      only these stacks (default: every stack of the synth)
  --dir <dir>    rehearse this synth output instead of synthesizing into cdktf.out first
  --allow-skip   exit 0 instead of 2 when Terraform or the plugin directory is missing
  --help         this text

Environment: ENVIRONMENT_SUFFIX, ENVIRONMENT_PROFILE, ... for the synth; TF_PLUGIN_DIR (default: found by
scripts/find-plugin-dir.sh). Exit 0 passed, 1 failed, 2 skipped, 64 bad arguments.
`;

function usageError(message: string): never {
  process.stderr.write(`rehearse: ${message}\n\n${USAGE}`);
  process.exit(64);
}

interface Args {
  readonly stacks: string[];
  readonly dir?: string;
  readonly allowSkip: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const stacks: string[] = [];
  let dir: string | undefined;
  let allowSkip = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--dir') {
      const value = argv[++i];
      if (!value || value.startsWith('-')) usageError('--dir needs a folder (the synth output, e.g. cdktf.out)');
      dir = resolve(value);
    } else if (arg === '--allow-skip') allowSkip = true;
    else if (arg.startsWith('-')) usageError(`unknown option ${arg}`);
    else stacks.push(arg);
  }
  return { stacks, allowSkip, ...(dir ? { dir } : {}) };
}

const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const outdir = args.dir ?? join(ROOT, 'cdktf.out');
  if (!args.dir) {
    log(`rehearse: synth into ${outdir} ...`);
    const started = Date.now();
    try {
      synthesizeApp({ env: process.env, outdir });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // As tap.ts reports it: the variable and the fix, not a stack trace.
      process.stderr.write(`configuration error: ${error.message}\n`);
      return 1;
    }
    log(`rehearse: synth ok (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }
  const stacksDir = join(outdir, 'stacks');
  if (!existsSync(stacksDir)) usageError(`${stacksDir} does not exist: synthesize first or point --dir at a synth output`);
  const known = readdirSync(stacksDir).sort();
  const unknown = args.stacks.filter((s) => !known.includes(s));
  if (unknown.length > 0) usageError(`no stack ${unknown.join(', ')} in ${stacksDir} (stacks: ${known.join(', ')})`);
  const stacks = args.stacks.length > 0 ? [...new Set(args.stacks)] : known;

  const env = { ...process.env };
  const pluginDir = findPluginDir(undefined, env);
  if (pluginDir) env.TF_PLUGIN_DIR = pluginDir;
  const availability = rehearsalAvailability(env);
  if (!availability.ok) {
    log(`rehearsal: SKIPPED: ${availability.reason}`);
    return args.allowSkip ? 0 : 2;
  }
  // The profile the stacks were synthesized for, from the tags every stack's provider carries.
  const tags = defaultTagsOf(readStack(join(stacksDir, stacks[0])));
  const profile = tags.Profile;
  log(`rehearse: ${stacks.length} stack(s) in one root${profile ? ` (profile ${profile})` : ''}, provider from ${availability.pluginDir}`);

  const results = await rehearseStacks(
    stacks.map((s) => join(stacksDir, s)),
    join(ROOT, '.rehearsal', 'cli'),
    {
      availability,
      ...(profile ? { profile } : {}),
      onStep: ({ step, stacks: running, result }) =>
        log(result ? `rehearse: ${step} ${result.ok ? 'ok' : 'FAILED'} (${result.seconds.toFixed(1)}s)` : `rehearse: ${step} (${running.join(', ')}) ...`),
    },
  );
  let failed = 0;
  for (const result of results) {
    log(summarize(result));
    if (result.status !== 'passed') {
      failed += 1;
      log(result.message);
    }
  }
  log(`rehearsal: ${results.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rehearse: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
