/**
 * The POST /payments body contract, written once. API Gateway validates with it (the stack's
 * aws_api_gateway_model) and the handler validates with the same schema compiled ahead of time
 * (create-payment.validator.generated.js, written by `pnpm validators`; a unit test fails when the file
 * drifts from this schema), so the two can never disagree on which bodies are valid and a cold start
 * never pays for a schema compiler. No runtime imports here: the stack loads this file at synth time.
 */

/** Largest amount accepted, in minor units (999,999,999.99 in a 2-decimal currency); well inside Number.MAX_SAFE_INTEGER. */
export const MAX_AMOUNT_MINOR = 99_999_999_999;
/** Longest description accepted, in characters (code points, as JSON Schema's maxLength counts them). */
export const MAX_DESCRIPTION = 140;
/** References: 1-64 characters of letters, digits and `._:-` (no spaces, no free text that could carry card data). */
export const REFERENCE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$';
/** ISO 4217 alphabetic code shape: three uppercase letters. */
export const CURRENCY_PATTERN = '^[A-Z]{3}$';

export const REQUIRED_FIELDS = ['amount', 'currency', 'merchantReference', 'customerReference'] as const;

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

/** What the handler answers for each property that breaks the schema: the rule and the fix, in words. */
export const CREATE_PAYMENT_PROBLEMS: Readonly<Record<keyof typeof CREATE_PAYMENT_SCHEMA.properties, string>> = {
  amount: `must be a positive integer in minor units, at most ${MAX_AMOUNT_MINOR}`,
  currency: 'must be an ISO 4217 code of three uppercase letters',
  merchantReference: 'must be 1-64 characters of letters, digits and ._:- starting with a letter or digit',
  customerReference: 'must be 1-64 characters of letters, digits and ._:- starting with a letter or digit',
  description: `must be a string of at most ${MAX_DESCRIPTION} characters`,
};
