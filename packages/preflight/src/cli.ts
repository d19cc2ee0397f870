/**
 * `pnpm preflight [--dir cdktf.out] [--json] [--suffix s] [--planned-environments n] [--account-concurrency n]
 *  [--min-unreserved n] [--allow-singletons] [--ephemeral|--not-ephemeral]`
 *
 * Without --dir it synthesizes the app first (synthesizeApp, honouring ENVIRONMENT_SUFFIX,
 * ENVIRONMENT_PROFILE, ...) and takes the concurrency budget and singleton opt-in from the same config.
 * Exit code: 0 clean (warnings allowed), 1 when any error is found, 2 when it could not run.
 */
import { resolve } from 'node:path';
import { helpText, intOption, parseCommand, UsageError, type CommandSpec } from '@tap/cli';
import { loadSynthDir, REPO_ROOT, synthesizeApp } from '@tap/synth';
import { formatTable, toJson } from './report';
import { optionsFromConfig } from './options';
import type { PreflightOptions } from './types';

export interface CliArgs {
  dir?: string;
  json: boolean;
  help: boolean;
  options: { -readonly [K in keyof PreflightOptions]: PreflightOptions[K] };
}

export const PREFLIGHT_COMMAND = {
  name: 'pnpm preflight',
  summary: 'Guardrail rules over a synthesized app (one file per rule in packages/preflight/src/rules). Without --dir it synthesizes first with the current environment. Exit 0 clean, 1 when a rule reports an error, 2 when it could not run.',
  options: {
    dir: { type: 'string', value: '<cdktf.out>', description: 'check an existing synth instead of synthesizing' },
    json: { type: 'boolean', description: 'machine-readable report' },
    suffix: { type: 'string', value: '<s>', description: 'environment suffix the names must carry' },
    'planned-environments': { type: 'string', value: '<n>', description: 'concurrent environments for the concurrency budget' },
    'account-concurrency': { type: 'string', value: '<n>', description: 'account Lambda concurrency limit' },
    'min-unreserved': { type: 'string', value: '<n>', description: 'unreserved concurrency that must remain' },
    'allow-singletons': { type: 'boolean', description: 'this environment may own account singletons' },
    ephemeral: { type: 'boolean', description: 'treat the synth as an ephemeral environment' },
    'not-ephemeral': { type: 'boolean', description: 'treat the synth as long-lived' },
  },
} as const satisfies CommandSpec;

/** Parses argv (without node and script); throws UsageError naming a bad or unknown option. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const { values: v, help } = parseCommand(PREFLIGHT_COMMAND, argv);
  const options: CliArgs['options'] = {};
  if (v.suffix !== undefined) options.suffix = v.suffix;
  const planned = intOption(v['planned-environments'], 'planned-environments');
  if (planned !== undefined) options.plannedEnvironments = planned;
  const account = intOption(v['account-concurrency'], 'account-concurrency');
  if (account !== undefined) options.accountConcurrency = account;
  const unreserved = intOption(v['min-unreserved'], 'min-unreserved');
  if (unreserved !== undefined) options.minUnreserved = unreserved;
  if (v['allow-singletons']) options.allowSingletons = true;
  if (v.ephemeral && v['not-ephemeral']) throw new UsageError('--ephemeral and --not-ephemeral exclude each other');
  if (v.ephemeral) options.ephemeral = true;
  if (v['not-ephemeral']) options.ephemeral = false;
  return { ...(v.dir !== undefined ? { dir: v.dir } : {}), json: v.json === true, help, options };
}

/**
 * Synthesizes the app with the current environment (synthesizeApp) and takes the concurrency budget and
 * singleton opt-in from the config that synth used (flags win).
 */
function synthesize(): { dir: string; defaults: PreflightOptions } {
  const outdir = resolve(REPO_ROOT, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  process.stderr.write(`preflight: synthesizing the app into ${outdir}\n`);
  const { config } = synthesizeApp({ env: process.env, outdir });
  return {
    dir: outdir,
    defaults: optionsFromConfig(config),
  };
}

export function main(argv: readonly string[]): number {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`preflight: ${(error as Error).message}\nrun 'pnpm preflight --help' for the options\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(helpText(PREFLIGHT_COMMAND));
    return 0;
  }
  try {
    let options: PreflightOptions = args.options;
    let dir = args.dir;
    if (!dir) {
      const synthesized = synthesize();
      dir = synthesized.dir;
      options = { ...synthesized.defaults, ...args.options };
    }
    // Required here, not at the top: every rule and its checks load with it, which --help does not need.
    const { runPreflight } = require('./engine') as typeof import('./engine');
    const report = runPreflight(loadSynthDir(resolve(dir)), options);
    process.stdout.write(`${args.json ? toJson(report) : formatTable(report)}\n`);
    return report.errors > 0 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`preflight: ${(error as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
