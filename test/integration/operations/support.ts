/**
 * Shared pieces of the operations suites. Fault injection (a handler that throws or hangs, a refused
 * DynamoDB call, a killed container) and deliberate throttling need control of the environment, so these
 * suites start a PRIVATE local environment (@tap/ops-env, packages/ops-env) rather than disturbing the
 * shared one that the other suites run against in parallel. They read the private environment's flat
 * outputs (same keys as cfn-outputs/flat-outputs.json) and its admin endpoint (`/_local/metrics`), as a
 * suite reads the shared one through LOCAL_ADMIN_URL. Against real AWS (INTEGRATION_TARGET=aws) faults
 * cannot be injected: the suites say so and are reported as skipped.
 */
import type { LocalMetrics, OpsEnvironment } from '@tap/ops-env';
import { signedHeaders, type ClientCredentials } from '@tap/local-env';
import { integrationTarget } from '../support/outputs';

export { startOps, type LocalMetrics, type OpsEnvironment } from '@tap/ops-env';

/** True when the suite can run here; otherwise prints a SKIPPED line and turns the suite's tests into skipped ones. */
export function localOnly(): boolean {
  if (integrationTarget() === 'local') return true;
  process.stdout.write(`SKIPPED: ${expect.getState().testPath ?? 'operations suite'}: fault injection needs the local environment (INTEGRATION_TARGET=aws)\n`);
  const g = globalThis as unknown as Record<string, unknown>;
  g.describe = describe.skip;
  g.it = it.skip;
  g.test = test.skip;
  return false;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
  readonly text: string;
  readonly ms: number;
}

/** One HTTP call, bounded by a timeout; the body parsed as JSON when it is JSON. */
export async function call(url: string, method: string, options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number; signAs?: ClientCredentials } = {}): Promise<Reply> {
  const started = Date.now();
  const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const plain = { 'content-type': 'application/json', ...(options.headers ?? {}) };
  // The payment and REST APIs are IAM-authorized: their calls are signed as a local client.
  const headers = options.signAs ? await signedHeaders(url, options.signAs, { method, headers: plain, body: payload }) : plain;
  const response = await fetch(url, {
    method,
    headers,
    ...(payload !== undefined ? { body: payload } : {}),
    signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { raw: text };
  }
  return { status: response.status, headers: response.headers, body, text, ms: Date.now() - started };
}

/**
 * `call`, retrying a 429 as a client would: the items methods admit only what the function's reservation
 * carries (packages/config/src/throttles.ts; dev: 10 req/s and a burst of 1 per method). For tests about
 * something else than throttling; a test about throttling uses `call` and sees the 429.
 */
export async function callAdmitted(url: string, method: string, options: Parameters<typeof call>[2] = {}): Promise<Reply> {
  let reply = await call(url, method, options);
  for (let retry = 1; reply.status === 429 && retry <= 20; retry += 1) {
    await new Promise((r) => setTimeout(r, 100 * Math.min(retry, 5)));
    reply = await call(url, method, options);
  }
  return reply;
}

/** Polls `check` every 200 ms until it returns a value (not undefined) or the deadline passes. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The private environment's first granted API client (what `pnpm local` prints as client-a). */
export function client(ops: OpsEnvironment, name = 'client-a'): ClientCredentials {
  const found = ops.env.clients.find((c) => c.name === name);
  if (!found) throw new Error(`the local environment has no API client ${name}`);
  return found;
}

/** POST /payments with a valid body; the run id keeps references unique per test run. */
export function postPayment(ops: OpsEnvironment, idempotencyKey: string, run: string): Promise<Reply> {
  return call(`${ops.outputs.paymentApiUrl}/payments`, 'POST', {
    signAs: client(ops),
    headers: { 'Idempotency-Key': idempotencyKey },
    body: { amount: 100, currency: 'EUR', merchantReference: `ops-${run}`, customerReference: `cust-${run}` },
  });
}

/**
 * Runs `body` while one local function answers every invocation with a fault ('throw' or 'timeout')
 * instead of running its handler; hands `body` the function's name and its metrics from before.
 */
export async function withFault<T>(ops: OpsEnvironment, prefix: string, fault: 'throw' | 'timeout', body: (name: string, before: LocalMetrics['functions'][string]) => Promise<T>): Promise<T> {
  const name = ops.fn(prefix);
  const fn = ops.env.functions.get(name);
  if (!fn) throw new Error(`${name} not running`);
  const before = (await ops.metrics()).functions[name];
  ops.env.faults.functionFault(name, fault);
  try {
    return await body(name, before);
  } finally {
    ops.env.faults.functionFault(name, undefined);
  }
}
