import { error } from '@tap/lambda-kit';
import type { APIGatewayProxyResult } from 'aws-lambda';

/** Error names DynamoDB and SQS use when a request is refused for rate or capacity (retryable by the client). */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'TransactionConflictException',
  'KMSThrottlingException',
]);

/** True for DynamoDB's "condition not met" (expected in idempotency flows, never a 5xx by itself). */
export function isConditionalCheckFailed(err: unknown): boolean {
  return errorName(err) === 'ConditionalCheckFailedException';
}

export function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'name' in err && typeof (err as { name: unknown }).name === 'string') return (err as { name: string }).name;
  return 'Error';
}

/**
 * The rule for dependency failures inside a handler (issue 12): throttling and capacity refusals become
 * 503 with Retry-After (the client retries with the same Idempotency-Key, which is safe); anything else is
 * a 500 with a generic body. Client input never reaches this path: it is validated before any call.
 */
export function dependencyFailure(err: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  if (THROTTLING.has(errorName(err))) {
    return error(503, 'service busy, retry later with the same Idempotency-Key', undefined, { ...headers, 'Retry-After': '1' });
  }
  return error(500, 'internal error', undefined, headers);
}
