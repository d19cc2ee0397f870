import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { BUSINESS_METRICS, errorName, type Telemetry } from '@tap/lambda-kit';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { validateEnvelope, type EventEnvelope } from '@tap/pipeline-common';

/**
 * `created` for a first write, `duplicate` when the event id is already stored with the same content (a
 * redelivery), `conflict` when it is stored with OTHER content (an id reused by a producer).
 */
export type StoreOutcome = 'created' | 'duplicate' | 'conflict';

/** Stores one envelope idempotently by its id. */
export type Store = (envelope: EventEnvelope) => Promise<StoreOutcome>;


type RecordResult =
  | { readonly ok: true; readonly outcome: StoreOutcome; readonly eventId: string }
  | { readonly ok: false; readonly reason: string; readonly eventId?: string; readonly kind: 'invalid' | 'conflict' | 'dependency' };

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
    return { ok: false, kind: 'invalid', reason: `unreadable record: ${errorName(caught)}` };
  }
  if (!envelope.ok) return { ok: false, kind: 'invalid', reason: envelope.reason };
  const eventId = envelope.value.id;
  try {
    const outcome = await store(envelope.value);
    // Kept, counted and alarmed rather than dropped: the record fails, and after the queue's
    // maxReceiveCount it waits in the DLQ (dlq-depth alarm, docs/runbooks/event-pipeline-dlq-depth.md).
    if (outcome === 'conflict') return { ok: false, kind: 'conflict', eventId, reason: `event id ${eventId} reused with a different payload` };
    return { ok: true, outcome, eventId };
  } catch (caught) {
    return { ok: false, kind: 'dependency', eventId, reason: `store failed: ${errorName(caught)}` };
  }
}

/** A failed record, thrown to the batch processor so it reports the message as a batch item failure. */
class RecordFailed extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RecordFailed';
  }
}

/**
 * Consumes one SQS batch with partial batch responses (ReportBatchItemFailures) through the Powertools
 * batch processor: records run in parallel (a stalled table costs one SDK budget, not one per record),
 * and only the messages that failed are returned, so SQS redelivers those alone and a poison message
 * reaches the DLQ after the queue's maxReceiveCount without holding back the rest. A redelivered event
 * that is already stored is a success (the exactly-once store, store.ts). A batch where every record
 * failed is answered with every message as a failure, not thrown (`throwOnFullBatchFailure: false`):
 * the same redelivery, without counting an invocation error. Each record's log line carries its event
 * id as the correlation id.
 */
export async function processBatch(event: Pick<SQSEvent, 'Records'>, store: Store, log: Telemetry): Promise<SQSBatchResponse> {
  let created = 0;
  let duplicates = 0;
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const result = await handleRecord(record, store);
    if (result.ok) {
      if (result.outcome === 'created') created++;
      else duplicates++;
      return;
    }
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1');
    log.warn('record failed', { messageId: record.messageId, reason: result.reason, receiveCount, ...(result.eventId ? { correlation_id: result.eventId } : {}) });
    if (result.kind === 'conflict') log.count(BUSINESS_METRICS.payloadMismatches);
    if (result.kind === 'dependency') log.count(BUSINESS_METRICS.dependencyFailures);
    throw new RecordFailed(result.reason);
  };
  const { batchItemFailures } = await processPartialResponse({ Records: event.Records }, recordHandler, new BatchProcessor(EventType.SQS), { throwOnFullBatchFailure: false });
  if (created > 0) log.count(BUSINESS_METRICS.eventsStored, created);
  if (duplicates > 0) log.count(BUSINESS_METRICS.duplicatesSkipped, duplicates);
  log.info('batch processed', { records: event.Records.length, created, duplicates, failed: batchItemFailures.length });
  return { batchItemFailures };
}
