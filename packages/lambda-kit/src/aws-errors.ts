import { isServerError, isThrottlingError, isTransientError } from '@smithy/service-error-classification';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { error } from './http';

/**
 * Throttling and capacity refusals the SDK's own classification (@smithy/service-error-classification,
 * the list its retry strategy uses) does not name: DynamoDB's transaction conflict and KMS's throttling
 * (both retryable, both "try again later" for the client).
 */
export const EXTRA_THROTTLING_ERRORS: ReadonlySet<string> = new Set(['TransactionConflictException', 'KMSThrottlingException']);

/**
 * "Temporarily unavailable" answers the SDK classification does not name: service error codes of a
 * dependency that is down for a moment (EventBridge's entry codes `InternalException`/`InternalFailure`,
 * the 5xx names of DynamoDB, SSM and SQS), for errors that carry the name without a 5xx status.
 */
export const EXTRA_UNAVAILABLE_ERRORS: ReadonlySet<string> = new Set(['ServiceUnavailable', 'InternalServerError', 'InternalFailure', 'InternalException']);

/** Seconds a throttled client is asked to wait. */
export const RETRY_AFTER_SECONDS = 1;

/** The error's name (SDK v3 errors carry the service's error code there), or `Error`. */
export function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'name' in err && typeof (err as { name: unknown }).name === 'string') return (err as { name: string }).name;
  return 'Error';
}

/** The SDK classifiers read `name`, `code`, `$metadata` and `$retryable`; anything else is not an SDK error. */
type SdkError = Parameters<typeof isThrottlingError>[0];
function asSdkError(err: unknown): SdkError | undefined {
  return err && typeof err === 'object' ? (err as SdkError) : undefined;
}

/** A refusal for rate or capacity (retryable): the SDK's throttling classification plus EXTRA_THROTTLING_ERRORS. */
export function isThrottling(err: unknown): boolean {
  const e = asSdkError(err);
  if (!e) return false;
  return EXTRA_THROTTLING_ERRORS.has(errorName(err)) || isThrottlingError(e);
}

/**
 * True when the dependency did not answer in time or answered "temporarily unavailable": the request
 * was valid and may succeed later (the SDK's attempts are already spent). The SDK's transient and
 * server-error classification (TimeoutError, ECONNRESET/ECONNREFUSED/ETIMEDOUT/EPIPE, EHOSTUNREACH/
 * ENOTFOUND/EAI_AGAIN, any 5xx) plus EXTRA_UNAVAILABLE_ERRORS.
 */
export function isUnavailable(err: unknown): boolean {
  const e = asSdkError(err);
  if (!e) return false;
  if (EXTRA_UNAVAILABLE_ERRORS.has(errorName(err))) return true;
  return isTransientError(e) || isServerError(e);
}

/** True for DynamoDB's "condition not met" (expected in idempotency and version checks, never a 5xx by itself). */
export function isConditionalCheckFailed(err: unknown): boolean {
  return errorName(err) === 'ConditionalCheckFailedException';
}

/** True when a TransactWriteItems was cancelled (one of its conditions failed; nothing was written). */
export function isTransactionCanceled(err: unknown): boolean {
  return errorName(err) === 'TransactionCanceledException';
}

/** How a dependency failure is classified: what the 503/500 split and the logs and metrics say. */
export type FailureKind = 'throttled' | 'unavailable' | 'internal';

export function failureKind(err: unknown): FailureKind {
  return isThrottling(err) ? 'throttled' : isUnavailable(err) ? 'unavailable' : 'internal';
}

/**
 * The one rule for a dependency failure inside a handler (docs/operations/README.md, "Error mapping"):
 * throttling or capacity refusals and a dependency that did not answer within the SDK budget (sdk.ts)
 * become 503 with Retry-After (the request was valid and may succeed later; the SDK has already
 * retried), anything else a 500 with a generic body. 502 is never answered by a handler: API Gateway
 * answers it when a function crashes, and it is counted in the function's Errors. Client input never
 * reaches this path: it is validated before any call.
 */
export function dependencyFailure(err: unknown, busyMessage: string, headers: Record<string, string> = {}): APIGatewayProxyResult {
  if (failureKind(err) !== 'internal') return error(503, busyMessage, undefined, { ...headers, 'Retry-After': String(RETRY_AFTER_SECONDS) });
  return error(500, 'internal error', undefined, headers);
}
