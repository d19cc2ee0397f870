import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILED_SCHEMAS, compileSchema } from '../../../scripts/validators';
import { CREATE_PAYMENT_PROBLEMS, CREATE_PAYMENT_SCHEMA } from '../../../lambdas/payment-api/src/schema/create-payment';
import { validatePaymentRequest } from '../../../lambdas/payment-api/src/schema/validate';

const ROOT = join(__dirname, '../../..');

describe('request schemas compiled ahead of time', () => {
  it.each(COMPILED_SCHEMAS.map((c) => [c.output, c] as const))('%s is what its schema compiles to (run pnpm validators after a schema change)', (_output, entry) => {
    expect(readFileSync(join(ROOT, entry.output), 'utf8')).toBe(compileSchema(entry));
  });

  it('the handler bundle never carries the compiler: the generated code needs only ajv’s tiny runtime helpers', () => {
    for (const entry of COMPILED_SCHEMAS) {
      const requires = [...readFileSync(join(ROOT, entry.output), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
      expect(requires.every((r) => r.startsWith('ajv/dist/runtime/'))).toBe(true);
    }
  });

  it('every schema property has the sentence a 400 names it with', () => {
    expect(Object.keys(CREATE_PAYMENT_PROBLEMS).sort()).toEqual(Object.keys(CREATE_PAYMENT_SCHEMA.properties).sort());
  });
});

describe('validatePaymentRequest (the compiled schema)', () => {
  const valid = { amount: 100, currency: 'EUR', merchantReference: 'm-1', customerReference: 'c-1' };

  it('accepts a valid body and keeps only the contract fields', () => {
    expect(validatePaymentRequest({ ...valid, description: 'é'.repeat(140) })).toEqual({ ok: true, value: { ...valid, description: 'é'.repeat(140) } });
  });

  it('names every bad field with its rule, unknown and missing ones included', () => {
    const result = validatePaymentRequest({ amount: '5', currency: 'eur', merchantReference: '', description: 'x'.repeat(141), __proto__: 1, constructor: 2 } as unknown as Record<string, unknown>);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect({ ...result.fields }).toEqual({
      amount: CREATE_PAYMENT_PROBLEMS.amount,
      currency: CREATE_PAYMENT_PROBLEMS.currency,
      merchantReference: CREATE_PAYMENT_PROBLEMS.merchantReference,
      customerReference: 'is required',
      description: CREATE_PAYMENT_PROBLEMS.description,
      constructor: 'is not allowed',
    });
  });

  it('an own `__proto__` key from JSON.parse is refused by name', () => {
    const result = validatePaymentRequest(JSON.parse(`{"amount":1,"currency":"EUR","merchantReference":"m","customerReference":"c","__proto__":{"admin":true}}`) as Record<string, unknown>);
    expect(result).toEqual({ ok: false, fields: expect.objectContaining({}) });
    if (!result.ok) expect(Object.keys(result.fields)).toEqual(['__proto__']);
  });

  it('counts description length in code points, as JSON Schema does (an emoji is one character)', () => {
    expect(validatePaymentRequest({ ...valid, description: '😀'.repeat(140) }).ok).toBe(true);
    expect(validatePaymentRequest({ ...valid, description: '😀'.repeat(141) }).ok).toBe(false);
  });
});
