/**
 * `pnpm load`: a bounded load run on loopback. Synthesizes the app (dev profile) into a temporary
 * directory, starts a private local environment, drives the three APIs concurrently, then checks the
 * tables and prints exactly one line:
 *
 *   load: <N> requests, <E> 5xx outside the fault window, <L> lost or duplicated writes, audit == payments, p50 <ms> ms, p99 <ms> ms
 *
 * and exits non-zero when E or L is above 0 or the audit archive does not match the payments (then the
 * line says `audit != payments (<P> payments, <A> audit records)`).
 *
 * After the steady phase, a fault phase (fault-phase.ts) kills the create-payment function mid-request
 * and stalls DynamoDB; 5xx while a fault is active are expected and not counted, the retries are.
 *
 *   pnpm load                                        # default: 150 requests, concurrency 8, at most 30 s
 *   pnpm load --requests 2000 --concurrency 32 --seconds 120
 *
 * Traffic: payment POSTs with unique Idempotency-Keys plus one "hot" key posted by many clients at once
 * with the same body (each must answer the same 201 or 409-in-progress, exactly one payment stored);
 * REST items create/read/update/delete; pipeline events with some ids posted twice and some messages put
 * on the queue twice (an SQS redelivery). A 429 (stage throttling) or 409-in-progress is retried, as a
 * client would, after a short pause; every attempt counts as a request.
 */
import { randomUUID } from 'node:crypto';
import { intOption, runCli, type CommandSpec } from '@tap/cli';
import type { OpsEnvironment } from '@tap/ops-env';
import { faultPhase } from './fault-phase';
import { checkAudit, checkWrites, type Ledger } from './verify';
import { runPool } from './pool';
import type { ClientCredentials, signedHeaders } from '@tap/local-env';

interface Flags {
  readonly requests: number;
  readonly concurrency: number;
  readonly seconds: number;
}

const LOAD_COMMAND = {
  name: 'pnpm load',
  summary: 'A bounded load run on loopback against a private local environment (its own temporary synth and free ports); prints one line and exits non-zero on any 5xx or lost or duplicated write.',
  options: {
    requests: { type: 'string', value: '<n>', description: 'requests in total, 1-20000 (default 150)' },
    concurrency: { type: 'string', value: '<n>', description: 'clients at once, 1-128 (default 8)' },
    seconds: { type: 'string', value: '<n>', description: 'stop sending after this long, 1-600 (default 30)' },
  },
} as const satisfies CommandSpec;

function flags(v: { requests?: string; concurrency?: string; seconds?: string }): Flags {
  return {
    requests: intOption(v.requests, 'requests', { min: 1, max: 20_000 }) ?? 150,
    concurrency: intOption(v.concurrency, 'concurrency', { min: 1, max: 128 }) ?? 8,
    seconds: intOption(v.seconds, 'seconds', { min: 1, max: 600 }) ?? 30,
  };
}

export interface Attempt {
  readonly status: number;
  readonly ms: number;
  readonly body: Record<string, unknown>;
  /** Made while a fault was injected (fault-phase.ts): its 5xx is expected. */
  readonly fault?: boolean;
  /** `METHOD /path` with ids as `{id}`, for the per-route figures. */
  readonly route?: string;
}

/** `POST http://127.0.0.1:1234/api/items/0f8f...` -> `POST /items/{id}` (the stage name and ids dropped). */
export function routeOf(method: string, url: string): string {
  const path = new URL(url).pathname.split('/').slice(2).map((p) => (/^[0-9a-f-]{36}$/i.test(p) || /^(pay|evt)[-_]/i.test(p) ? '{id}' : p));
  return `${method} /${path.join('/')}`;
}

/** Records every HTTP attempt (status, latency); retries 429 and 409-in-progress up to 6 times. */
export class Client {
  readonly attempts: Attempt[] = [];
  /** True while the fault phase injects a fault; attempts made then are marked. */
  faultWindow = false;

  /** `iam`: calls to these URL prefixes (the IAM-authorized APIs) are SigV4-signed as this client with `sign`. */
  constructor(
    public deadline: number,
    private readonly iam?: { readonly credentials: ClientCredentials; readonly prefixes: readonly string[]; readonly sign: typeof signedHeaders },
  ) {}

  async send(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<Attempt> {
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      let reply: Attempt;
      try {
        const payload = body !== undefined ? JSON.stringify(body) : undefined;
        const plain = { 'content-type': 'application/json', ...headers };
        // Signed per attempt: a retry carries a fresh signature date.
        const signed = this.iam && this.iam.prefixes.some((p) => url.startsWith(p)) ? await this.iam.sign(url, this.iam.credentials, { method, headers: plain, body: payload }) : plain;
        const response = await fetch(url, {
          method,
          headers: signed,
          ...(payload !== undefined ? { body: payload } : {}),
          signal: AbortSignal.timeout(Math.max(1000, Math.min(30_000, this.deadline - Date.now()))),
        });
        const text = await response.text();
        reply = { status: response.status, ms: Date.now() - started, body: safeJson(text) };
      } catch (error) {
        // A hung or refused request counts as a 5xx-class failure: it is exactly what must not happen.
        reply = { status: 599, ms: Date.now() - started, body: { error: (error as Error).message } };
      }
      reply = { ...reply, route: routeOf(method, url) };
      if (this.faultWindow) reply = { ...reply, fault: true };
      this.attempts.push(reply);
      const retryable = reply.status === 429 || (reply.status === 409 && String(reply.body.error ?? '').includes('in progress'));
      if (!retryable || attempt >= 6 || Date.now() > this.deadline) return reply;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 50));
    }
  }
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const v: unknown = text ? JSON.parse(text) : {};
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: text };
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Builds the work items: a third each for payments, items and events (roughly; a request is one HTTP call). */
function plan(ops: OpsEnvironment, client: Client, ledger: Ledger, total: number, concurrency: number): (() => Promise<void>)[] {
  const run = randomUUID().slice(0, 8);
  const payments = `${ops.outputs.paymentApiUrl}/payments`;
  const items = `${ops.outputs.restApiUrl}/items`;
  const tasks: (() => Promise<void>)[] = [];
  const share = Math.max(3, Math.floor(total / 3));

  // Payments: one hot key posted by `hot` clients at once with the same body, the rest unique keys.
  const hot = Math.min(share, Math.max(4, concurrency));
  const hotKey = `load-${run}-hot`;
  const hotBody = { amount: 4242, currency: 'EUR', merchantReference: `load-${run}-hot`, customerReference: `load-${run}` };
  ledger.hotKey = hotKey;
  for (let i = 0; i < hot; i++) {
    tasks.push(async () => {
      const r = await client.send(payments, 'POST', hotBody, { 'Idempotency-Key': hotKey });
      ledger.hotReplies.push({ status: r.status, paymentId: typeof r.body.paymentId === 'string' ? r.body.paymentId : undefined });
      if (r.status === 201 && typeof r.body.paymentId === 'string') ledger.payments.set(hotKey, r.body.paymentId);
    });
  }
  for (let i = 0; i < share - hot; i++) {
    const key = `load-${run}-p${i}`;
    tasks.push(async () => {
      const r = await client.send(payments, 'POST', { amount: 100 + i, currency: 'EUR', merchantReference: `load-${run}-${i}`, customerReference: `load-${run}` }, { 'Idempotency-Key': key });
      if (r.status === 201 && typeof r.body.paymentId === 'string') ledger.payments.set(key, r.body.paymentId);
    });
  }

  // Items: create → read → update (→ delete every fourth): four calls per item.
  for (let i = 0; i < Math.max(1, Math.floor(share / 4)); i++) {
    tasks.push(async () => {
      const created = await client.send(items, 'POST', { name: `load ${run} ${i}`, quantity: i + 1 });
      if (created.status !== 201 || typeof created.body.id !== 'string') return;
      const id = created.body.id;
      ledger.items.set(id, { name: `load ${run} ${i}`, deleted: false });
      await client.send(`${items}/${id}`, 'GET');
      const updated = await client.send(`${items}/${id}`, 'PUT', { name: `load ${run} ${i} v2`, version: 1 });
      if (updated.status === 200) ledger.items.set(id, { name: `load ${run} ${i} v2`, deleted: false });
      if (i % 4 === 0) {
        const deleted = await client.send(`${items}/${id}?version=2`, 'DELETE');
        if (deleted.status === 204) ledger.items.set(id, { name: '', deleted: true });
      }
    });
  }

  // Events: unique ids; every fifth posted twice (a producer retry); every seventh also put on the queue
  // a second time directly (an SQS redelivery of the same event).
  const itemCalls = Math.max(1, Math.floor(share / 4)) * 3;
  let budget = Math.max(2, total - tasks.length - itemCalls);
  for (let i = 0; budget > 0; i++) {
    const envelope = { id: `load-${run}-e${i}`, source: 'load.run', type: 'load.event', time: new Date().toISOString(), detail: { i } };
    const posts = i % 5 === 0 && budget >= 2 ? 2 : 1;
    budget -= posts;
    tasks.push(async () => {
      for (let n = 0; n < posts; n++) {
        const r = await client.send(ops.outputs.eventPipelineEventPostUrl, 'POST', envelope, { authorization: ledger.token });
        if (r.status >= 200 && r.status < 300) ledger.events.add(envelope.id);
      }
      if (i % 7 === 0 && ledger.events.has(envelope.id)) await ops.redeliver(envelope);
    });
  }
  return tasks;
}

/**
 * Every successful invocation's duration per function, as the local runtime measures it (from accepted to
 * answered, waiting for a container included): the figures packages/capacity/src/durations.ts records.
 */
function recordDurations(ops: OpsEnvironment): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [name, fn] of ops.env.functions) {
    const invoke = fn.invoke.bind(fn);
    fn.invoke = async (event: unknown) => {
      const result = await invoke(event);
      if (result.ok) out.set(name, [...(out.get(name) ?? []), result.durationMs]);
      return result;
    };
  }
  return out;
}

async function main({ values }: { values: { requests?: string; concurrency?: string; seconds?: string } }): Promise<number> {
  const f = flags(values);
  const started = Date.now();
  const deadline = started + f.seconds * 1000;
  // Required here, not at the top: the local environment, the AWS SDK and the capacity model are most of
  // this command's start-up, and --help or a bad option (answered before main) must not wait for them.
  const { startOps } = require('@tap/ops-env') as typeof import('@tap/ops-env');
  const { checkShape } = require('./shape') as typeof import('./shape');
  const { signedHeaders } = require('@tap/local-env') as typeof import('@tap/local-env');
  // Enough warm containers for the concurrency a load run drives (the dev profile's reserved concurrency caps it).
  const ops = await startOps({ profile: 'dev', suffix: 'load', maxContainersPerFunction: 8 });
  try {
    const signAs = ops.env.clients.find((c) => c.name === 'client-a');
    if (!signAs) throw new Error('the local environment printed no API client');
    const client = new Client(deadline, { credentials: signAs, prefixes: [ops.outputs.paymentApiUrl, ops.outputs.restApiUrl], sign: signedHeaders });
    const ledger: Ledger = { payments: new Map(), hotReplies: [], items: new Map(), events: new Set(), token: await ops.pipelineToken(), unfinished: [] };
    const durations = recordDurations(ops);
    const tasks = plan(ops, client, ledger, f.requests, f.concurrency);
    const steadyStart = Date.now();
    await runPool(tasks, f.concurrency, deadline);
    const steadySeconds = (Date.now() - steadyStart) / 1000;
    const steady = client.attempts.length;
    // The fault phase gets its own bound: a killed claim's lock lapses within one function timeout (30 s).
    const faultsDone = Date.now() + 60_000;
    client.deadline = faultsDone;
    await faultPhase(ops, client, ledger, faultsDone);
    const problems = await checkWrites(ops, ledger, Date.now() + 30_000);
    const audit = await checkAudit(ops);
    const latencies = client.attempts.filter((a) => !a.fault).map((a) => a.ms).sort((a, b) => a - b);
    const errors = client.attempts.filter((a) => a.status >= 500 && !a.fault).length;
    for (const p of [...problems, ...audit.problems]) process.stderr.write(`load: ${p}\n`);
    for (const a of client.attempts.filter((x) => x.status >= 500 && !x.fault)) process.stderr.write(`load: ${a.status} outside the fault window after ${a.ms} ms: ${JSON.stringify(a.body).slice(0, 200)}\n`);
    const inWindow = client.attempts.filter((a) => a.fault);
    const byStatus = inWindow.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});
    process.stderr.write(`load: fault window: ${inWindow.length} attempts, by status ${JSON.stringify(byStatus)}\n`);
    // Per route: how many answered and how fast (the client's view: handler duration plus the local
    // gateway), the figures packages/capacity/src/durations.ts records.
    const routes = new Map<string, number[]>();
    for (const a of client.attempts) if (!a.fault && a.route && a.status < 429) routes.set(a.route, [...(routes.get(a.route) ?? []), a.ms]);
    for (const [route, ms] of [...routes.entries()].sort()) {
      const sorted = [...ms].sort((a, b) => a - b);
      process.stderr.write(`load: route ${route}: ${sorted.length} answered, p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms\n`);
    }
    // The model's shape: each route's answered rate in the steady phase within the model's prediction.
    const answered = new Map<string, number>();
    for (const a of client.attempts.slice(0, steady)) if (!a.fault && a.route && a.status !== 429) answered.set(a.route, (answered.get(a.route) ?? 0) + 1);
    const shape = checkShape(ops, answered, steadySeconds, durations);
    for (const line of shape.lines) process.stderr.write(`${line}\n`);
    for (const v of shape.violations) process.stderr.write(`load: model shape: ${v}\n`);
    for (const [name, ms] of [...durations.entries()].sort()) {
      const sorted = [...ms].sort((a, b) => a - b);
      process.stderr.write(`load: function ${name}: ${sorted.length} invocations, p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms\n`);
    }
    const auditText = audit.problems.length === 0 ? 'audit == payments' : `audit != payments (${audit.payments} payments, ${audit.audits} audit records)`;
    process.stdout.write(`load: ${client.attempts.length} requests, ${errors} 5xx outside the fault window, ${problems.length} lost or duplicated writes, ${auditText}, p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms\n`);
    return errors > 0 || problems.length > 0 || audit.problems.length > 0 || shape.violations.length > 0 ? 1 : 0;
  } finally {
    await ops.stop();
  }
}

if (require.main === module) {
  // process.exit: the pollers' and SDK clients' timers would keep a finished run alive.
  runCli(LOAD_COMMAND, (args) =>
    main(args).then(
      (code) => process.exit(code),
      (error: unknown) => {
        process.stderr.write(`load: failed: ${(error as Error).stack ?? String(error)}\n`);
        process.exit(2);
      },
    ),
  );
}
