/**
 * `pnpm preflight [--dir cdktf.out] [--json] [--suffix s] [--planned-environments n] [--account-concurrency n]
 *  [--min-unreserved n] [--allow-singletons] [--ephemeral|--not-ephemeral]`
 *
 * Without --dir it synthesizes first (`npx tsx tap.ts` in the repo root, honouring ENVIRONMENT_SUFFIX,
 * ENVIRONMENT_PROFILE, ...) and takes the concurrency budget and singleton opt-in from the same config.
 * Exit code: 0 clean (warnings allowed), 1 when any error is found, 2 when it could not run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runPreflight } from './engine';
import { loadSynthDir } from './load';
import { formatTable, toJson } from './report';
import type { PreflightOptions } from './types';

export interface CliArgs {
  dir?: string;
  json: boolean;
  help: boolean;
  options: { -readonly [K in keyof PreflightOptions]: PreflightOptions[K] };
}

const USAGE = `usage: preflight [--dir <cdktf.out>] [--json] [--suffix <s>] [--planned-environments <n>] [--account-concurrency <n>]
                 [--min-unreserved <n>] [--allow-singletons] [--ephemeral | --not-ephemeral]`;

/** Parses argv (without node and script); throws with the usage text on a bad flag. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { json: false, help: false, options: {} };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
    return v;
  };
  const int = (i: number, flag: string): number => {
    const v = value(i, flag);
    if (!/^\d+$/.test(v)) throw new Error(`${flag}: "${v}" is not a whole number\n${USAGE}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--dir': args.dir = value(i, flag); i++; break;
      case '--json': args.json = true; break;
      case '--suffix': args.options.suffix = value(i, flag); i++; break;
      case '--planned-environments': args.options.plannedEnvironments = int(i, flag); i++; break;
      case '--account-concurrency': args.options.accountConcurrency = int(i, flag); i++; break;
      case '--min-unreserved': args.options.minUnreserved = int(i, flag); i++; break;
      case '--allow-singletons': args.options.allowSingletons = true; break;
      case '--ephemeral': args.options.ephemeral = true; break;
      case '--not-ephemeral': args.options.ephemeral = false; break;
      case '-h': case '--help': args.help = true; break;
      default: throw new Error(`unknown argument "${flag}"\n${USAGE}`);
    }
  }
  return args;
}

/** Repo root: the nearest directory up from here holding tap.ts (falls back to the working directory). */
function repoRoot(): string {
  for (const dir of [process.cwd(), resolve(__dirname, '../../..')]) if (existsSync(join(dir, 'tap.ts'))) return dir;
  return process.cwd();
}

/** Synthesizes the app with the current environment and returns the output directory. */
function synthesize(root: string): string {
  const outdir = resolve(root, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  process.stderr.write(`preflight: synthesizing (npx tsx tap.ts) into ${outdir}\n`);
  const result = spawnSync('npx', ['tsx', 'tap.ts'], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir }, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`synth failed (exit ${result.status ?? result.signal}); fix the error above, or pass --dir <cdktf.out>`);
  return outdir;
}

/** Budget and singleton opt-in from the same config the synth used (repo-specific; flags win). */
function configDefaults(root: string): PreflightOptions {
  try {
    const { configFromEnv } = require('@tap/config') as typeof import('@tap/config');
    const config = configFromEnv(process.env, root);
    return {
      plannedEnvironments: config.concurrency.plannedEnvironments,
      accountConcurrency: config.concurrency.accountLimit,
      minUnreserved: config.concurrency.minUnreserved,
      allowSingletons: config.accountSingletons,
    };
  } catch {
    return {};
  }
}

export function main(argv: readonly string[]): number {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    let options: PreflightOptions = args.options;
    let dir = args.dir;
    if (!dir) {
      const root = repoRoot();
      dir = synthesize(root);
      options = { ...configDefaults(root), ...args.options };
    }
    const report = runPreflight(loadSynthDir(resolve(dir)), options);
    process.stdout.write(`${args.json ? toJson(report) : formatTable(report)}\n`);
    return report.errors > 0 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`preflight: ${(error as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
