import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { allowedOriginsFromEnv } from '@tap/lambda-kit';
import { createDocumentClient, requiredEnv } from '../shared/clients';
import { createLogger } from '../shared/log';
import { getPaymentHandler } from './get';

// Once per container.
const handle = getPaymentHandler({
  db: createDocumentClient(),
  paymentsTable: requiredEnv('PAYMENTS_TABLE'),
  corsOrigins: allowedOriginsFromEnv(process.env.CORS_ORIGINS),
  logger: createLogger(),
});

/** GET /payments/{id} and its CORS preflight. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return handle(event);
}
