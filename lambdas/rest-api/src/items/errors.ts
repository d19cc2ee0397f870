import type { APIGatewayProxyResult } from 'aws-lambda';
import { error } from '@tap/lambda-kit';

/** DynamoDB errors that mean "too much traffic right now": the client should retry (stacks/rest-api/README.md, "Error mapping"). */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

/** Seconds a throttled client is asked to wait. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * Maps an unexpected failure to a response by rule: DynamoDB throttling is a 503 with Retry-After (the
 * request was valid and may succeed later); anything else is a 500 with a JSON body and no detail.
 * Conditional-check failures never get here: the repository turns them into 404/409.
 */
export function mapFailure(failure: unknown): { response: APIGatewayProxyResult; kind: 'throttled' | 'internal'; errorName: string } {
  const errorName = (failure as { name?: unknown })?.name;
  const name = typeof errorName === 'string' ? errorName : 'Error';
  if (THROTTLING.has(name)) {
    return { response: error(503, 'the service is busy, retry later', undefined, { 'Retry-After': String(RETRY_AFTER_SECONDS) }), kind: 'throttled', errorName: name };
  }
  return { response: error(500, 'internal error'), kind: 'internal', errorName: name };
}
