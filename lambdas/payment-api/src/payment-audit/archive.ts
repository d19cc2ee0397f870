import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { parseAuditMessage } from '../shared/audit-message';
import { errorName, isConditionalCheckFailed } from '../shared/aws-errors';
import type { Log } from '../shared/log';

export interface ArchiveDeps {
  readonly db: DynamoDBDocumentClient;
  /** Audit table: key paymentId (hash) + event (range). */
  readonly auditTable: string;
  readonly logger: Log;
  /** Clock in ms. Default Date.now. */
  readonly now?: () => number;
}

/**
 * Archives each audit message as one item keyed by (paymentId, event), written only if absent, so a
 * redelivered or duplicated message stores nothing twice. A message that fails (malformed or a DynamoDB
 * error) is reported as a batch item failure: SQS redelivers it alone, and after maxReceiveCount it moves
 * to the DLQ, whose depth alarm pages.
 */
export function archiveHandler(deps: ArchiveDeps): (event: { Records?: SQSRecord[] }) => Promise<SQSBatchResponse> {
  const now = deps.now ?? Date.now;
  return async (event) => {
    const failures: { itemIdentifier: string }[] = [];
    for (const record of event.Records ?? []) {
      const message = parseAuditMessage(record.body);
      if (!message) {
        deps.logger.error('malformed audit message; leaving it for the DLQ', { messageId: record.messageId });
        failures.push({ itemIdentifier: record.messageId });
        continue;
      }
      try {
        await deps.db.send(
          new PutCommand({
            TableName: deps.auditTable,
            Item: { ...message, messageId: record.messageId, archivedAt: new Date(now()).toISOString() },
            ConditionExpression: 'attribute_not_exists(paymentId)',
          }),
        );
        deps.logger.info('audit message archived', { paymentId: message.paymentId, event: message.event });
      } catch (err) {
        if (isConditionalCheckFailed(err)) {
          deps.logger.info('audit message already archived', { paymentId: message.paymentId, event: message.event });
          continue;
        }
        deps.logger.error('audit archive failed', { paymentId: message.paymentId, errorName: errorName(err) });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}
