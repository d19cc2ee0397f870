/**
 * The payment request contract, in one place: the JSON schema API Gateway validates with (the stack
 * imports CREATE_PAYMENT_SCHEMA for its model) and the handler's own validation, which is the authority
 * wherever the gateway is not in front (local environment, direct invokes) and which names each field.
 * No runtime imports here: the stack loads this file at synth time.
 */

/** Largest amount accepted, in minor units (999,999,999.99 in a 2-decimal currency); well inside Number.MAX_SAFE_INTEGER. */
export const MAX_AMOUNT_MINOR = 99_999_999_999;
/** Longest description accepted (seed 000 brief: 140). */
export const MAX_DESCRIPTION = 140;
/** References: 1-64 characters of letters, digits and `._:-` (no spaces, no free text that could carry card data). */
export const REFERENCE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$';
/** ISO 4217 alphabetic code shape: three uppercase letters. */
export const CURRENCY_PATTERN = '^[A-Z]{3}$';
/** Payment ids are UUIDs (v4, generated at lock time). */
export const PAYMENT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const REQUIRED_FIELDS = ['amount', 'currency', 'merchantReference', 'customerReference'] as const;
const ALLOWED_FIELDS = new Set<string>([...REQUIRED_FIELDS, 'description']);

/** JSON Schema draft 4 (what API Gateway models speak) of the POST /payments body. */
export const CREATE_PAYMENT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'CreatePayment',
  type: 'object',
  additionalProperties: false,
  required: [...REQUIRED_FIELDS],
  properties: {
    amount: { type: 'integer', minimum: 1, maximum: MAX_AMOUNT_MINOR, description: 'Positive integer in minor units (cents)' },
    currency: { type: 'string', pattern: CURRENCY_PATTERN, description: 'ISO 4217 alphabetic code' },
    merchantReference: { type: 'string', pattern: REFERENCE_PATTERN },
    customerReference: { type: 'string', pattern: REFERENCE_PATTERN },
    description: { type: 'string', maxLength: MAX_DESCRIPTION },
  },
} as const;

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

const referenceRe = new RegExp(REFERENCE_PATTERN);
const currencyRe = new RegExp(CURRENCY_PATTERN);

/** Validates a parsed JSON object against the contract, naming every bad field (never throws). */
export function validatePaymentRequest(body: Record<string, unknown>): Validation<PaymentRequest> {
  // Null prototype: an unknown key named `__proto__` or `constructor` is recorded (and refused) like any other.
  const fields = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(body)) {
    if (!ALLOWED_FIELDS.has(key)) fields[key] = 'is not allowed';
  }
  const amount = body.amount;
  if (amount === undefined) fields.amount = 'is required';
  else if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > MAX_AMOUNT_MINOR) {
    fields.amount = `must be a positive integer in minor units, at most ${MAX_AMOUNT_MINOR}`;
  }
  const currency = body.currency;
  if (currency === undefined) fields.currency = 'is required';
  else if (typeof currency !== 'string' || !currencyRe.test(currency)) fields.currency = 'must be an ISO 4217 code of three uppercase letters';
  for (const name of ['merchantReference', 'customerReference'] as const) {
    const value = body[name];
    if (value === undefined) fields[name] = 'is required';
    else if (typeof value !== 'string' || !referenceRe.test(value)) fields[name] = 'must be 1-64 characters of letters, digits and ._:- starting with a letter or digit';
  }
  const description = body.description;
  // Code points, as JSON Schema's maxLength counts them (an emoji is one character, not two).
  if (description !== undefined && (typeof description !== 'string' || Array.from(description).length > MAX_DESCRIPTION)) {
    fields.description = `must be a string of at most ${MAX_DESCRIPTION} characters`;
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    value: {
      amount: amount as number,
      currency: currency as string,
      merchantReference: body.merchantReference as string,
      customerReference: body.customerReference as string,
      ...(description !== undefined ? { description: description as string } : {}),
    },
  };
}

/** A path id check that never throws: 400 material for anything that is not a payment id. */
export function isPaymentId(value: unknown): value is string {
  return typeof value === 'string' && PAYMENT_ID_PATTERN.test(value);
}
