/**
 * Limits Lambda enforces that the local runtime reproduces (runtime.ts), so a test that relies on them
 * sees what AWS would do rather than a local machine that is more forgiving:
 * - the synchronous response payload limit: 6 MB (Lambda quotas page, "Invocation payload (request and
 *   response)": 6 MB each for synchronous invocations; the runtime's error names 6291556 bytes). A larger
 *   result fails the invocation (`Function.ResponseSizeTooLarge`), which API Gateway answers with 502;
 * - reserved concurrency: an invocation beyond it is THROTTLED (`TooManyRequestsException`), never
 *   queued. API Gateway answers a throttled proxy integration with 500; an SQS event source leaves the
 *   batch on the queue, so it is received again after the visibility timeout (and counts a receive).
 */
export const RESPONSE_LIMIT_BYTES = 6_291_556;
export const RESPONSE_TOO_LARGE = 'Function.ResponseSizeTooLarge';
export const THROTTLED = 'TooManyRequestsException';

/** The serialized size of a handler's result, as the runtime would send it. */
export function responseBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null) ?? 'null', 'utf8');
}

/** The failure Lambda reports for a result over the limit, or undefined when it fits. */
export function responseTooLarge(value: unknown): { errorType: string; errorMessage: string } | undefined {
  const bytes = responseBytes(value);
  if (bytes <= RESPONSE_LIMIT_BYTES) return undefined;
  return { errorType: RESPONSE_TOO_LARGE, errorMessage: `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${RESPONSE_LIMIT_BYTES} bytes).` };
}

/** True when one more invocation would exceed the reserved concurrency (undefined: unreserved, never throttled here). */
export function isThrottled(inFlight: number, reserved: number | undefined): boolean {
  return reserved !== undefined && inFlight >= reserved;
}
