import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { allowedOriginsFromEnv, apiRequestId, createRuntime, DOCUMENT_CLIENT_OPTIONS, environmentOf, lambdaHandler, sdkClient } from '@tap/lambda-kit';
import type { ItemsEnvironment } from '../environment';
import { itemsHandler } from './api';
import { listShardsFromEnv } from './cursor';
import { ItemRepository } from './repository';

// Once per container: environment (a missing variable fails init naming it), runtime, clients.
const runtime = createRuntime('rest-api');
const env = environmentOf<ItemsEnvironment>();
const client = DynamoDBDocumentClient.from(sdkClient(DynamoDBClient, runtime.tracer), DOCUMENT_CLIENT_OPTIONS);
const repo = new ItemRepository({ client, tableName: env.required('ITEMS_TABLE_NAME'), listIndexName: env.optional('ITEMS_LIST_INDEX', 'by-created'), listShards: listShardsFromEnv(env.optional('ITEMS_LIST_SHARDS', '')) });
const items = itemsHandler({ repo, corsOrigins: allowedOriginsFromEnv(env.optional('CORS_ORIGINS', '')), telemetry: runtime.telemetry });

/** CRUD for items. */
export const handler = lambdaHandler(runtime, apiRequestId, items);
