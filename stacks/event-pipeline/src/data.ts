import { DataTable, type BaseStack, type EncryptionKey } from '@tap/constructs';

/**
 * Stored events, keyed by the producer's event id: the key is what makes the conditional put idempotent
 * (a redelivered message never creates a second item). Billing, PITR and deletion protection per profile.
 */
export function eventsTable(stack: BaseStack, key: EncryptionKey): DataTable {
  return new DataTable(stack, 'table', {
    name: 'pipeline-events',
    hashKey: 'eventId',
    attributes: [{ name: 'eventId', type: 'S' }],
    kmsKeyArn: key.arn,
  });
}
