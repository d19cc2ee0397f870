import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { allowedOriginsFromEnv, apiRequestId, createRuntime, DOCUMENT_CLIENT_OPTIONS, environmentOf, lambdaHandler, sdkClient } from '@tap/lambda-kit';
import type { GetPaymentEnvironment } from '../environment';
import { getPaymentHandler } from './get';

// Once per container: environment (a missing variable fails init naming it), runtime, clients.
const runtime = createRuntime('payment-api');
const env = environmentOf<GetPaymentEnvironment>();
const db = DynamoDBDocumentClient.from(sdkClient(DynamoDBClient, runtime.tracer), DOCUMENT_CLIENT_OPTIONS);
const get = getPaymentHandler({ db, paymentsTable: env.required('PAYMENTS_TABLE'), corsOrigins: allowedOriginsFromEnv(env.optional('CORS_ORIGINS', '')), telemetry: runtime.telemetry });

/** GET /payments/{id} and its CORS preflight. */
export const handler = lambdaHandler(runtime, apiRequestId, get);
