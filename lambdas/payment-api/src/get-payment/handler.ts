import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { allowedOriginsFromEnv, apiRequestId, createRuntime, DOCUMENT_CLIENT_OPTIONS, lambdaHandler, optionalEnv, requiredEnv, sdkClient } from '@tap/lambda-kit';
import { getPaymentHandler } from './get';

// Once per container: environment (a missing variable fails init naming it), runtime, clients.
const runtime = createRuntime('payment-api');
const db = DynamoDBDocumentClient.from(sdkClient(DynamoDBClient, runtime.tracer), DOCUMENT_CLIENT_OPTIONS);
const get = getPaymentHandler({ db, paymentsTable: requiredEnv('PAYMENTS_TABLE'), corsOrigins: allowedOriginsFromEnv(optionalEnv('CORS_ORIGINS', '')), telemetry: runtime.telemetry });

/** GET /payments/{id} and its CORS preflight. */
export const handler = lambdaHandler(runtime, apiRequestId, get);
