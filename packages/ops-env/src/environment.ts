/**
 * A private local environment for the load tool and the operations tests: synthesizes the app for one
 * profile into a temporary directory and starts the local environment from it (loopback only). Private,
 * so fault injection and deliberate throttling never disturb the shared integration environment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, type EnvironmentConfig, type ProfileName } from '@tap/config';
import { startLocalEnvironment, type LocalEnvironment } from '@tap/local-env';
import { REPO_ROOT, synthesizeApp } from '@tap/synth';


export interface PrivateEnvironmentOptions {
  /** Profile to synthesize. Default `dev`. */
  readonly profile?: ProfileName;
  /** Suffix of the synthesized names. Default `ops`. */
  readonly suffix?: string;
  /** Scales SQS visibility timeouts and batching windows. Default 0.01 (a 180 s visibility becomes 1.8 s). */
  readonly visibilityTimeoutScale?: number;
  /** Scales function and integration timeouts. Default 1. */
  readonly timeoutScale?: number;
  /** Warm containers per function at most. Default 4. */
  readonly maxContainersPerFunction?: number;
  /** Start-up report. Default silent. */
  readonly log?: (line: string) => void;
}

export interface PrivateEnvironment {
  readonly env: LocalEnvironment;
  /** The flat outputs (same keys as cfn-outputs/flat-outputs.json). */
  readonly outputs: Readonly<Record<string, string>>;
  /** The config synthesized and the synth directory (cdktf.out), e.g. for the capacity model. */
  readonly config: EnvironmentConfig;
  readonly synthDir: string;
  /** Stops every server and process and removes the temporary directory. */
  stop(): Promise<void>;
}

/** Synthesizes `profile` into a temporary directory and starts a local environment from it. */
export async function startPrivateEnvironment(options: PrivateEnvironmentOptions = {}): Promise<PrivateEnvironment> {
  const work = mkdtempSync(join(tmpdir(), 'tap-ops-'));
  const outDir = join(work, 'cdktf.out');
  try {
    const config = configFromEnv({ ENVIRONMENT_SUFFIX: options.suffix ?? 'ops', ENVIRONMENT_PROFILE: options.profile ?? 'dev', AWS_REGION: 'us-east-1' }, REPO_ROOT);
    synthesizeApp({ config, outdir: outDir });
    const env = await startLocalEnvironment({
      outDir,
      stateDir: work,
      region: 'us-east-1',
      visibilityTimeoutScale: options.visibilityTimeoutScale ?? 0.01,
      timeoutScale: options.timeoutScale ?? 1,
      maxContainersPerFunction: options.maxContainersPerFunction,
      log: options.log,
    });
    const outputs = Object.fromEntries(Object.entries(env.outputs).map(([k, v]) => [k, String(v)]));
    return {
      env,
      outputs,
      config,
      synthDir: outDir,
      stop: async () => {
        await env.stop();
        rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
