import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync, version as esbuildVersion, type BuildOptions } from 'esbuild';
import { isThrottled, responseTooLarge, THROTTLED } from './limits';
import type { FromWorker, FunctionFault, ToWorker } from './protocol';

/** A function as declared by aws_lambda_function, with its environment resolved and its code unpacked (or unpacked by `unpack`). */
export interface FunctionSpec {
  readonly name: string;
  readonly arn: string;
  readonly handler: string;
  readonly codeDir: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Unpacked layer directories; their nodejs/node_modules go on NODE_PATH like /opt/nodejs/node_modules. */
  readonly layerDirs: readonly string[];
  /** Containers that may run at once (reserved concurrency, capped by the runtime's limit). */
  readonly maxContainers: number;
  /**
   * reserved_concurrent_executions: invocations in flight beyond it are throttled (limits.ts), not
   * queued; below it, those over `maxContainers` wait for a container. Default none (never throttled).
   */
  readonly reservedConcurrency?: number;
  /**
   * Unpacks `codeDir` and `layerDirs`; run before each invocation, so it must do nothing once it has
   * succeeded (the environment unpacks on the first cold start). Default none: they are ready.
   */
  readonly unpack?: () => void;
}

export type InvokeResult =
  | { readonly ok: true; readonly value: unknown; readonly durationMs: number }
  | { readonly ok: false; readonly errorType: string; readonly errorMessage: string; readonly timedOut: boolean; readonly durationMs: number; readonly throttled?: boolean };

interface Container {
  readonly child: ChildProcess;
  readonly ready: Promise<{ ok: true } | { ok: false; errorType: string; errorMessage: string }>;
  busy: boolean;
}

/**
 * Compiles the container bootstrap (worker.ts) into the state directory, and again only when one of its
 * sources (esbuild's metafile lists them), the options or esbuild's version changed: the stamp beside
 * the output keeps their hashes, so a restart reuses the output instead of running esbuild.
 */
export function buildWorker(stateDir: string): string {
  const outfile = join(stateDir, 'runtime', 'worker.js');
  const stampFile = `${outfile}.stamp.json`;
  const options: BuildOptions = { entryPoints: [join(__dirname, 'worker.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' };
  const key = JSON.stringify({ esbuild: esbuildVersion, options });
  if (existsSync(outfile) && workerStampHolds(stampFile, key)) return outfile;
  const result = buildSync({ ...options, absWorkingDir: __dirname, metafile: true });
  const inputs = Object.keys(result.metafile?.inputs ?? {}).map((f) => resolve(__dirname, f));
  writeFileSync(stampFile, JSON.stringify({ key, inputs: Object.fromEntries(inputs.map((f) => [f, hashOf(f)])) }));
  return outfile;
}

const hashOf = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function workerStampHolds(stampFile: string, key: string): boolean {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { key?: string; inputs?: Record<string, string> };
    const inputs = Object.entries(stamp.inputs ?? {});
    return stamp.key === key && inputs.length > 0 && inputs.every(([file, hash]) => existsSync(file) && hashOf(file) === hash);
  } catch {
    return false; // none yet, or torn: build again
  }
}

/**
 * Runs one function locally the way Lambda does: warm containers (child processes) that load the
 * bundled module once, one invocation per container at a time, more containers up to the concurrency
 * limit, and the function's timeout enforced by killing the container (the next call starts cold).
 */
export class LocalFunction {
  private readonly containers: Container[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly log: WriteStream;
  private stopped = false;
  /** Invocations and errors so far (what the function's Errors metric would count). */
  readonly metrics = { invocations: 0, errors: 0, timeouts: 0, coldStarts: 0, throttles: 0 };
  /** Invocations accepted and not finished (running or waiting for a container). */
  private inFlight = 0;
  /** Fault injected into the next invocations (tests: `throw` or `timeout` instead of running the handler). Default none. */
  fault?: FunctionFault;

  constructor(readonly spec: FunctionSpec, private readonly workerFile: string, logDir: string, private readonly timeoutScale = 1, private readonly echo?: (line: string) => void) {
    mkdirSync(logDir, { recursive: true });
    this.log = createWriteStream(join(logDir, `${spec.name}.log`), { flags: 'a' });
  }

  async invoke(event: unknown): Promise<InvokeResult> {
    if (this.stopped) throw new Error(`${this.spec.name}: local environment stopped`);
    if (isThrottled(this.inFlight, this.spec.reservedConcurrency)) {
      // Like Lambda's Throttles metric: not an invocation, not an error.
      this.metrics.throttles++;
      return { ok: false, errorType: THROTTLED, errorMessage: 'Rate Exceeded.', timedOut: false, durationMs: 0, throttled: true };
    }
    this.inFlight++;
    try {
      return await this.run(event);
    } finally {
      this.inFlight--;
    }
  }

  private async run(event: unknown): Promise<InvokeResult> {
    this.metrics.invocations++;
    const started = Date.now();
    try {
      this.spec.unpack?.();
    } catch (error) {
      // Like a container that cannot start: the invocation fails, never the environment.
      this.metrics.errors++;
      return { ok: false, errorType: 'Runtime.StartError', errorMessage: `unpacking the code failed: ${(error as Error).message}`, timedOut: false, durationMs: Date.now() - started };
    }
    const container = await this.acquire();
    const init = await container.ready;
    if (!init.ok) {
      this.release(container, true);
      this.metrics.errors++;
      return { ok: false, errorType: init.errorType, errorMessage: init.errorMessage, timedOut: false, durationMs: Date.now() - started };
    }
    const timeoutMs = this.spec.timeoutSeconds * 1000 * this.timeoutScale;
    const id = randomUUID();
    const message: ToWorker = { type: 'invoke', id, event, deadline: Date.now() + timeoutMs, requestId: id, ...(this.fault ? { fault: this.fault } : {}) };
    return new Promise<InvokeResult>((resolve) => {
      const done = (result: InvokeResult, kill: boolean): void => {
        clearTimeout(timer);
        container.child.off('message', onMessage);
        container.child.off('exit', onExit);
        if (!result.ok) this.metrics.errors++;
        this.release(container, kill);
        resolve(result);
      };
      const onMessage = (m: FromWorker): void => {
        if (m.type !== 'result' || m.id !== id) return;
        const durationMs = Date.now() - started;
        const tooLarge = m.ok ? responseTooLarge(m.value) : undefined;
        if (tooLarge) done({ ok: false, ...tooLarge, timedOut: false, durationMs }, false);
        else done(m.ok ? { ok: true, value: m.value, durationMs } : { ok: false, errorType: m.errorType, errorMessage: m.errorMessage, timedOut: false, durationMs }, false);
      };
      const onExit = (code: number | null): void => {
        done({ ok: false, errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${id} Error: Runtime exited with error: exit status ${code}`, timedOut: false, durationMs: Date.now() - started }, true);
      };
      const timer = setTimeout(() => {
        this.metrics.timeouts++;
        done({ ok: false, errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`, timedOut: true, durationMs: Date.now() - started }, true);
      }, timeoutMs);
      container.child.on('message', onMessage);
      container.child.on('exit', onExit);
      container.child.send(message);
    });
  }

  /** Process ids of the running containers (fault runs kill one mid-invocation, as a crashed sandbox). */
  containerPids(): number[] {
    return this.containers.map((c) => c.child.pid).filter((pid): pid is number => pid !== undefined);
  }

  /**
   * SIGKILLs every container, as crashed sandboxes (fault runs). Idle ones leave the pool at once, so the
   * next invocation starts cold instead of reaching a dead process whose exit is not yet reported; a busy
   * one fails its invocation when its exit arrives. Returns how many were killed.
   */
  killContainers(): number {
    const killed = [...this.containers];
    for (const c of killed) {
      c.child.kill('SIGKILL');
      if (!c.busy) this.containers.splice(this.containers.indexOf(c), 1);
    }
    return killed.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of this.containers.splice(0)) c.child.kill('SIGKILL');
    await new Promise<void>((resolve) => this.log.end(resolve));
  }

  private async acquire(): Promise<Container> {
    for (;;) {
      const idle = this.containers.find((c) => !c.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.containers.length < Math.max(1, this.spec.maxContainers)) {
        const c = this.spawn();
        c.busy = true;
        return c;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(container: Container, kill: boolean): void {
    if (kill) {
      container.child.kill('SIGKILL');
      const i = this.containers.indexOf(container);
      if (i >= 0) this.containers.splice(i, 1);
    } else {
      container.busy = false;
    }
    this.waiting.shift()?.();
  }

  private spawn(): Container {
    this.metrics.coldStarts++;
    const nodePath = this.spec.layerDirs.flatMap((d) => [join(d, 'nodejs', 'node_modules'), join(d, 'nodejs', 'node20', 'node_modules')]);
    const child = fork(this.workerFile, [], {
      cwd: this.spec.codeDir,
      // Only what Lambda would give the function: its own variables plus the runtime's.
      env: {
        PATH: process.env.PATH,
        ...this.spec.environment,
        LAMBDA_TASK_ROOT: this.spec.codeDir,
        _HANDLER: this.spec.handler,
        AWS_LAMBDA_FUNCTION_NAME: this.spec.name,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(this.spec.memoryMb),
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${this.spec.name}`,
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs_local',
        LOCAL_FUNCTION_ARN: this.spec.arn,
        NODE_PATH: nodePath.join(':'),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [`--max-old-space-size=${Math.max(128, this.spec.memoryMb)}`],
    });
    const forward = (chunk: Buffer): void => {
      this.log.write(chunk);
      if (this.echo) for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) this.echo(`[${this.spec.name}] ${line}`);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    const ready = new Promise<{ ok: true } | { ok: false; errorType: string; errorMessage: string }>((resolve) => {
      const onMessage = (m: FromWorker): void => {
        if (m.type === 'ready') resolve({ ok: true });
        if (m.type === 'init-error') resolve({ ok: false, errorType: m.errorType, errorMessage: m.errorMessage });
      };
      child.on('message', onMessage);
      child.once('exit', (code) => resolve({ ok: false, errorType: 'Runtime.ExitError', errorMessage: `container exited during init (status ${code})` }));
      // A container that cannot start (e.g. no code) fails its invocations, never the environment.
      child.once('error', (error) => resolve({ ok: false, errorType: 'Runtime.StartError', errorMessage: error.message }));
    });
    const container: Container = { child, ready, busy: false };
    child.once('exit', () => {
      const i = this.containers.indexOf(container);
      if (i >= 0) this.containers.splice(i, 1);
    });
    this.containers.push(container);
    return container;
  }
}
