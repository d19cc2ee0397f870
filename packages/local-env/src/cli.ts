/**
 * `pnpm local`: synthesizes the app (or reads --dir), brings the local environment up on 127.0.0.1,
 * writes cfn-outputs/flat-outputs.json, prints the endpoint variables, and runs until Ctrl-C.
 *
 *   pnpm local                         # synth with ENVIRONMENT_SUFFIX (default dev), then up
 *   pnpm local --dir cdktf.out         # use an existing synth
 *   pnpm local --echo                  # also print function output (always in .local/logs)
 *   pnpm local --no-enforce            # do not enforce the synthesized IAM policies and network paths
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startLocalEnvironment } from './environment';

const REPO_ROOT = resolve(__dirname, '../../..');

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'up') {
    process.stderr.write('usage: local-env up [--dir <cdktf.out>] [--outputs <file>] [--region <r>] [--visibility-scale <n>] [--echo]\n');
    process.exit(2);
  }
  let outDir = arg(args, '--dir');
  if (!outDir) {
    outDir = join(REPO_ROOT, 'cdktf.out');
    process.stdout.write('synthesizing (npx tsx tap.ts) ...\n');
    const synth = spawnSync('npx', ['tsx', 'tap.ts'], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, CDKTF_OUTDIR: outDir } });
    if (synth.status !== 0) process.exit(synth.status ?? 1);
  }
  const outputsFile = resolve(arg(args, '--outputs') ?? join(REPO_ROOT, 'cfn-outputs', 'flat-outputs.json'));
  const env = await startLocalEnvironment({
    outDir: resolve(outDir),
    stateDir: join(REPO_ROOT, '.local'),
    region: arg(args, '--region') ?? process.env.AWS_REGION ?? 'us-east-1',
    outputsFile,
    visibilityTimeoutScale: Number(arg(args, '--visibility-scale') ?? 1),
    log: (line) => process.stdout.write(`${line}\n`),
    echoFunctionLogs: args.includes('--echo'),
    // IAM and network enforcement is on by default; --no-enforce turns it off.
    ...(args.includes('--no-enforce') ? { enforceAccess: false } : {}),
    callsFile: join(REPO_ROOT, '.build', 'access', 'calls.json'),
  });
  process.stdout.write(`\nflat outputs: ${outputsFile}\n${JSON.stringify(env.outputs, null, 2)}\n\nexport these to use the AWS SDK or CLI against it:\n`);
  for (const [k, v] of Object.entries(env.endpoints)) process.stdout.write(`export ${k}=${v}\n`);
  process.stdout.write('\nrunning; Ctrl-C to stop\n');
  const shutdown = (): void => {
    process.stdout.write('\nstopping local environment ...\n');
    void env.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`local environment failed: ${(error as Error).message}\n`);
  process.exit(1);
});
