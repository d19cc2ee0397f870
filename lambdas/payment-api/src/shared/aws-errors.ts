import { dependencyFailure as mapDependencyFailure, errorName } from '@tap/lambda-kit';
import type { APIGatewayProxyResult } from 'aws-lambda';

export { errorName };

/** True for DynamoDB's "condition not met" (expected in idempotency flows, never a 5xx by itself). */
export function isConditionalCheckFailed(err: unknown): boolean {
  return errorName(err) === 'ConditionalCheckFailedException';
}

/** True when a TransactWriteItems was cancelled (one of its conditions failed; nothing was written). */
export function isTransactionCanceled(err: unknown): boolean {
  return errorName(err) === 'TransactionCanceledException';
}

/** The shared dependency-failure rule; a throttled client retries with the same Idempotency-Key, which is safe. */
export function dependencyFailure(err: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return mapDependencyFailure(err, 'service busy, retry later with the same Idempotency-Key', headers);
}
