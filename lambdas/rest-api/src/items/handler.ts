import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { allowedOriginsFromEnv, corsHeaders, sdkClientConfig } from '@tap/lambda-kit';
import { mapFailure } from './errors';
import { ItemRepository } from './repository';
import { route } from './router';

// Once per container: clients, logger and configuration (endpoints come from the standard AWS_* env vars;
// timeouts and retries from the one shared SDK budget, so a stalled DynamoDB is a 503 in seconds).
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'rest-api-items' });
const client = DynamoDBDocumentClient.from(new DynamoDBClient(sdkClientConfig()), { marshallOptions: { removeUndefinedValues: true } });
const repo = new ItemRepository({
  client,
  tableName: process.env.ITEMS_TABLE_NAME ?? '',
  listIndexName: process.env.ITEMS_LIST_INDEX ?? 'by-created',
});
const allowedOrigins = allowedOriginsFromEnv(process.env.CORS_ORIGINS);

/** CRUD for items: one thin entry point; routing, validation and storage live in their own modules. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  let outcome;
  try {
    outcome = await route(event, repo);
  } catch (failure) {
    const mapped = mapFailure(failure);
    // The error name and message only: never the event (it may carry keys or personal data).
    logger.error('request failed', { kind: mapped.kind, errorName: mapped.errorName, method: String(event?.httpMethod), status: mapped.response.statusCode });
    outcome = { route: 'unknown' as const, response: mapped.response };
  }
  const response = outcome.response;
  logger.info('request handled', { route: outcome.route, itemId: outcome.itemId, status: response.statusCode });
  return { ...response, headers: { ...(response.headers ?? {}), ...corsHeaders(event ?? { headers: {} }, allowedOrigins) } };
}
