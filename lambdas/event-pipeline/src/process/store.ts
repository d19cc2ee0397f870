import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { canonicalJson, isConditionalCheckFailed, sha256 } from '@tap/lambda-kit';
import type { EventEnvelope } from '@tap/pipeline-common';
import type { Store } from './process';

/**
 * The idempotent write: a conditional put on `attribute_not_exists(eventId)`. The first delivery creates
 * the item; a redelivery (or a second POST with the same id and content) fails the condition and counts
 * as done, so an event is never stored twice and never overwritten. The item carries the SHA-256 of the
 * canonical envelope: the same id with OTHER content is a `conflict`, never a silent duplicate (the
 * record fails, is retried and lands in the DLQ, where it is kept and alarmed). `detail` is stored as its JSON text: DynamoDB
 * maps nest at most 32 levels and reject some JSON (empty keys in older SDKs, huge numbers), and the
 * pipeline stores events, it does not query inside them.
 */
export function dynamoStore(doc: DynamoDBDocumentClient, tableName: string, now: () => Date = () => new Date()): Store {
  return async (envelope: EventEnvelope) => {
    const payloadHash = sha256(canonicalJson(envelope));
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
            payloadHash,
          },
          ConditionExpression: 'attribute_not_exists(eventId)',
        }),
      );
      return 'created';
    } catch (caught) {
      if (!isConditionalCheckFailed(caught)) throw caught;
      const existing = await doc.send(new GetCommand({ TableName: tableName, Key: { eventId: envelope.id }, ProjectionExpression: 'payloadHash', ConsistentRead: true }));
      const stored = existing.Item?.payloadHash;
      // Items written before the hash existed cannot be compared: treated as the same event.
      return stored === undefined || stored === payloadHash ? 'duplicate' : 'conflict';
    }
  };
}
