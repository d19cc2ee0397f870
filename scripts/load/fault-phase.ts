/**
 * The fault phase of `pnpm load`, run after the steady phase on the same environment: the create-payment
 * function is SIGKILLed mid-request (right after its idempotency claim, and right after its payment
 * transaction committed, its answer lost), and DynamoDB stalls (never answers) for a few seconds while
 * payments and items are posted. Every attempt made while a fault is active is marked `fault` (its 5xx
 * is expected: a 502 for the killed function, a 503 for the stall); afterwards each request is retried
 * with the same Idempotency-Key until it succeeds, as a client would, and those retries must not fail.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from './cli';
import type { OpsEnvironment } from '@tap/ops-env';
import type { Ledger } from './verify';

/**
 * Kills the create function when the DynamoDB write of `key` reaches `operation` (`after` it is applied).
 * The write carries the key scoped to the caller (the client the load run signs as), as the handler
 * derives it.
 */
function killAt(ops: OpsEnvironment, key: string, operation: string): () => boolean {
  const name = ops.fn('payment-api-create');
  const hash = ops.scopedKey(key);
  let done = false;
  const previous = ops.env.faults.dynamoWrite;
  ops.env.faults.dynamoWrite = (phase, op, body) => {
    if (!done && phase === 'after' && op === operation && JSON.stringify(body).includes(hash)) {
      done = true;
      ops.env.faults.kill(name);
      return false;
    }
    return previous?.(phase, op, body);
  };
  return () => done;
}

/** Retries a POST with the same key until it is accepted (the lock of a killed attempt lapses within one function timeout). */
async function untilAccepted(client: Client, url: string, body: unknown, headers: Record<string, string>, deadline: number): Promise<Record<string, unknown> | undefined> {
  while (Date.now() < deadline) {
    const r = await client.send(url, 'POST', body, headers);
    if (r.status === 201) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

export async function faultPhase(ops: OpsEnvironment, client: Client, ledger: Ledger, deadline: number): Promise<void> {
  const run = randomUUID().slice(0, 8);
  const payments = `${ops.outputs.paymentApiUrl}/payments`;
  const items = `${ops.outputs.restApiUrl}/items`;
  const pending: { key?: string; url: string; body: unknown; kind: 'payment' | 'item' }[] = [];

  client.faultWindow = true;
  try {
    // 1. A function killed mid-request, at both step boundaries, one request each at a time.
    for (const [i, operation] of ['PutItem', 'TransactWriteItems', 'PutItem', 'TransactWriteItems'].entries()) {
      const key = `load-${run}-kill${i}`;
      const body = { amount: 500 + i, currency: 'EUR', merchantReference: `load-${run}-kill${i}`, customerReference: `load-${run}` };
      const killed = killAt(ops, key, operation);
      const reply = await client.send(payments, 'POST', body, { 'Idempotency-Key': key });
      // A kill that never fired would make this phase a plain retry: fail the run instead.
      if (!killed()) throw new Error(`load fault phase: the create function was not killed at ${operation} of ${key} (the request answered ${reply.status} ${JSON.stringify(reply.body)} without that write)`);
      ops.env.faults.dynamoWrite = undefined;
      pending.push({ key, url: payments, body, kind: 'payment' });
    }
    // 2. A stalled dependency: DynamoDB never answers while payments and items are posted. The event
    // pipeline drains first (bounded): its records are not part of this fault, and a record received
    // again and again during the stall would reach its DLQ after maxReceiveCount, as it would on AWS.
    const drained = Date.now() + 30_000;
    while (Date.now() < drained && (await ops.queueDepth(ops.outputs.eventPipelineQueueUrl)) > 0) await new Promise((r) => setTimeout(r, 200));
    ops.env.faults.stalled.add('dynamodb');
    await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const key = `load-${run}-stall${i}`;
        const body = { amount: 700 + i, currency: 'EUR', merchantReference: `load-${run}-stall${i}`, customerReference: `load-${run}` };
        await client.send(payments, 'POST', body, { 'Idempotency-Key': key });
        pending.push({ key, url: payments, body, kind: 'payment' });
        const item = { name: `load ${run} stall ${i}`, quantity: 1 };
        await client.send(items, 'POST', item);
        pending.push({ url: items, body: item, kind: 'item' });
      }),
    );
  } finally {
    ops.env.faults.stalled.delete('dynamodb');
    ops.env.faults.dynamoWrite = undefined;
    client.faultWindow = false;
  }

  // 3. Recovery: every request again, as the client would; these attempts count as normal traffic.
  await Promise.all(
    pending.map(async (p) => {
      if (p.kind === 'payment' && p.key) {
        const accepted = await untilAccepted(client, p.url, p.body, { 'Idempotency-Key': p.key }, deadline);
        if (accepted && typeof accepted.paymentId === 'string') ledger.payments.set(p.key, accepted.paymentId);
        else ledger.unfinished.push(`payment ${p.key} never accepted after the faults`);
      } else {
        const r = await client.send(p.url, 'POST', p.body);
        if (r.status === 201 && typeof r.body.id === 'string') ledger.items.set(r.body.id, { name: String((p.body as { name: string }).name), deleted: false });
        else ledger.unfinished.push(`item ${(p.body as { name: string }).name} answered ${r.status} after the faults`);
      }
    }),
  );
}
