/** After a load run: every accepted write is stored, and nothing is stored twice. */
import type { OpsEnvironment } from '@tap/ops-env';

/** What the run was told was accepted (2xx), by API. */
export interface Ledger {
  /** Idempotency-Key → paymentId of its 201. */
  readonly payments: Map<string, string>;
  /** The key many clients posted at once with the same body, and every answer they got. */
  hotKey?: string;
  readonly hotReplies: { status: number; paymentId?: string }[];
  /** Item id → its last acknowledged state. */
  readonly items: Map<string, { name: string; deleted: boolean }>;
  /** Event ids accepted by POST /events (or put on the queue directly). */
  readonly events: Set<string>;
  readonly token: string;
  /** Requests of the fault phase that were not accepted once the faults ended (each is a problem). */
  readonly unfinished: string[];
}

/** Returns one line per lost or duplicated write (empty when the tables match the ledger). */
export async function checkWrites(ops: OpsEnvironment, ledger: Ledger, deadline: number): Promise<string[]> {
  const problems: string[] = [...ledger.unfinished];
  const o = ops.outputs;

  // Hot key: every answer the same 201 payment (or a 409 in progress that ran out of retries), never 5xx.
  const hotIds = new Set(ledger.hotReplies.filter((r) => r.status === 201).map((r) => r.paymentId));
  if (hotIds.size > 1) problems.push(`hot key ${ledger.hotKey}: ${hotIds.size} different payment ids answered`);
  for (const r of ledger.hotReplies) if (r.status !== 201 && r.status !== 409 && r.status !== 429) problems.push(`hot key ${ledger.hotKey}: answered ${r.status}`);

  // Payments: each accepted id stored; each idempotency key's hash on exactly one payment.
  const payments = await ops.scanAll(o.paymentApiPaymentsTableName);
  const byId = new Set(payments.map((p) => p.paymentId?.S));
  for (const [key, id] of ledger.payments) if (!byId.has(id)) problems.push(`payment ${id} (key ${key}) answered 201 but is not stored`);
  const perKey = new Map<string, number>();
  for (const p of payments) {
    const hash = p.idempotencyKeyHash?.S ?? '(none)';
    perKey.set(hash, (perKey.get(hash) ?? 0) + 1);
  }
  for (const [hash, n] of perKey) if (n > 1) problems.push(`idempotency key hash ${hash.slice(0, 12)}… has ${n} payments`);
  const idem = await ops.scanAll(o.paymentApiIdempotencyTableName);
  if (idem.length < ledger.payments.size) problems.push(`idempotency table has ${idem.length} records for ${ledger.payments.size} accepted keys`);

  // Items: the last acknowledged state of each.
  const items = new Map((await ops.scanAll(o.restApiItemsTableName)).map((i) => [i.id?.S, i]));
  for (const [id, state] of ledger.items) {
    const stored = items.get(id);
    if (state.deleted && stored) problems.push(`item ${id} was deleted (204) but is stored`);
    if (!state.deleted && !stored) problems.push(`item ${id} was acknowledged but is not stored`);
    if (!state.deleted && stored && stored.name?.S !== state.name) problems.push(`item ${id}: stored name "${stored.name?.S}" is not the acknowledged "${state.name}"`);
  }

  // Events: wait for the pipeline to drain (bounded), then each accepted id exactly once.
  while (Date.now() < deadline && (await ops.queueDepth(o.eventPipelineQueueUrl)) > 0) await new Promise((r) => setTimeout(r, 200));
  const events = await ops.scanAll(o.eventPipelineTableName);
  const count = new Map<string, number>();
  for (const e of events) count.set(e.eventId?.S ?? '', (count.get(e.eventId?.S ?? '') ?? 0) + 1);
  for (const id of ledger.events) if (!count.has(id)) problems.push(`event ${id} was accepted but is not stored`);
  for (const [id, n] of count) if (n > 1) problems.push(`event ${id} stored ${n} times`);
  const dlq = await ops.queueDepth(o.eventPipelineDlqUrl);
  if (dlq > 0) problems.push(`${dlq} event message(s) in the DLQ`);
  return problems;
}

/** Every stored payment has exactly one audit record and every audit record a payment: the line's `audit == payments`. */
export async function checkAudit(ops: OpsEnvironment): Promise<{ payments: number; audits: number; problems: string[] }> {
  const payments = new Set((await ops.scanAll(ops.outputs.paymentApiPaymentsTableName)).map((p) => String(p.paymentId?.S)));
  const audits = await ops.scanAll(ops.outputs.paymentApiAuditTableName);
  const perPayment = new Map<string, number>();
  for (const a of audits) perPayment.set(String(a.paymentId?.S), (perPayment.get(String(a.paymentId?.S)) ?? 0) + 1);
  const problems: string[] = [];
  for (const id of payments) if ((perPayment.get(id) ?? 0) !== 1) problems.push(`payment ${id} has ${perPayment.get(id) ?? 0} audit records`);
  for (const id of perPayment.keys()) if (!payments.has(id)) problems.push(`audit record for payment ${id}, which is not stored`);
  return { payments: payments.size, audits: audits.length, problems };
}
