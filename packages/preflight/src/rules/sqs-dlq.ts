import { resources } from '@tap/synth';
import { defineRule } from './define';
import { hasRedrive, isDeadLetterQueue } from './sqs-queues';

/** TAP-SQS-02 queues that are not DLQs have a dead-letter queue — anchors: AS-SQS3, SL-SQSRedrivePolicy. */
export const sqsDlq = defineRule(
  {
    id: 'TAP-SQS-02',
    severity: 'error',
    description: 'Every aws_sqs_queue that is not itself a DLQ has a redrive_policy to one',
    anchors: ['AS-SQS3', 'SL-SQSRedrivePolicy'],
  },
  (ctx, report) => {
    for (const q of resources(ctx.stack.json, 'aws_sqs_queue')) {
      if (isDeadLetterQueue(ctx.stack.json, q) || hasRedrive(ctx.stack.json, q)) continue;
      report(q.address, 'queue without a dead-letter queue: a poison message is retried until it expires and is lost. Fix: redrive_policy = { deadLetterTargetArn: <dlq arn>, maxReceiveCount: 3 } (SecureQueue creates the DLQ).');
    }
  },
);
