import { lambdaEventSourceMapping, lambdaEventSources } from '../../../../packages/local-env/src/lambda/event-source-emulator';
import { SqsPoller } from '../../../../packages/local-env/src/lambda/event-source';
import type { InvokeResult, LocalFunction } from '../../../../packages/local-env/src/lambda/runtime';
import { SqsEngine, type QueueSpec } from '../../../../packages/local-env/src/sqs/engine';
import { AT, resource, text } from './support';

const queue: QueueSpec = { name: 'jobs', url: 'http://127.0.0.1:1/000000000000/jobs', arn: 'arn:aws:sqs:eu-west-1:000000000000:jobs', visibilityTimeout: 30, delaySeconds: 0, retentionSeconds: 60, receiveWaitSeconds: 0, fifo: false };

describe('Lambda SQS event source emulator', () => {
  it('is its own emulator, provisioned last (it needs the queues and the functions)', () => {
    expect(lambdaEventSources.types).toEqual([lambdaEventSourceMapping]);
    expect(lambdaEventSourceMapping.attributes(resource('aws_lambda_event_source_mapping', 'm', { function_name: 'orders-worker' }), AT, text)).toMatchObject({ function_arn: 'orders-worker' });
  });

  it('with ReportBatchItemFailures, only the reported message stays on the queue', async () => {
    const sqs = new SqsEngine();
    sqs.createQueue(queue);
    const first = sqs.send(queue.url, 'ok').MessageId;
    const failed = sqs.send(queue.url, 'fail').MessageId;
    let batches = 0;
    const fn = {
      spec: { name: 'orders-worker' },
      invoke: async (): Promise<InvokeResult> => {
        batches += 1;
        return { ok: true, value: { batchItemFailures: [{ itemIdentifier: failed }] }, durationMs: 1 };
      },
    } as unknown as LocalFunction;
    const poller = new SqsPoller({ queue, fn, batchSize: 10, batchingWindowSeconds: 0, reportBatchItemFailures: true, concurrency: 1, region: 'eu-west-1' }, sqs, () => undefined);
    poller.start();
    try {
      for (let i = 0; i < 50 && poller.stats.deleted === 0; i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await poller.stop();
    }
    expect(batches).toBeGreaterThan(0);
    expect(poller.stats).toMatchObject({ deleted: 1, partialFailures: 1 });
    expect(first).not.toBe(failed);
    expect(Number(sqs.attributes(queue.url).ApproximateNumberOfMessages) + Number(sqs.attributes(queue.url).ApproximateNumberOfMessagesNotVisible)).toBe(1);
  });
});
