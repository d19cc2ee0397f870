import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { allowedOriginsFromEnv, apiRequestId, createRuntime, DOCUMENT_CLIENT_OPTIONS, lambdaHandler, numberEnv, optionalEnv, requiredEnv, sdkClient } from '@tap/lambda-kit';
import { IdempotencyStore } from '../shared/idempotency';
import { createPaymentHandler } from './create';

// Once per container: environment (a missing variable fails init naming it), runtime, clients.
const runtime = createRuntime('payment-api');
const db = DynamoDBDocumentClient.from(sdkClient(DynamoDBClient, runtime.tracer), DOCUMENT_CLIENT_OPTIONS);
const idempotency = new IdempotencyStore({ db, table: requiredEnv('IDEMPOTENCY_TABLE'), lockSeconds: numberEnv('IDEMPOTENCY_LOCK_SECONDS', 35), ttlSeconds: numberEnv('IDEMPOTENCY_TTL_SECONDS', 86_400) });
const create = createPaymentHandler({ db, idempotency, paymentsTable: requiredEnv('PAYMENTS_TABLE'), auditTable: requiredEnv('AUDIT_TABLE'), corsOrigins: allowedOriginsFromEnv(optionalEnv('CORS_ORIGINS', '')), telemetry: runtime.telemetry });

/** POST /payments and its CORS preflight. */
export const handler = lambdaHandler(runtime, apiRequestId, create);
