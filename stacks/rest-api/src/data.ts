import { DataTable, type BaseStack } from '@tap/constructs';

/** Name of the list index: items spread over `dynamodb.itemListShards` partition keys, each sorted by creation time then id. */
export const LIST_INDEX_NAME = 'by-created';

/**
 * The items table. Reads by id use the table key; GET /items pages through the list index by Query, so
 * nothing needs Scan (DESIGN.md #3). Billing mode, capacities (table AND index, seed 004 #4), SSE with the
 * stack key as an object (seed 001 #1), PITR (seed 001 #10) and deletion protection come from config.
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
