import { NodejsFunction, type BaseStack } from '@tap/constructs';
import { HANDLER_BUNDLES, type ItemsEnvironment } from '@tap/lambda-rest-api';
import type { DataTable } from '@tap/constructs';
import { LIST_INDEX_NAME } from './data';

/** Timeout of the items function (seconds); the duration alarm is a fraction of it. */
export const ITEMS_TIMEOUT_SECONDS = 30;
export const ITEMS_MEMORY_MB = 256;

/**
 * The one `items` function behind every route (a thin router in lambdas/rest-api/src/items). Reserved
 * concurrency comes from config through its key (10 dev, 100 production, none in pr: REST-05 within
 * the app budget), the environment is encrypted with the stack key (REST-03), and it is not in a VPC.
 */
export function itemsFunction(stack: BaseStack, table: DataTable, keyArn: string): NodejsFunction {
  const tableArn = table.table.arn;
  return new NodejsFunction(stack, 'items-fn', {
    name: 'rest-api-items',
    code: HANDLER_BUNDLES.items,
    concurrencyKey: 'rest-api.items',
    timeout: ITEMS_TIMEOUT_SECONDS,
    memorySize: ITEMS_MEMORY_MB,
    environmentKeyArn: keyArn,
    logKeyArn: keyArn,
    environment: {
      ITEMS_TABLE_NAME: table.table.name,
      ITEMS_LIST_INDEX: LIST_INDEX_NAME,
      // The list index's partition keys are spread over this many shards (config, stacks/rest-api/README.md).
      ITEMS_LIST_SHARDS: String(stack.config.dynamodb.itemListShards),
      CORS_ORIGINS: stack.config.api.corsOrigins.join(','),
    } satisfies ItemsEnvironment,
    statements: [
      // GetItem: GET /items/{id}, and telling 404 from 409 after a failed conditional write.
      { sid: 'ReadItemById', actions: ['dynamodb:GetItem'], resources: [tableArn] },
      // PutItem: POST /items (conditional, never overwrites). UpdateItem: PUT with the version condition.
      // DeleteItem: DELETE (conditional on existence and, when given, the version).
      { sid: 'WriteItems', actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], resources: [tableArn] },
      // Query: GET /items pages through the list index. No Scan anywhere (PAY-10).
      { sid: 'ListItemsByIndex', actions: ['dynamodb:Query'], resources: [`${tableArn}/index/${LIST_INDEX_NAME}`] },
      // The table is encrypted with the stack key: DynamoDB uses it on the caller's behalf, only via DynamoDB.
      {
        sid: 'UseTableKeyViaDynamoDb',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.regionName}.amazonaws.com` } },
      },
    ],
  });
}
