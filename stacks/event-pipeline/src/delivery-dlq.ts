import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import type { BaseStack, EncryptionKey } from '@tap/constructs';
import type { PipelineBus } from './bus';

/** Longest retention SQS allows: a failed delivery waits 14 days for someone to act. */
export const DELIVERY_DLQ_RETENTION_SECONDS = 1_209_600;

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
    name: stack.naming.name('events-delivery-dlq', 'sqsQueue'),
    kmsMasterKeyId: key.arn,
    kmsDataKeyReusePeriodSeconds: 300,
    messageRetentionSeconds: DELIVERY_DLQ_RETENTION_SECONDS,
  });
  new SqsQueuePolicy(stack, 'delivery-dlq-policy', {
    queueUrl: dlq.url,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: dlq.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        {
          Sid: 'EventBridgeRuleDeadLetters',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: dlq.arn,
          Condition: { ArnEquals: { 'aws:SourceArn': bus.rule.arn } },
        },
      ],
    }),
  });
  return dlq;
}
