/**
 * The payment request as the handlers use it. The body contract itself (schema, bounds, the problems a
 * 400 names) lives in ../schema/create-payment.ts, written once for API Gateway and the handler, and
 * ../schema/validate.ts validates with it.
 */
/** Payment ids are UUIDs (v4, generated at lock time). */
export const PAYMENT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A validated payment request. */
export interface PaymentRequest {
  readonly amount: number;
  readonly currency: string;
  readonly merchantReference: string;
  readonly customerReference: string;
  readonly description?: string;
}

/** What GET and the first POST answer with (and what the payments table holds, minus internal fields). */
export interface PaymentView extends PaymentRequest {
  readonly paymentId: string;
  readonly status: 'PENDING';
  readonly createdAt: string;
}

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly fields: Record<string, string> };

/** A path id check that never throws: 400 material for anything that is not a payment id. */
export function isPaymentId(value: unknown): value is string {
  return typeof value === 'string' && PAYMENT_ID_PATTERN.test(value);
}
