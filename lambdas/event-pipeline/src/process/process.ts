import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { validateEnvelope, type EventEnvelope } from '@tap/pipeline-common';
import type { LogSink } from '../shared/log';

/**
 * `created` for a first write, `duplicate` when the event id is already stored with the same content (a
 * redelivery), `conflict` when it is stored with OTHER content (an id reused by a producer).
 */
export type StoreOutcome = 'created' | 'duplicate' | 'conflict';

/** Stores one envelope idempotently by its id. */
export type Store = (envelope: EventEnvelope) => Promise<StoreOutcome>;


type RecordResult = { readonly ok: true; readonly outcome: StoreOutcome; readonly eventId: string } | { readonly ok: false; readonly reason: string };

/** The envelope inside one SQS message: the rule delivers the whole EventBridge event, the envelope is its `detail`. */
export function envelopeOf(record: Pick<SQSRecord, 'body'>): { ok: true; value: EventEnvelope } | { ok: false; reason: string } {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const detail = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).detail : undefined;
  let checked: ReturnType<typeof validateEnvelope>;
  try {
    checked = validateEnvelope(detail);
  } catch (caught) {
    // Whatever a record holds, it fails alone (its batch item failure), never the whole batch.
    return { ok: false, reason: `envelope check failed: ${(caught as Error).name ?? 'Error'}` };
  }
  if (!checked.ok) return { ok: false, reason: `invalid envelope: ${Object.keys(checked.fields).join(', ')}` };
  return { ok: true, value: checked.value };
}

async function handleRecord(record: SQSRecord, store: Store): Promise<RecordResult> {
  let envelope: ReturnType<typeof envelopeOf>;
  try {
    envelope = envelopeOf(record);
  } catch (caught) {
    return { ok: false, reason: `unreadable record: ${(caught as Error).name ?? 'Error'}` };
  }
  if (!envelope.ok) return envelope;
  try {
    const outcome = await store(envelope.value);
    // Kept, counted and alarmed rather than dropped: the record fails, and after the queue's
    // maxReceiveCount it waits in the DLQ (dlq-depth alarm, docs/runbooks/event-pipeline-dlq-depth.md).
    if (outcome === 'conflict') return { ok: false, reason: `event id ${envelope.value.id} reused with a different payload` };
    return { ok: true, outcome, eventId: envelope.value.id };
  } catch (caught) {
    return { ok: false, reason: `store failed: ${(caught as Error).name ?? 'Error'}` };
  }
}

/**
 * Consumes one SQS batch with partial batch responses (ReportBatchItemFailures): only the messages that
 * failed are returned, so SQS redelivers those alone and a poison message reaches the DLQ after the
 * queue's maxReceiveCount without holding back the rest. A redelivered event that is already stored is
 * a success.
 */
export async function processBatch(event: Pick<SQSEvent, 'Records'>, store: Store, log: LogSink): Promise<SQSBatchResponse> {
  const results = await Promise.all(event.Records.map((record) => handleRecord(record, store)));
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  let created = 0;
  let duplicates = 0;
  results.forEach((result, i) => {
    const record = event.Records[i];
    if (result.ok) {
      if (result.outcome === 'created') created++;
      else duplicates++;
      return;
    }
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1');
    log.warn('record failed', { messageId: record.messageId, reason: result.reason, receiveCount });
    batchItemFailures.push({ itemIdentifier: record.messageId });
  });
  log.info('batch processed', { records: event.Records.length, created, duplicates, failed: batchItemFailures.length });
  return { batchItemFailures };
}
