import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '@tap/pipeline-common';
import type { Store } from './process';

/**
 * The idempotent write: a conditional put on `attribute_not_exists(eventId)`. The first delivery creates
 * the item; a redelivery (or a second POST with the same id) fails the condition and counts as done, so
 * an event is never stored twice and never overwritten. `detail` is stored as its JSON text: DynamoDB
 * maps nest at most 32 levels and reject some JSON (empty keys in older SDKs, huge numbers), and the
 * pipeline stores events, it does not query inside them.
 */
export function dynamoStore(doc: DynamoDBDocumentClient, tableName: string, now: () => Date = () => new Date()): Store {
  return async (envelope: EventEnvelope) => {
    try {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            eventId: envelope.id,
            source: envelope.source,
            type: envelope.type,
            time: envelope.time,
            detail: JSON.stringify(envelope.detail),
            storedAt: now().toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(eventId)',
        }),
      );
      return 'created';
    } catch (caught) {
      if (caught instanceof ConditionalCheckFailedException || (caught as Error).name === 'ConditionalCheckFailedException') return 'duplicate';
      throw caught;
    }
  };
}
