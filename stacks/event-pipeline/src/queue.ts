import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SecureQueue, type BaseStack, type EncryptionKey, type NodejsFunction } from '@tap/constructs';
import type { PipelineBus } from './bus';

/** Receives before a message moves to the DLQ. */
export const MAX_RECEIVE_COUNT = 3;
/** Messages per invocation of the process function. */
export const BATCH_SIZE = 10;
/** How long SQS may gather a batch before invoking (latency vs. invocations). */
export const BATCHING_WINDOW_SECONDS = 5;

/**
 * The processing queue and its DLQ (SecureQueue: KMS, TLS-only, maxReceiveCount, visibility at least six
 * times the consumer's timeout), fed by the bus rule. Only that rule may send: events.amazonaws.com with
 * aws:SourceArn = the rule's ARN (the key lets `events` encrypt).
 */
export function pipelineQueue(stack: BaseStack, key: EncryptionKey, bus: PipelineBus, consumerTimeoutSeconds: number, deliveryDlq: SqsQueue): SecureQueue {
  const queue = new SecureQueue(stack, 'queue', { name: 'events-queue', kmsKeyArn: key.arn, maxReceiveCount: MAX_RECEIVE_COUNT, consumerTimeoutSeconds });
  queue.grantSendFrom('EventBridgeRuleSends', 'events.amazonaws.com', bus.rule.arn);
  new CloudwatchEventTarget(stack, 'rule-target', {
    rule: bus.rule.name,
    eventBusName: bus.bus.name,
    targetId: 'processing-queue',
    arn: queue.queue.arn,
    // EventBridge retries a failed delivery for up to a day; what is still undelivered then goes to the
    // delivery DLQ (delivery-dlq.ts) instead of being dropped (delivery-failures and delivery-dlq-depth alarms).
    retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 },
    deadLetterConfig: { arn: deliveryDlq.arn },
    // The queue must accept EventBridge before the first event is routed to it.
    dependsOn: [queue.queuePolicy],
  });
  return queue;
}

/**
 * The process function consumes the queue in batches with partial batch responses: only failed messages
 * return to the queue (and reach the DLQ after MAX_RECEIVE_COUNT receives). With reserved concurrency,
 * the mapping's maximum concurrency stays within it, so throttled invocations do not burn receives.
 */
export function connectConsumer(stack: BaseStack, queue: SecureQueue, consumer: NodejsFunction): LambdaEventSourceMapping {
  const reserved = consumer.reservedConcurrency;
  return new LambdaEventSourceMapping(stack, 'process-mapping', {
    eventSourceArn: queue.queue.arn,
    functionName: consumer.aliasArn,
    batchSize: BATCH_SIZE,
    maximumBatchingWindowInSeconds: BATCHING_WINDOW_SECONDS,
    functionResponseTypes: ['ReportBatchItemFailures'],
    ...(reserved !== undefined && reserved >= 2 ? { scalingConfig: { maximumConcurrency: reserved } } : {}),
  });
}
