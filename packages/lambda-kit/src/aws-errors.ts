import type { APIGatewayProxyResult } from 'aws-lambda';
import { error } from './http';

/** Error names AWS services (DynamoDB, SQS, KMS) use when a request is refused for rate or capacity: retryable. */
export const THROTTLING_ERRORS: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'TransactionConflictException',
  'KMSThrottlingException',
]);

/** Seconds a throttled client is asked to wait. */
export const RETRY_AFTER_SECONDS = 1;

/** The error's name (SDK v3 errors carry the service's error code there), or `Error`. */
export function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'name' in err && typeof (err as { name: unknown }).name === 'string') return (err as { name: string }).name;
  return 'Error';
}

export function isThrottling(err: unknown): boolean {
  return THROTTLING_ERRORS.has(errorName(err));
}

/** Network-level codes of a dependency that did not answer (Node.js socket errors). */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ETIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Error names of a dependency that timed out or is temporarily down. */
const UNAVAILABLE_ERRORS: ReadonlySet<string> = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ServiceUnavailable', 'InternalServerError', 'InternalFailure']);

/**
 * True when the dependency did not answer in time or answered "temporarily unavailable": the request
 * was valid and may succeed later (the SDK's attempts are already spent).
 */
export function isUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (UNAVAILABLE_ERRORS.has(errorName(err))) return true;
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

/**
 * The one rule for a dependency failure inside a handler (docs/operations/README.md, "Error mapping"):
 * throttling or capacity refusals and a dependency that did not answer within the SDK budget (sdk.ts)
 * become 503 with Retry-After (the request was valid and may succeed later; the SDK has already
 * retried), anything else a 500 with a generic body. Client input never
 * reaches this path: it is validated before any call.
 */
export function dependencyFailure(err: unknown, busyMessage: string, headers: Record<string, string> = {}): APIGatewayProxyResult {
  if (isThrottling(err) || isUnavailable(err)) return error(503, busyMessage, undefined, { ...headers, 'Retry-After': String(RETRY_AFTER_SECONDS) });
  return error(500, 'internal error', undefined, headers);
}
