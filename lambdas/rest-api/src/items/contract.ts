import { defineContract } from '@tap/lambda-kit';

/** The items CRUD function: reads by key, writes, deletes, and lists through the GSI. */
export const itemsContract = defineContract({
  function: 'rest-api/items-fn',
  entry: 'src/items/handler.ts',
  calls: [
    { action: 'dynamodb:GetItem', commands: ['GetCommand'], resource: 'dynamodb-table', resourceEnv: 'ITEMS_TABLE_NAME' },
    { action: 'dynamodb:PutItem', commands: ['PutCommand'], resource: 'dynamodb-table', resourceEnv: 'ITEMS_TABLE_NAME' },
    { action: 'dynamodb:UpdateItem', commands: ['UpdateCommand'], resource: 'dynamodb-table', resourceEnv: 'ITEMS_TABLE_NAME' },
    { action: 'dynamodb:DeleteItem', commands: ['DeleteCommand'], resource: 'dynamodb-table', resourceEnv: 'ITEMS_TABLE_NAME' },
    { action: 'dynamodb:Query', commands: ['QueryCommand'], resource: 'dynamodb-table', resourceEnv: 'ITEMS_TABLE_NAME', indexEnv: 'ITEMS_LIST_INDEX' },
  ],
});
