import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { MAX_QUEUE_RETENTION_SECONDS, QueuePolicy, type BaseStack, type EncryptionKey } from '@tap/constructs';
import type { PipelineBus } from './bus';

/** Base name of the queue (`events-delivery-dlq-<suffix>`). */
export const DELIVERY_DLQ_NAME = 'events-delivery-dlq';

/** Longest retention SQS allows: a failed delivery waits 14 days for someone to act. */
export const DELIVERY_DLQ_RETENTION_SECONDS = MAX_QUEUE_RETENTION_SECONDS;

/**
 * Dead-letter queue of the rule's SQS target. EventBridge retries a delivery the queue refuses (policy,
 * KMS, throttling) within the target's retry policy and then DROPS the event, after ingest already
 * answered 202; with this queue it lands here instead (with the error in its message attributes), the
 * `delivery-dlq-depth` alarm pages, and docs/runbooks/event-pipeline-delivery-dlq.md says how to put it
 * back. Encrypted with the stack key (whose policy already lets EventBridge encrypt for the main queue);
 * only this rule may send, only over TLS.
 */
export function deliveryDeadLetterQueue(stack: BaseStack, key: EncryptionKey, bus: PipelineBus): SqsQueue {
  const dlq = new SqsQueue(stack, 'delivery-dlq', {
    name: stack.naming.name(DELIVERY_DLQ_NAME, 'sqsQueue'),
    kmsMasterKeyId: key.arn,
    kmsDataKeyReusePeriodSeconds: 300,
    messageRetentionSeconds: DELIVERY_DLQ_RETENTION_SECONDS,
  });
  new QueuePolicy(stack, 'delivery-dlq-policy', dlq).grantSendFrom('EventBridgeRuleDeadLetters', 'events.amazonaws.com', bus.rule.arn);
  return dlq;
}
