import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import type { BaseStack } from './base-stack';
import { sqsMetric, type MetricRef } from './monitoring/metric';
import { QueuePolicy } from './queue-policy';

/** Longest retention SQS allows (14 days): what reaches a dead-letter queue waits for someone to act. */
export const MAX_QUEUE_RETENTION_SECONDS = 1_209_600;

export interface SecureQueueProps {
  /** Base name; queues are `<name>-<suffix>` and `<name>-dlq-<suffix>`. */
  readonly name: string;
  /** KMS key ARN that encrypts both queues. */
  readonly kmsKeyArn: string;
  /** Receives before a message moves to the DLQ. @default 3 */
  readonly maxReceiveCount?: number;
  /** Timeout of the Lambda consuming the queue: visibility is at least 6x it. @default 5 (visibility 30 s) */
  readonly consumerTimeoutSeconds?: number;
  /** Main queue retention, seconds. @default 345600 (4 days) */
  readonly retentionSeconds?: number;
}

/**
 * An SQS queue with a KMS-encrypted DLQ, a bounded number of receives, a visibility timeout of at least
 * six times its consumer's timeout (AWS's guidance for Lambda event sources), and TLS-only policies.
 * Who else may send is granted with `grantSendFrom`, on the queue's own ARN.
 */
export class SecureQueue extends Construct {
  readonly queue: SqsQueue;
  readonly dlq: SqsQueue;
  /** Names of the queues (`<name>-<suffix>`, `<name>-dlq-<suffix>`), known at synth. */
  readonly queueName: string;
  readonly dlqName: string;
  /** The main queue's resource policy: a sender's first message must wait for it (`dependsOn`). */
  readonly queuePolicy: SqsQueuePolicy;
  private readonly policy: QueuePolicy;

  constructor(stack: BaseStack, id: string, props: SecureQueueProps) {
    super(stack, id);
    const naming = stack.naming;
    this.queueName = naming.name(props.name, 'sqsQueue');
    this.dlqName = naming.name(`${props.name}-dlq`, 'sqsQueue');
    this.dlq = new SqsQueue(this, 'dlq', {
      name: this.dlqName,
      kmsMasterKeyId: props.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      // The DLQ keeps messages the longest SQS allows, so nothing is lost before someone looks.
      messageRetentionSeconds: MAX_QUEUE_RETENTION_SECONDS,
    });
    this.queue = new SqsQueue(this, 'queue', {
      name: this.queueName,
      kmsMasterKeyId: props.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: props.retentionSeconds ?? 345600,
      visibilityTimeoutSeconds: Math.max(30, 6 * (props.consumerTimeoutSeconds ?? 5)),
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.dlq.arn, maxReceiveCount: props.maxReceiveCount ?? 3 }),
    });
    this.policy = new QueuePolicy(this, 'queue-policy', this.queue);
    this.queuePolicy = this.policy.policy;
    new QueuePolicy(this, 'dlq-policy', this.dlq);
  }

  /** Lets one AWS service send to the main queue for one source (e.g. EventBridge for one rule's ARN). */
  grantSendFrom(sid: string, service: string, sourceArn: string): void {
    this.policy.grantSendFrom(sid, service, sourceArn);
  }

  /** Messages visible in the main queue or its DLQ (Maximum per period). */
  metricVisibleMessages(which: 'queue' | 'dlq'): MetricRef {
    return sqsMetric((which === 'dlq' ? this.dlq : this.queue).name, 'ApproximateNumberOfMessagesVisible');
  }

  /** Age of the oldest message in the main queue, seconds (Maximum per period). */
  metricOldestMessageAge(): MetricRef {
    return sqsMetric(this.queue.name, 'ApproximateAgeOfOldestMessage');
  }
}
