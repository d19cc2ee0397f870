/**
 * Jest global setup of the integration project. Target `local` (default): synthesizes the app into a
 * fresh directory, starts the local environment from it, writes the flat outputs, and exports the
 * endpoint variables so test workers (started after this) point SDK clients at it. Target `aws`: checks
 * that the deploy's flat outputs exist and starts nothing.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CALLS_FILE } from '@tap/access';
import { startLocalEnvironment, type LocalEnvironment } from '@tap/local-env';
import { REPO_ROOT, synthesizeApp } from '@tap/synth';
import { integrationTarget, outputsPath } from './outputs';


export default async function globalSetup(): Promise<void> {
  const target = integrationTarget();
  if (target === 'aws') {
    if (!existsSync(outputsPath())) throw new Error(`INTEGRATION_TARGET=aws but ${outputsPath()} does not exist: deploy with --outputs-file, then run pnpm outputs:flatten`);
    return;
  }
  const started = Date.now();
  // One directory per run, so two runs on one machine (or a run and `pnpm local`) never share a synth.
  // LOCAL_RUNS_DIR moves them (the test command gives each integration step its own, under .build/).
  const runs = resolve(process.env.LOCAL_RUNS_DIR ?? join(REPO_ROOT, '.local', 'integration'));
  pruneDeadRuns(runs);
  const work = join(runs, `run-${process.pid}`);
  const outDir = join(work, 'cdktf.out');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  synthesizeApp({ env: process.env, outdir: outDir });

  const env: LocalEnvironment = await startLocalEnvironment({
    outDir,
    stateDir: work,
    region: process.env.AWS_REGION ?? 'us-east-1',
    outputsFile: outputsPath(),
    // SQS visibility timeouts are 6x the consumer's timeout (minutes); scaled so redrive tests take seconds.
    visibilityTimeoutScale: Number(process.env.LOCAL_VISIBILITY_SCALE ?? 0.01),
    timeoutScale: Number(process.env.LOCAL_TIMEOUT_SCALE ?? 1),
    log: process.env.LOCAL_ENV_QUIET === '1' ? undefined : (line) => process.stdout.write(`${line}\n`),
    // IAM and network enforced (LOCAL_ENFORCE=off turns it off); every call recorded for `pnpm access --unused`
    // (LOCAL_CALLS_FILE moves the record).
    callsFile: resolve(process.env.LOCAL_CALLS_FILE ?? join(REPO_ROOT, DEFAULT_CALLS_FILE)),
  });
  // The local API clients' keys (SigV4 signing): what `pnpm local` prints at start-up.
  const clients = Object.fromEntries(env.clients.map((c) => [c.name, { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, arn: c.sessionArn }]));
  Object.assign(process.env, env.endpoints, {
    INTEGRATION_TARGET: 'local',
    FLAT_OUTPUTS: outputsPath(),
    LOCAL_ADMIN_URL: `${env.endpoints.AWS_ENDPOINT_URL_SQS}/_local`,
    INTEGRATION_API_CLIENTS: JSON.stringify(clients),
  });
  (globalThis as { __TAP_LOCAL_ENV__?: LocalEnvironment; __TAP_LOCAL_WORK__?: string }).__TAP_LOCAL_ENV__ = env;
  (globalThis as { __TAP_LOCAL_WORK__?: string }).__TAP_LOCAL_WORK__ = work;
  process.stdout.write(`local environment up in ${Date.now() - started} ms (logs: ${join(work, 'logs')})\n`);
}

/** Removes run directories left by runs whose process is gone. */
function pruneDeadRuns(runs: string): void {
  if (!existsSync(runs)) return;
  for (const name of readdirSync(runs)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(runs, name), { recursive: true, force: true });
    }
  }
}
