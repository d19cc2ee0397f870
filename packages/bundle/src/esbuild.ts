import { spawnSync, type SpawnSyncOptionsWithStringEncoding } from 'node:child_process';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** Node.js runtime of every function: current and valid for provider 5.100 (nodejs20.x ends 2026-04-30). */
export const LAMBDA_RUNTIME = 'nodejs22.x';
/** The language level esbuild emits: the runtime's Node.js version. */
const ESBUILD_TARGET = 'node22';

/**
 * The esbuild flags every bundle is built with (besides its entries, output folder and externals). They
 * are part of the bundle cache's key: a bundle built with other flags is never taken from the cache.
 */
export const BUILD_FLAGS = [
  '--bundle',
  '--platform=node',
  `--target=${ESBUILD_TARGET}`,
  '--format=cjs',
  // The ES module build of a package first (the AWS SDK, Powertools and Smithy ship one): its
  // per-module files tree-shake, where the CommonJS build is one file per package kept whole. Bundles
  // are about a third smaller, and each function's cold init 35-50 ms of CPU shorter.
  '--main-fields=module,main',
  '--minify',
  '--legal-comments=none',
  // Powertools and the SDK read these at run time; tree-shaking works better with a fixed env.
  '--define:process.env.NODE_ENV="production"',
] as const;

/**
 * The esbuild executable, run as a child process. Not the `buildSync` API: that starts a worker thread
 * (a second Node.js isolate loading esbuild's JavaScript) to drive the same executable, 50-60 ms of CPU
 * per cold synth, and loading the API module costs every synth, cache hit or not.
 */
const ESBUILD_BIN = require.resolve('esbuild/bin/esbuild');
/** On Windows the package's `bin/esbuild` is a Node.js script that starts the executable. */
const ESBUILD_COMMAND: readonly [string, ...string[]] = process.platform === 'win32' ? [process.execPath, ESBUILD_BIN] : [ESBUILD_BIN];

/**
 * Go garbage collection of the esbuild run: none until its heap reaches GOMEMLIMIT (set here, whatever
 * the caller's GOGC). With Go's default (GOGC=100) a batch of the app's bundles spends a third of its CPU
 * collecting a heap that is freed at exit anyway: collection off takes 35-40% less CPU and about 20%
 * less wall time, for a peak of about 240 MB instead of 195 (a cold synth's process tree peaks at about
 * 350 MB, under the bench's 400 MB budget). Past the limit (a larger app), Go collects as usual.
 */
const ESBUILD_GC = { GOGC: 'off', GOMEMLIMIT: '256MiB' } as const;

/**
 * How long a run started in the background may take before waiting on it gives up (a stuck esbuild or
 * a thread that never started must fail the synth, not hang it). A cold build of this app takes under 1 s.
 */
export const ESBUILD_DEADLINE_MS = 5 * 60 * 1000;

/** How an esbuild run ended. */
export interface EsbuildResult {
  /** Exit status (null: it did not exit normally). */
  readonly status: number | null;
  /** Why it could not run at all (not found, killed, the thread failed), if so. */
  readonly error?: string;
  readonly stderr: string;
}

/** An esbuild run going on in the background; `wait` blocks until it ends (at most ESBUILD_DEADLINE_MS). */
export interface EsbuildRun {
  readonly wait: () => EsbuildResult;
}

function spawnOptions(cwd: string): SpawnSyncOptionsWithStringEncoding {
  return { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...ESBUILD_GC } };
}

/** Runs esbuild with `args` (BUILD_FLAGS are added) in `cwd` and waits for it. */
export function runEsbuild(args: readonly string[], cwd: string): EsbuildResult {
  const run = spawnSync(ESBUILD_COMMAND[0], [...ESBUILD_COMMAND.slice(1), ...args, ...BUILD_FLAGS], spawnOptions(cwd));
  return { status: run.status, error: run.error ? String(run.error) : undefined, stderr: run.stderr ?? '' };
}

// The background thread: plain JavaScript (it runs without the TypeScript loader), it only runs esbuild
// to its end and hands back how it ended. It writes nothing to stdout or stderr: a thread's output is
// relayed through the main thread, which may be blocked waiting for it. It always signals, even when
// it fails, so the waiting side never waits for nothing.
const THREAD = `
const { workerData } = require('node:worker_threads');
const { port, flag } = workerData;
let result = { status: null, error: 'the esbuild thread failed before esbuild ran', stderr: '' };
try {
  const run = require('node:child_process').spawnSync(workerData.command, workerData.args, workerData.options);
  result = { status: run.status, error: run.error ? String(run.error) : undefined, stderr: String(run.stderr ?? '') };
} catch (error) {
  result = { status: null, error: 'the esbuild thread failed: ' + String(error), stderr: '' };
} finally {
  port.postMessage(result);
  const signal = new Int32Array(flag);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
`;

/**
 * Starts esbuild like runEsbuild, but returns at once: the run goes on while this thread does other work
 * (a synth loads cdktf and the stacks meanwhile), and `wait` collects it. A worker thread runs it because
 * a synth is synchronous: the main thread cannot take a child's exit from the event loop while it
 * works, but it can block on a flag the thread sets.
 */
export function startEsbuild(args: readonly string[], cwd: string): EsbuildRun {
  const flag = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(THREAD, {
    eval: true,
    // Not this process's flags: `--require` of the TypeScript loader would load it again in the thread.
    execArgv: [],
    workerData: { command: ESBUILD_COMMAND[0], args: [...ESBUILD_COMMAND.slice(1), ...args, ...BUILD_FLAGS], options: spawnOptions(cwd), port: port2, flag },
    transferList: [port2],
  });
  // The thread must never keep the process alive (after a crash of the main thread, for one).
  worker.unref();
  let result: EsbuildResult | undefined;
  return {
    wait: () => {
      if (result) return result;
      const signal = new Int32Array(flag);
      const outcome = Atomics.wait(signal, 0, 0, ESBUILD_DEADLINE_MS);
      const message = receiveMessageOnPort(port1)?.message as EsbuildResult | undefined;
      port1.close();
      if (outcome === 'timed-out') void worker.terminate();
      result =
        outcome === 'timed-out' || !message
          ? { status: null, error: `esbuild did not finish within ${ESBUILD_DEADLINE_MS / 1000} s`, stderr: '' }
          : message;
      return result;
    },
  };
}
