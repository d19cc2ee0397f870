import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { allowedOriginsFromEnv, apiRequestId, createRuntime, DOCUMENT_CLIENT_OPTIONS, environmentOf, lambdaHandler, sdkClient } from '@tap/lambda-kit';
import type { CreatePaymentEnvironment } from '../environment';
import { IdempotencyStore } from '../shared/idempotency';
import { createPaymentHandler } from './create';

// Once per container: environment (a missing variable fails init naming it), runtime, clients.
const runtime = createRuntime('payment-api');
const env = environmentOf<CreatePaymentEnvironment>();
const db = DynamoDBDocumentClient.from(sdkClient(DynamoDBClient, runtime.tracer), DOCUMENT_CLIENT_OPTIONS);
const idempotency = new IdempotencyStore({ db, table: env.required('IDEMPOTENCY_TABLE'), lockSeconds: env.number('IDEMPOTENCY_LOCK_SECONDS', 35), ttlSeconds: env.number('IDEMPOTENCY_TTL_SECONDS', 86_400) });
const create = createPaymentHandler({ db, idempotency, paymentsTable: env.required('PAYMENTS_TABLE'), auditTable: env.required('AUDIT_TABLE'), corsOrigins: allowedOriginsFromEnv(env.optional('CORS_ORIGINS', '')), telemetry: runtime.telemetry });

/** POST /payments and its CORS preflight. */
export const handler = lambdaHandler(runtime, apiRequestId, create);
