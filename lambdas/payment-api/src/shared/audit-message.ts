/** Audit events the create function records. */
export const AUDIT_EVENTS = ['PAYMENT_CREATED'] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/**
 * One item of the audit archive, written in the same DynamoDB transaction as the payment it describes
 * (create.ts): ids and amounts only, never references or free text.
 */
export interface AuditRecord {
  readonly paymentId: string;
  readonly event: AuditEvent;
  readonly amount: number;
  readonly currency: string;
  readonly occurredAt: string;
  /** SHA-256 of the Idempotency-Key (never the key itself). */
  readonly idempotencyKeyHash: string;
  readonly archivedAt: string;
}
