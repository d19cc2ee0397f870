/**
 * Key schema of the payment API's tables, shared by the stack (which creates them) and the handlers
 * (which address them). Plain constants: the stack loads this file at synth time.
 */
export const PAYMENTS_TABLE_KEY = 'paymentId';
export const IDEMPOTENCY_TABLE_KEY = 'idempotencyKey';
/** Epoch seconds; the idempotency table's TTL attribute. */
export const IDEMPOTENCY_TTL_ATTRIBUTE = 'expiresAt';
export const AUDIT_TABLE_HASH_KEY = 'paymentId';
export const AUDIT_TABLE_RANGE_KEY = 'event';
