import { DataTable, type BaseStack } from '@tap/constructs';

/** Name of the list index: items spread over `dynamodb.itemListShards` partition keys, each sorted by creation time then id. */
export const LIST_INDEX_NAME = 'by-created';

/**
 * The items table. Reads by id use the table key; GET /items pages through the list index by Query, so
 * nothing needs Scan (PAY-10). Billing mode, capacities (table AND index, FND-04), SSE with the
 * stack key as an object (REST-01), PITR (REST-10) and deletion protection come from config.
 */
export function itemsTable(stack: BaseStack, kmsKeyArn: string): DataTable {
  return new DataTable(stack, 'items', {
    name: 'rest-api-items',
    hashKey: 'id',
    attributes: [
      { name: 'id', type: 'S' },
      { name: 'listKey', type: 'S' },
      { name: 'listSort', type: 'S' },
    ],
    globalSecondaryIndexes: [{ name: LIST_INDEX_NAME, hashKey: 'listKey', rangeKey: 'listSort', projectionType: 'ALL' }],
    kmsKeyArn,
  });
}
