import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AuditMessage } from '../shared/audit-message';
import type { AuditSender } from './create';

/** The production audit sender: one SQS message per event, attributes for filtering without parsing. */
export function sqsAuditSender(sqs: SQSClient, queueUrl: string): AuditSender {
  return async (message: AuditMessage) => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(message),
        MessageAttributes: { event: { DataType: 'String', StringValue: message.event } },
      }),
    );
  };
}
