/** The payment API's 503 message: a throttled or stalled request is retried with the same Idempotency-Key, which is safe. */
export const BUSY_MESSAGE = 'service busy, retry later with the same Idempotency-Key';
