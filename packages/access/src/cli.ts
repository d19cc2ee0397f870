/**
 * `pnpm access [--profile <name>[,<name>]] [--dir <cdktf.out> [--network-dir <cdktf.out>]] [--json] [--verbose]
 *  [--unused [--calls <file>]]`
 *
 * Without --dir it synthesizes every profile of ACCESS_PROFILES (or those named) into .build/access/
 * and checks each. Exit code: 0 when no interaction is denied, 1 on any DENY (or, with --unused, any
 * unused grant), 2 when it could not run.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadSynthDir, REPO_ROOT, stackDependencies, synthesizeApp, type StackDoc } from '@tap/synth';
import { checkAccess, type AccessReport } from './engine';
import { ACCESS_PROFILES, type AccessProfile } from './profiles';
import { formatReport, toJson } from './report';
import { DEFAULT_CALLS_FILE, formatUnused, unusedGrants } from './unused';

export const USAGE = `usage: access [--profile <${ACCESS_PROFILES.map((p) => p.name).join('|')}>[,...]] [--dir <cdktf.out> [--network-dir <cdktf.out>]]
              [--json] [--verbose] [--unused [--calls <file>]] [--help]
  Lists every runtime interaction of the synthesized stacks (handler SDK calls, Lambda basics, service
  deliveries, API Gateway invocations, network paths) and decides ALLOW / DENY / UNKNOWN with the
  deciding statement. Exits 1 on any DENY.
  --profile      profiles to synthesize and check (default: all)
  --dir          check an existing synth instead (its default tag Profile names it)
  --network-dir  synth whose stacks answer the network lookups of --dir (the shared network of pr)
  --json         machine-readable output
  --verbose      list ALLOW interactions with their deciding statements too
  --unused       list grants no recorded call (--calls, default ${DEFAULT_CALLS_FILE}) and no contract uses`;

export interface CliArgs {
  profiles?: string[];
  dir?: string;
  networkDir?: string;
  json: boolean;
  verbose: boolean;
  unused: boolean;
  calls?: string;
  help: boolean;
}

/** Parses argv (without node and script); throws with the usage text on a bad flag. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { json: false, verbose: false, unused: false, help: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--profile': {
        const names = value(i, flag).split(',').map((s) => s.trim()).filter(Boolean);
        for (const n of names) if (!ACCESS_PROFILES.some((p) => p.name === n)) throw new Error(`--profile: unknown profile "${n}"; use one of ${ACCESS_PROFILES.map((p) => p.name).join(', ')}\n${USAGE}`);
        args.profiles = [...(args.profiles ?? []), ...names];
        i++;
        break;
      }
      case '--dir': args.dir = value(i, flag); i++; break;
      case '--network-dir': args.networkDir = value(i, flag); i++; break;
      case '--calls': args.calls = value(i, flag); i++; break;
      case '--json': args.json = true; break;
      case '--verbose': args.verbose = true; break;
      case '--unused': args.unused = true; break;
      case '-h': case '--help': args.help = true; break;
      default: throw new Error(`unknown argument "${flag}"\n${USAGE}`);
    }
  }
  if (args.dir && args.profiles) throw new Error(`--dir and --profile exclude each other\n${USAGE}`);
  if (args.networkDir && !args.dir) throw new Error(`--network-dir needs --dir\n${USAGE}`);
  return args;
}

interface Target {
  readonly name: string;
  readonly dir: string;
  readonly networkDir?: string;
}

/** Synthesizes the named profiles (synthesizeApp, in this process: the bundle hashes are shared). */
function synthesizeProfiles(profiles: readonly AccessProfile[]): Target[] {
  const base = join(REPO_ROOT, '.build/access');
  const jobs: { env: Readonly<Record<string, string>>; dir: string }[] = [];
  const targets = profiles.map((p): Target => {
    const dir = join(base, p.name);
    jobs.push({ env: p.env, dir });
    if (!p.networkEnv) return { name: p.name, dir };
    const networkDir = join(base, `${p.name}-network`);
    jobs.push({ env: p.networkEnv, dir: networkDir });
    return { name: p.name, dir, networkDir };
  });
  for (const job of jobs) synthesizeApp({ env: { ...process.env, ...job.env }, outdir: job.dir });
  return targets;
}

const profileOf = (stacks: readonly StackDoc[]): string => {
  for (const s of stacks) {
    const tags = JSON.stringify(s.json.provider ?? {});
    const m = /"Profile":"([^"]+)"/.exec(tags);
    if (m) return m[1];
  }
  return 'synth';
};

export async function main(argv: readonly string[]): Promise<number> {
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
    const root = REPO_ROOT;
    const started = process.hrtime.bigint();
    const targets: Target[] = args.dir
      ? [{ name: '', dir: resolve(args.dir), ...(args.networkDir ? { networkDir: resolve(args.networkDir) } : {}) }]
      : synthesizeProfiles(ACCESS_PROFILES.filter((p) => !args.profiles || args.profiles.includes(p.name)));
    const synthMs = Number(process.hrtime.bigint() - started) / 1e6;
    const checkStarted = process.hrtime.bigint();
    const reports: { name: string; report: AccessReport }[] = [];
    for (const t of targets) {
      const stacks = loadSynthDir(t.dir);
      const networkStacks = t.networkDir ? loadSynthDir(t.networkDir).filter((s) => s.name === 'vpc') : [];
      const report = await checkAccess(stacks, { networkStacks, stackDependencies: stackDependencies(t.dir) });
      reports.push({ name: t.name || profileOf(stacks), report });
    }
    const checkMs = Number(process.hrtime.bigint() - checkStarted) / 1e6;
    let failed = reports.some((r) => r.report.deny > 0);
    if (args.unused) {
      const unused = unusedGrants(reports.map((r) => r.report), args.calls ?? join(root, DEFAULT_CALLS_FILE));
      if (args.json) process.stdout.write(`${JSON.stringify(unused, null, 2)}\n`);
      else process.stdout.write(`${formatUnused(unused)}\n`);
      failed = failed || unused.grants.some((g) => !g.kept);
    } else if (args.json) {
      process.stdout.write(`${JSON.stringify(reports.map((r) => toJson(r.report, r.name)), null, 2)}\n`);
    } else {
      for (const r of reports) process.stdout.write(`${formatReport(r.report, r.name, args.verbose)}\n`);
      process.stdout.write(`access: checked ${reports.length} synth(s) in ${(checkMs / 1000).toFixed(1)} s${args.dir ? '' : ` (synthesis ${(synthMs / 1000).toFixed(1)} s)`}\n`);
    }
    if (!args.dir) writeFileSync(join(root, '.build/access/report.json'), JSON.stringify(reports.map((r) => toJson(r.report, r.name)), null, 2));
    return failed ? 1 : 0;
  } catch (error) {
    process.stderr.write(`access: ${(error as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
