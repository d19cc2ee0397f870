import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { allowedOriginsFromEnv } from '@tap/lambda-kit';
import { createDocumentClient, requiredEnv } from '../shared/clients';
import { IdempotencyStore } from '../shared/idempotency';
import { createLogger } from '../shared/log';
import { createPaymentHandler } from './create';

// Clients and configuration once per container, reused across invocations.
const logger = createLogger();
const db = createDocumentClient();
const idempotency = new IdempotencyStore({
  db,
  table: requiredEnv('IDEMPOTENCY_TABLE'),
  lockSeconds: Number(process.env.IDEMPOTENCY_LOCK_SECONDS ?? 35),
  ttlSeconds: Number(process.env.IDEMPOTENCY_TTL_SECONDS ?? 86_400),
});
const handle = createPaymentHandler({
  db,
  paymentsTable: requiredEnv('PAYMENTS_TABLE'),
  auditTable: requiredEnv('AUDIT_TABLE'),
  idempotency,
  corsOrigins: allowedOriginsFromEnv(process.env.CORS_ORIGINS),
  logger,
});

/** POST /payments and its CORS preflight. */
export async function handler(event: APIGatewayProxyEvent, context?: Context): Promise<APIGatewayProxyResult> {
  return handle(event, context);
}
