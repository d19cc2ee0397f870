import type { ErrorObject } from 'ajv';
import { fieldErrors, type FieldErrors } from '@tap/lambda-kit';
import type { PaymentRequest, Validation } from '../shared/payment';
import { CREATE_PAYMENT_PROBLEMS } from './create-payment';
import validateCreatePayment from './create-payment.validator.generated';

/**
 * Validates a parsed JSON object against CREATE_PAYMENT_SCHEMA with its ahead-of-time compiled code,
 * naming every bad field (never throws). The same schema is the API Gateway model, so a body the
 * gateway lets through is never refused here for another reason, and the reverse.
 */
export function validatePaymentRequest(body: Record<string, unknown>): Validation<PaymentRequest> {
  if (validateCreatePayment(body)) {
    const { amount, currency, merchantReference, customerReference, description } = body as unknown as PaymentRequest;
    return { ok: true, value: { amount, currency, merchantReference, customerReference, ...(description !== undefined ? { description } : {}) } };
  }
  return { ok: false, fields: fieldsOf(validateCreatePayment.errors ?? [], CREATE_PAYMENT_PROBLEMS) };
}

/**
 * Schema errors as the repo's field errors: a missing property `is required`, an unknown one `is not
 * allowed`, any other broken rule the property's own sentence (what it must be). Built on a null
 * prototype, so an unknown key named `__proto__` or `constructor` is named like any other.
 */
export function fieldsOf(errors: readonly ErrorObject[], problems: Readonly<Record<string, string>>): FieldErrors {
  const fields = fieldErrors();
  for (const e of errors) {
    if (e.keyword === 'required') fields[String((e.params as { missingProperty: string }).missingProperty)] = 'is required';
    else if (e.keyword === 'additionalProperties') fields[String((e.params as { additionalProperty: string }).additionalProperty)] = 'is not allowed';
    else {
      const name = pointerHead(e.instancePath);
      if (name === undefined) fields.body = 'must be a JSON object';
      else fields[name] = Object.prototype.hasOwnProperty.call(problems, name) ? problems[name] : (e.message ?? 'is not valid');
    }
  }
  return fields;
}

/** The first segment of a JSON pointer (`/amount` → `amount`), unescaped; undefined for the root. */
function pointerHead(pointer: string): string | undefined {
  const head = pointer.split('/')[1];
  return head === undefined ? undefined : head.replace(/~1/g, '/').replace(/~0/g, '~');
}
