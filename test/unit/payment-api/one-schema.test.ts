import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';
import { createPaymentHandler } from '../../../lambdas/payment-api/src/create-payment/create';
import { CREATE_PAYMENT_SCHEMA, MAX_AMOUNT_MINOR, MAX_DESCRIPTION } from '../../../lambdas/payment-api/src/schema/create-payment';
import type { IdempotencyStore } from '../../../lambdas/payment-api/src/shared/idempotency';
import { gatewayResponseOf, renderGatewayError, type GatewayResponseModel } from '../../../packages/local-env/src/apigw/gateway-responses';
import { RequestValidator } from '../../../packages/local-env/src/apigw/validate';
import { appStacks, SHARED_SUFFIX } from '../../helpers/shared-synth';
import { quietTelemetry } from '@tap/lambda-kit';
import type { StackJson } from '@tap/synth';

/**
 * The API Gateway model and the handler refuse exactly the same bodies, because both are
 * CREATE_PAYMENT_SCHEMA: the gateway side is the local API Gateway emulator's validator fed the model
 * from the synthesized stack (what AWS receives), the handler side is the real create handler (its
 * ahead-of-time compiled copy of the schema), stopped at its first side effect.
 */
// The payment API stack as the app synthesizes it (the run's shared dev synth).
const json = appStacks({ suffix: SHARED_SUFFIX, profile: 'dev' }).find((s) => s.name === 'payment-api')?.json ?? {};
const resourcesOf = (stack: StackJson, type: string): Record<string, unknown>[] => Object.values(stack.resource?.[type] ?? {});
const [modelResource] = resourcesOf(json, 'aws_api_gateway_model');
const model = JSON.parse(modelResource.schema as string) as Record<string, unknown>;
const gatewayResponses = new Map<string, GatewayResponseModel>(
  resourcesOf(json, 'aws_api_gateway_gateway_response').map((r) => {
    const response = gatewayResponseOf({ stack: 'payment-api', type: 'aws_api_gateway_gateway_response', name: 'r', config: r }, r.response_templates as Record<string, string>, r.response_parameters as Record<string, string>);
    return [response.type, response];
  }),
);
const gateway = new RequestValidator();

/** The gateway's answer: undefined when the body passes the model, else the rendered BAD_REQUEST_BODY. */
function atGateway(body: string): { status: number; body: { error: string; fields: { body: string } } } | undefined {
  const failure = gateway.validateBody(model, Buffer.from(body, 'utf8'));
  if (!failure) return undefined;
  const rendered = renderGatewayError(gatewayResponses, failure.type, 400, { message: failure.message, validationErrorString: failure.validationErrorString, requestId: 'r-1' });
  if (!rendered) throw new Error('no BAD_REQUEST_BODY gateway response in the stack');
  return { status: rendered.status, body: JSON.parse(rendered.body) as { error: string; fields: { body: string } } };
}

/** Reaching the idempotency claim means the handler accepted everything the client sent. */
const ACCEPTED = 'accepted: reached the first side effect';
const handler = createPaymentHandler({
  db: {} as never,
  paymentsTable: 'payments',
  auditTable: 'audit',
  idempotency: {
    claim: async () => {
      throw new Error(ACCEPTED);
    },
  } as unknown as IdempotencyStore,
  corsOrigins: [],
  telemetry: quietTelemetry(),
});

async function atHandler(body: string, isBase64Encoded = false): Promise<{ accepted: boolean; fields: Record<string, string> }> {
  const res = await handler({
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' },
    body,
    isBase64Encoded,
    requestContext: { identity: { userArn: 'arn:aws:iam::000000000000:user/client' } } as unknown as APIGatewayProxyEvent['requestContext'],
  });
  if (res.statusCode === 400) return { accepted: false, fields: (JSON.parse(res.body) as { fields: Record<string, string> }).fields };
  // Anything else must be the dependency failure the stopped claim produces.
  expect(res.statusCode).toBeGreaterThanOrEqual(500);
  return { accepted: true, fields: {} };
}

const reference = fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/), fc.string({ maxLength: 70 }), fc.constant(''), fc.integer());
const field = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) => fc.option(fc.oneof(valid, invalid), { nil: undefined });
const body = fc.record(
  {
    amount: field(fc.integer({ min: 1, max: MAX_AMOUNT_MINOR }), fc.oneof(fc.integer({ min: -5, max: 0 }), fc.double(), fc.constant(MAX_AMOUNT_MINOR + 1), fc.string(), fc.constant(null))),
    currency: field(fc.stringMatching(/^[A-Z]{3}$/), fc.oneof(fc.string({ maxLength: 4 }), fc.constant('eur'), fc.integer(), fc.constant(['EUR']))),
    merchantReference: field(reference, fc.constant({})),
    customerReference: field(reference, fc.boolean()),
    description: field(fc.string({ unit: 'grapheme', maxLength: MAX_DESCRIPTION + 2 }), fc.oneof(fc.integer(), fc.string({ minLength: MAX_DESCRIPTION + 1, maxLength: MAX_DESCRIPTION + 5 }))),
    extra: fc.option(fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'cardNumber')), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }), { nil: undefined }),
  },
  { requiredKeys: [] },
);
const validRef = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
const validBody = fc.record(
  {
    amount: fc.integer({ min: 1, max: MAX_AMOUNT_MINOR }),
    currency: fc.stringMatching(/^[A-Z]{3}$/),
    merchantReference: validRef,
    customerReference: validRef,
    description: fc.string({ unit: 'binary', maxLength: MAX_DESCRIPTION }),
  },
  { requiredKeys: ['amount', 'currency', 'merchantReference', 'customerReference'] },
);
const bodies = fc.oneof(
  // Valid bodies, and valid bodies with one field broken (closest to the boundary).
  { weight: 3, arbitrary: validBody.map((b) => JSON.stringify(b)) },
  { weight: 3, arbitrary: fc.tuple(validBody, body).map(([valid, broken]) => JSON.stringify({ ...valid, ...Object.fromEntries(Object.entries(broken).slice(0, 1)) })) },
  { weight: 4, arbitrary: body.map(({ extra, ...fields }) => JSON.stringify({ ...fields, ...(extra ?? {}) })) },
  // Not an object at all: arrays, strings, numbers, null.
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
);

describe('one schema: the API Gateway model and the handler refuse the same bodies', () => {
  it('the model the stack deploys is CREATE_PAYMENT_SCHEMA, unchanged', () => {
    expect(model).toEqual(JSON.parse(JSON.stringify(CREATE_PAYMENT_SCHEMA)));
  });

  it('over generated bodies, the gateway lets a body through exactly when the handler accepts it', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(bodies, async (text) => {
        const gatewayAnswer = atGateway(text);
        const handlerAnswer = await atHandler(text);
        expect(handlerAnswer.accepted).toBe(gatewayAnswer === undefined);
        if (gatewayAnswer) {
          // The gateway's 400 is the repo's error shape and names what failed.
          expect(gatewayAnswer.status).toBe(400);
          expect(gatewayAnswer.body.error).toBe('Invalid request body');
          expect(gatewayAnswer.body.fields.body.length).toBeGreaterThan(2);
          expect(Object.keys(handlerAnswer.fields).length).toBeGreaterThan(0);
          refused++;
        } else {
          accepted++;
        }
      }),
      { numRuns: 400 },
    );
    // Both outcomes were exercised, not just one.
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });

  it('the gateway 400 names the failing fields, as the handler does', async () => {
    const text = JSON.stringify({ amount: 0, merchantReference: 'm-1', customerReference: 'c-1', cardNumber: '4111' });
    const gatewayAnswer = atGateway(text);
    expect(gatewayAnswer?.body.fields.body).toContain('"amount"');
    expect(gatewayAnswer?.body.fields.body).toContain('["currency"]');
    expect(gatewayAnswer?.body.fields.body).toContain('["cardNumber"]');
    expect(Object.keys((await atHandler(text)).fields).sort()).toEqual(['amount', 'cardNumber', 'currency']);
  });

  it('a description with bytes that are not UTF-8 is 400 naming it, before any side effect (never stored as U+FFFD)', async () => {
    const bytes = Buffer.concat([Buffer.from('{"amount":1,"currency":"EUR","merchantReference":"m","customerReference":"c","description":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const answer = await atHandler(bytes.toString('base64'), true);
    expect(answer).toEqual({ accepted: false, fields: { description: 'is not valid UTF-8: send the body as UTF-8 text' } });
  });
});
