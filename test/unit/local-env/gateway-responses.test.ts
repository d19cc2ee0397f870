import { renderGatewayError, type GatewayResponseModel } from '../../../packages/local-env/src/apigw/gateway-responses';
import { RequestValidator } from '../../../packages/local-env/src/apigw/validate';
import type { MethodModel } from '../../../packages/local-env/src/apigw/model';

const response = (type: string, template: string, extra: Partial<GatewayResponseModel> = {}): [string, GatewayResponseModel] => [type, { type, templates: { 'application/json': template }, headers: {}, ...extra }];

describe('local gateway responses', () => {
  it('renders the declared template with the $context.error values, the validation string JSON-escaped', () => {
    const responses = new Map([response('BAD_REQUEST_BODY', '{"error":$context.error.messageString,"fields":{"body":"$context.error.validationErrorString"},"type":"$context.error.responseType"}')]);
    const rendered = renderGatewayError(responses, 'BAD_REQUEST_BODY', 400, { message: 'Invalid request body', validationErrorString: '[object has missing required properties (["currency"]), "$&" \\ ]', requestId: 'r' });
    expect(rendered?.status).toBe(400);
    expect(JSON.parse(rendered?.body ?? '')).toEqual({ error: 'Invalid request body', fields: { body: '[object has missing required properties (["currency"]), "$&" \\ ]' }, type: 'BAD_REQUEST_BODY' });
  });

  it('falls back to DEFAULT_4XX, keeps the declared status and headers; undefined when nothing is declared', () => {
    const responses = new Map([response('DEFAULT_4XX', '{"message":$context.error.messageString}', { statusCode: 422, headers: { 'Retry-After': '1' } })]);
    expect(renderGatewayError(responses, 'BAD_REQUEST_PARAMETERS', 400, { message: 'Missing required request parameters: [Idempotency-Key]', requestId: 'r' })).toEqual({
      status: 422,
      headers: { 'content-type': 'application/json', 'Retry-After': '1' },
      body: '{"message":"Missing required request parameters: [Idempotency-Key]"}',
    });
    expect(renderGatewayError(new Map(), 'BAD_REQUEST_BODY', 400, { message: 'Invalid request body', requestId: 'r' })).toBeUndefined();
  });
});

describe('local request validator', () => {
  const method = (schema: Record<string, unknown>): MethodModel => ({
    httpMethod: 'POST',
    authorization: 'NONE',
    apiKeyRequired: false,
    validateBody: true,
    validateParameters: true,
    requestModels: { 'application/json': schema },
    requestParameters: { 'method.request.header.Idempotency-Key': true },
  });
  const schema = { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', additionalProperties: false, required: ['a'], properties: { a: { type: 'integer', minimum: 1 } } };
  const v = new RequestValidator();

  it('parameters first, then the body: each failure names what is missing or wrong', () => {
    expect(v.validate(method(schema), {}, {}, Buffer.from('{}'))).toMatchObject({ type: 'BAD_REQUEST_PARAMETERS', message: 'Missing required request parameters: [Idempotency-Key]' });
    const headers = { 'idempotency-key': 'k' };
    expect(v.validate(method(schema), headers, {}, Buffer.from('{"a":0,"b":1}'))).toEqual({
      type: 'BAD_REQUEST_BODY',
      message: 'Invalid request body',
      validationErrorString: '[object instance has properties which are not allowed by the schema: ["b"], "a" must be >= 1]',
    });
    expect(v.validate(method(schema), headers, {}, Buffer.from('{}'))?.validationErrorString).toBe('[object has missing required properties (["a"])]');
    expect(v.validate(method(schema), headers, {}, Buffer.from('{"a":'))?.validationErrorString).toBe('[the body is not valid JSON]');
    expect(v.validate(method(schema), headers, {}, Buffer.from('{"a":2}'))).toBeUndefined();
  });
});
