import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import type { BaseStack } from './base-stack';

export interface SecureQueueProps {
  /** Base name; queues are `<name>-<suffix>` and `<name>-dlq-<suffix>`. */
  readonly name: string;
  readonly kmsKeyArn: string;
  /** Receives before a message moves to the DLQ. Default 3. */
  readonly maxReceiveCount?: number;
  /** Timeout of the Lambda consuming the queue, if any: visibility is at least 6x it. */
  readonly consumerTimeoutSeconds?: number;
  /** Main queue retention. Default 4 days. */
  readonly retentionSeconds?: number;
  /** Extra statements for the queue policy (e.g. EventBridge may send). */
  readonly extraStatements?: Record<string, unknown>[];
}

/**
 * An SQS queue with a KMS-encrypted DLQ, a bounded number of receives, a visibility timeout of at least
 * six times its consumer's timeout (AWS's guidance for Lambda event sources), and TLS-only policies.
 */
export class SecureQueue extends Construct {
  readonly queue: SqsQueue;
  readonly dlq: SqsQueue;

  constructor(stack: BaseStack, id: string, props: SecureQueueProps) {
    super(stack, id);
    const naming = stack.naming;
    this.dlq = new SqsQueue(this, 'dlq', {
      name: naming.name(`${props.name}-dlq`, 'sqsQueue'),
      kmsMasterKeyId: props.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      // The DLQ keeps messages the longest SQS allows, so nothing is lost before someone looks.
      messageRetentionSeconds: 1209600,
    });
    this.queue = new SqsQueue(this, 'queue', {
      name: naming.name(props.name, 'sqsQueue'),
      kmsMasterKeyId: props.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: props.retentionSeconds ?? 345600,
      visibilityTimeoutSeconds: Math.max(30, 6 * (props.consumerTimeoutSeconds ?? 5)),
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.dlq.arn, maxReceiveCount: props.maxReceiveCount ?? 3 }),
    });
    for (const [key, queue, extra] of [
      ['queue', this.queue, props.extraStatements ?? []],
      ['dlq', this.dlq, []],
    ] as const) {
      new SqsQueuePolicy(this, `${key}-policy`, {
        queueUrl: queue.url,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: queue.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
            ...extra,
          ],
        }),
      });
    }
  }
}
