/**
 * A dependency that never answers: the local AWS endpoint holds every request of one service open
 * without a byte of answer (`faults.stalled`). Every function's SDK calls are bounded by the one shared
 * budget (@tap/lambda-kit sdk.ts: connect 1 s, request 2 s that really throws, 2 attempts), so each API
 * answers 503 with Retry-After in under 10 s, far from API Gateway's 29 s 504, and the queue consumer
 * fails only the records it could not store (they come back) instead of timing out.
 */
import { randomUUID } from 'node:crypto';
import { worstCaseCallMs } from '@tap/lambda-kit';
import type { StallableService } from '@tap/local-env';
import { call, client, localOnly, startOps, waitFor, type OpsEnvironment, type Reply } from './support';

jest.setTimeout(120_000);
const RUN = randomUUID().slice(0, 8);
/** The APIs' budget for a stalled dependency. */
const API_BUDGET_MS = 10_000;
let ops: OpsEnvironment;
let token: string;

if (localOnly()) {
  beforeAll(async () => {
    // Visibility 180 s x 0.05 = 9 s: longer than a stalled invocation (about 5 s), as on AWS (180 s > 30 s),
    // so a message is not received again while the invocation holding it still runs.
    ops = await startOps({ profile: 'dev', suffix: 'opsstall', visibilityTimeoutScale: 0.05 });
    token = await ops.pipelineToken();
  });
  afterAll(async () => {
    ops?.env.faults.stalled.clear();
    await ops?.stop();
  });
}

async function stalled<T>(service: StallableService, body: () => Promise<T>): Promise<T> {
  ops.env.faults.stalled.add(service);
  try {
    return await body();
  } finally {
    ops.env.faults.stalled.delete(service);
  }
}

/** A token of the right shape (48 letters and digits, the identity validation expression) that nobody holds: the authorizer runs. */
function wellFormedWrongToken(): string {
  return randomUUID().replace(/-/g, '').concat(randomUUID().replace(/-/g, '')).slice(0, 48);
}

function expectBusy(reply: Reply): void {
  expect([reply.status, reply.ms < API_BUDGET_MS]).toEqual([503, true]);
  expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(reply.body.error).toEqual(expect.any(String));
}

const envelope = (id: string) => ({ id, source: 'ops.stall', type: 'ops.stall', time: new Date().toISOString(), detail: { run: RUN } });

describe('operations: a dependency that never answers', () => {
  it('the shared SDK budget fits the APIs budget and the function timeout', () => {
    expect(worstCaseCallMs()).toBeLessThan(API_BUDGET_MS);
  });

  it('payment create: a stalled DynamoDB is 503 + Retry-After in under 10 s; the same key succeeds afterwards', async () => {
    const key = `stall-${RUN}`;
    const body = { amount: 300, currency: 'EUR', merchantReference: `stall-${RUN}`, customerReference: `cust-${RUN}` };
    const reply = await stalled('dynamodb', () => call(`${ops.outputs.paymentApiUrl}/payments`, 'POST', { signAs: client(ops), headers: { 'Idempotency-Key': key }, body, timeoutMs: 30_000 }));
    expectBusy(reply);
    const retry = await waitFor('the retry after the stall', 20_000, async () => {
      const r = await call(`${ops.outputs.paymentApiUrl}/payments`, 'POST', { signAs: client(ops), headers: { 'Idempotency-Key': key }, body });
      return r.status === 409 ? undefined : r;
    });
    expect(retry.status).toBe(201);
  });

  it('payment status: a stalled DynamoDB is 503 + Retry-After in under 10 s', async () => {
    expectBusy(await stalled('dynamodb', () => call(`${ops.outputs.paymentApiUrl}/payments/${randomUUID()}`, 'GET', { signAs: client(ops), timeoutMs: 30_000 })));
  });

  it('REST items: a stalled DynamoDB is 503 + Retry-After in under 10 s', async () => {
    expectBusy(await stalled('dynamodb', () => call(`${ops.outputs.restApiUrl}/items`, 'POST', { signAs: client(ops), body: { name: `stall ${RUN}`, quantity: 1 }, timeoutMs: 30_000 })));
  });

  it('event ingest: a stalled EventBridge is 503 + Retry-After in under 10 s', async () => {
    const reply = await stalled('events', () => call(ops.outputs.eventPipelineEventPostUrl, 'POST', { headers: { authorization: token }, body: envelope(`stall-${RUN}-ingest`), timeoutMs: 30_000 }));
    expectBusy(reply);
  });

  it('authorizer: a stalled SSM fails the authorizer in under 10 s (never a hang); deployed, AUTHORIZER_FAILURE answers 503 + Retry-After', async () => {
    const name = ops.fn('events-auth-fn');
    const fn = ops.env.functions.get(name);
    if (!fn) throw new Error(`${name} not running`);
    // A cold container (no cached token) and a token API Gateway has not cached a decision for.
    ops.env.faults.kill(name);
    await waitFor('the authorizer containers gone', 5_000, async () => (fn.containerPids().length === 0 ? true : undefined));
    const before = (await ops.metrics()).functions[name];
    const reply = await stalled('ssm', () => call(ops.outputs.eventPipelineEventPostUrl, 'POST', { headers: { authorization: wellFormedWrongToken() }, body: envelope(`stall-${RUN}-auth`), timeoutMs: 30_000 }));
    // The local API front does not apply gateway responses (stated at start-up): API Gateway's default 500 here.
    expect([reply.status, reply.ms < API_BUDGET_MS]).toEqual([500, true]);
    const after = (await ops.metrics()).functions[name];
    expect(after.timeouts).toBe(before.timeouts);
  });

  it('event process: a stalled DynamoDB fails the records within the budget (no function timeout); they are stored once it answers again', async () => {
    const name = ops.fn('events-process-fn');
    const id = `stall-${RUN}-process`;
    const before = (await ops.metrics()).functions[name];
    await stalled('dynamodb', async () => {
      await ops.redeliver(envelope(id));
      await waitFor('the process function invoked with the event', 30_000, async () => ((await ops.metrics()).functions[name].invocations > before.invocations ? true : undefined));
      // Give the first invocation its bounded time: it ends by itself, well inside the 30 s timeout.
      await new Promise((r) => setTimeout(r, worstCaseCallMs() + 1_000));
    });
    const after = (await ops.metrics()).functions[name];
    expect(after.timeouts).toBe(before.timeouts);
    const item = await waitFor('the event stored after the stall', 40_000, async () => (await ops.scanAll(ops.outputs.eventPipelineTableName)).find((i) => i.eventId?.S === id));
    expect(item.eventId?.S).toBe(id);
  });
});
