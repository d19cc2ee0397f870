import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { allowedOriginsFromEnv, apiRequestId, createRuntime, DOCUMENT_CLIENT_OPTIONS, lambdaHandler, optionalEnv, requiredEnv, sdkClient } from '@tap/lambda-kit';
import { itemsHandler } from './api';
import { ItemRepository } from './repository';

// Once per container: environment (a missing variable fails init naming it), runtime, clients.
const runtime = createRuntime('rest-api');
const client = DynamoDBDocumentClient.from(sdkClient(DynamoDBClient, runtime.tracer), DOCUMENT_CLIENT_OPTIONS);
const repo = new ItemRepository({ client, tableName: requiredEnv('ITEMS_TABLE_NAME'), listIndexName: optionalEnv('ITEMS_LIST_INDEX', 'by-created') });
const items = itemsHandler({ repo, corsOrigins: allowedOriginsFromEnv(optionalEnv('CORS_ORIGINS', '')), telemetry: runtime.telemetry });

/** CRUD for items. */
export const handler = lambdaHandler(runtime, apiRequestId, items);
