import { isPaymentId } from './payment';

/** Audit events the create function emits. */
export const AUDIT_EVENTS = ['PAYMENT_CREATED'] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** The audit message on the queue: ids and amounts only, never references or free text. */
export interface AuditMessage {
  readonly paymentId: string;
  readonly event: AuditEvent;
  readonly amount: number;
  readonly currency: string;
  readonly occurredAt: string;
  /** SHA-256 of the Idempotency-Key (never the key itself). */
  readonly idempotencyKeyHash: string;
}

/** Parses a queue message body; null when it is not an audit message (it then goes to the DLQ). */
export function parseAuditMessage(body: string): AuditMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const m = value as Record<string, unknown>;
  if (!isPaymentId(m.paymentId)) return null;
  if (typeof m.event !== 'string' || !(AUDIT_EVENTS as readonly string[]).includes(m.event)) return null;
  if (typeof m.amount !== 'number' || !Number.isInteger(m.amount)) return null;
  if (typeof m.currency !== 'string' || typeof m.occurredAt !== 'string' || typeof m.idempotencyKeyHash !== 'string') return null;
  return {
    paymentId: m.paymentId,
    event: m.event as AuditEvent,
    amount: m.amount,
    currency: m.currency,
    occurredAt: m.occurredAt,
    idempotencyKeyHash: m.idempotencyKeyHash,
  };
}
