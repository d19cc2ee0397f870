import type { QueueSpec, ReceivedMessage, SqsEngine } from '../sqs/engine';
import type { LocalFunction } from './runtime';

/** An SQS event source mapping as declared by aws_lambda_event_source_mapping. */
export interface EventSourceSpec {
  readonly queue: QueueSpec;
  readonly fn: LocalFunction;
  readonly batchSize: number;
  /** Seconds to gather a batch (maximum_batching_window_in_seconds). Default 0. */
  readonly batchingWindowSeconds: number;
  readonly reportBatchItemFailures: boolean;
  /** Concurrent pollers (scaling_config.maximum_concurrency, capped). Default 1. */
  readonly concurrency: number;
  readonly region: string;
}

/**
 * Polls a queue and invokes the function as Lambda's SQS poller does: batches up to batch_size; on
 * success deletes the batch, or, with ReportBatchItemFailures, every message except the reported
 * failures; on an error or timeout deletes nothing, so the messages come back after the visibility
 * timeout and SQS's redrive policy moves them to the DLQ after maxReceiveCount receives.
 */
export class SqsPoller {
  private running = false;
  private readonly loops: Promise<void>[] = [];
  /** Batches invoked, and how they ended. */
  readonly stats = { batches: 0, failedBatches: 0, partialFailures: 0, deleted: 0 };

  constructor(private readonly spec: EventSourceSpec, private readonly sqs: SqsEngine, private readonly onError: (message: string) => void) {}

  start(): void {
    this.running = true;
    for (let i = 0; i < Math.max(1, this.spec.concurrency); i++) this.loops.push(this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        const batch = await this.collect();
        if (batch.length > 0) await this.process(batch);
      } catch (error) {
        if (this.running) this.onError(`poller ${this.spec.queue.name} → ${this.spec.fn.spec.name}: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private async collect(): Promise<ReceivedMessage[]> {
    const { queue, batchSize, batchingWindowSeconds } = this.spec;
    const batch: ReceivedMessage[] = [];
    const windowEnds = Date.now() + batchingWindowSeconds * 1000;
    // Short waits keep stop() prompt; the poller never holds a message it has not handed to the function.
    batch.push(...(await this.sqs.receive(queue.url, Math.min(10, batchSize), undefined, 0.2)));
    while (this.running && batch.length > 0 && batch.length < batchSize && Date.now() < windowEnds) {
      batch.push(...(await this.sqs.receive(queue.url, Math.min(10, batchSize - batch.length), undefined, Math.min(0.2, (windowEnds - Date.now()) / 1000))));
    }
    return batch;
  }

  private async process(batch: ReceivedMessage[]): Promise<void> {
    const { queue, fn, region } = this.spec;
    this.stats.batches++;
    const event = {
      Records: batch.map((m) => ({
        messageId: m.MessageId,
        receiptHandle: m.ReceiptHandle,
        body: m.Body,
        attributes: m.Attributes,
        messageAttributes: Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).map(([k, a]) => [k, { stringValue: a.StringValue, binaryValue: a.BinaryValue, stringListValues: [], binaryListValues: [], dataType: a.DataType }]),
        ),
        md5OfBody: m.MD5OfBody,
        eventSource: 'aws:sqs',
        eventSourceARN: queue.arn,
        awsRegion: region,
      })),
    };
    const result = await fn.invoke(event);
    if (!result.ok) {
      this.stats.failedBatches++;
      return;
    }
    let keep = new Set<string>();
    if (this.spec.reportBatchItemFailures && result.value && typeof result.value === 'object') {
      const failures = (result.value as { batchItemFailures?: { itemIdentifier?: unknown }[] }).batchItemFailures ?? [];
      const ids = new Set(batch.map((m) => m.MessageId));
      // An empty or unknown identifier makes Lambda treat the whole batch as failed.
      if (failures.some((f) => typeof f.itemIdentifier !== 'string' || !ids.has(f.itemIdentifier))) {
        this.stats.failedBatches++;
        return;
      }
      keep = new Set(failures.map((f) => String(f.itemIdentifier)));
      if (keep.size > 0) this.stats.partialFailures++;
    }
    for (const m of batch) {
      if (keep.has(m.MessageId)) continue;
      this.sqs.delete(queue.url, m.ReceiptHandle);
      this.stats.deleted++;
    }
  }
}
