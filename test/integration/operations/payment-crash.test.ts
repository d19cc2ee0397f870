/**
 * The create-payment function killed (SIGKILL of its container, as a crashed sandbox) at every step
 * boundary, with and without a client retry. The local AWS endpoint calls a hook around each DynamoDB
 * write: the test kills the function right after the claim was stored, right before the payment
 * transaction reaches DynamoDB, and right after the transaction committed (its answer never arrives).
 * Whatever the boundary: every stored payment has exactly one audit record, nothing is stored twice, and
 * a retry with the same key completes the SAME payment within about one function timeout (the lock
 * lapses with the invocation), never 24 h later.
 */
import { randomUUID } from 'node:crypto';
import { call, client, localOnly, startOps, waitFor, type OpsEnvironment, type Reply } from './support';

jest.setTimeout(180_000);
const RUN = randomUUID().slice(0, 8);
// Function timeout 30 s x 0.2 = 6 s: the lock of a killed attempt lapses within about 7 s.
const TIMEOUT_SCALE = 0.2;
let ops: OpsEnvironment;

if (localOnly()) {
  beforeAll(async () => {
    ops = await startOps({ profile: 'dev', suffix: 'opscrash', timeoutScale: TIMEOUT_SCALE });
  });
  afterAll(async () => {
    await ops?.stop();
  });
}

interface Boundary {
  readonly name: string;
  readonly phase: 'before' | 'after';
  readonly operation: string;
  /** What a crash there must leave behind without a retry: payments (each with its audit record). */
  readonly storedWithoutRetry: number;
}

const BOUNDARIES: readonly Boundary[] = [
  { name: 'after the idempotency claim was stored', phase: 'after', operation: 'PutItem', storedWithoutRetry: 0 },
  { name: 'between the claim and the payment transaction (the transaction never sent)', phase: 'before', operation: 'TransactWriteItems', storedWithoutRetry: 0 },
  { name: 'after the payment, audit and completion transaction committed (answer lost)', phase: 'after', operation: 'TransactWriteItems', storedWithoutRetry: 1 },
];

/** POSTs once while the create function is killed at `boundary` of the request with this key. */
async function crashOnce(key: string, reference: string, boundary: Boundary): Promise<Reply> {
  const name = ops.fn('payment-api-create');
  const fn = ops.env.functions.get(name);
  if (!fn) throw new Error(`${name} not running`);
  const keyHash = ops.scopedKey(key);
  let killed = 0;
  ops.env.faults.dynamoWrite = (phase, operation, body) => {
    if (killed > 0 || phase !== boundary.phase || operation !== boundary.operation || !JSON.stringify(body).includes(keyHash)) return undefined;
    killed += ops.env.faults.kill(name);
    return false; // the dead function never gets the answer
  };
  try {
    const reply = await post(key, reference);
    expect(killed).toBeGreaterThan(0);
    return reply;
  } finally {
    ops.env.faults.dynamoWrite = undefined;
  }
}

function post(key: string, reference: string): Promise<Reply> {
  return call(`${ops.outputs.paymentApiUrl}/payments`, 'POST', {
    signAs: client(ops),
    headers: { 'Idempotency-Key': key },
    body: { amount: 700, currency: 'EUR', merchantReference: reference, customerReference: `cust-${RUN}` },
  });
}

/** Payments stored with this merchant reference, and the audit records of each. */
async function stored(reference: string): Promise<{ paymentIds: string[]; audits: Map<string, number> }> {
  const payments = (await ops.scanAll(ops.outputs.paymentApiPaymentsTableName)).filter((p) => p.merchantReference?.S === reference);
  const paymentIds = payments.map((p) => String(p.paymentId?.S));
  const audits = new Map<string, number>();
  for (const a of await ops.scanAll(ops.outputs.paymentApiAuditTableName)) {
    const id = String(a.paymentId?.S);
    if (paymentIds.includes(id)) audits.set(id, (audits.get(id) ?? 0) + 1);
  }
  return { paymentIds, audits };
}

async function idempotencyRecord(key: string): Promise<Record<string, { S?: string; N?: string }> | undefined> {
  return (await ops.scanAll(ops.outputs.paymentApiIdempotencyTableName)).find((r) => r.idempotencyKey?.S === ops.scopedKey(key));
}

describe('operations: the create-payment function killed at every step boundary', () => {
  describe.each(BOUNDARIES)('killed $name', (boundary) => {
    it('without a retry: the client gets 502 and what is stored is consistent (every payment has exactly one audit record)', async () => {
      const key = `crash-${RUN}-${randomUUID()}`;
      const reference = `crash-${RUN}-${randomUUID().slice(0, 8)}`;
      const reply = await crashOnce(key, reference, boundary);
      expect(reply.status).toBe(502);
      const { paymentIds, audits } = await stored(reference);
      expect(paymentIds).toHaveLength(boundary.storedWithoutRetry);
      for (const id of paymentIds) expect([id, audits.get(id)]).toEqual([id, 1]);
      const record = await idempotencyRecord(key);
      if (boundary.storedWithoutRetry === 0) {
        // The claim stays IN_PROGRESS, but its lock ends with the killed invocation (never the 24 h record lifetime).
        expect(record?.status?.S).toBe('IN_PROGRESS');
        const lockEndsIn = Number(record?.lockExpiresAt?.N) - Date.now() / 1000;
        expect(lockEndsIn).toBeLessThanOrEqual(30 * TIMEOUT_SCALE + 2);
      } else {
        expect(record?.status?.S).toBe('COMPLETED');
      }
    });

    it('with a retry of the same key: one payment, one audit record, the same payment id on every later answer', async () => {
      const key = `crash-${RUN}-${randomUUID()}`;
      const reference = `crash-${RUN}-${randomUUID().slice(0, 8)}`;
      expect((await crashOnce(key, reference, boundary)).status).toBe(502);
      const started = Date.now();
      const created = await waitFor('the retry to succeed', 30_000, async () => {
        const reply = await post(key, reference);
        if (reply.status === 409) {
          expect(reply.headers.get('retry-after')).toBeTruthy();
          return undefined;
        }
        return reply;
      });
      expect(created.status).toBe(201);
      // The lock of the killed attempt lapses with its invocation (6 s here + 1 s), not after a fixed 35 s.
      expect(Date.now() - started).toBeLessThan((30 * TIMEOUT_SCALE + 5) * 1000);
      if (boundary.storedWithoutRetry === 1) expect(created.headers.get('idempotent-replayed')).toBe('true');
      const again = await post(key, reference);
      expect(again.body.paymentId).toBe(created.body.paymentId);
      const { paymentIds, audits } = await stored(reference);
      expect(paymentIds).toEqual([created.body.paymentId]);
      expect(audits.get(String(created.body.paymentId))).toBe(1);
      expect((await idempotencyRecord(key))?.status?.S).toBe('COMPLETED');
    });
  });

  it('across every case above: audit records == payments', async () => {
    const payments = (await ops.scanAll(ops.outputs.paymentApiPaymentsTableName)).filter((p) => p.merchantReference?.S?.startsWith(`crash-${RUN}-`));
    const ids = new Set(payments.map((p) => p.paymentId?.S));
    const audits = (await ops.scanAll(ops.outputs.paymentApiAuditTableName)).filter((a) => ids.has(a.paymentId?.S));
    expect(payments.length).toBeGreaterThan(0);
    expect(audits).toHaveLength(payments.length);
    expect(new Set(audits.map((a) => a.paymentId?.S))).toEqual(ids);
  });
});
