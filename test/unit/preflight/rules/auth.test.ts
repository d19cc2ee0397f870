import { authApiKeyOnly, authOpenResourcePolicy, authTokenValidation, authWriteRoute } from '@tap/preflight';
import { check, stack, title } from './helpers';

const method = (body: Record<string, unknown>) => stack({ resource: { aws_api_gateway_method: { m: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', ...body } } } });
const policy = (statement: Record<string, unknown>) =>
  stack({ resource: { aws_api_gateway_rest_api_policy: { p: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) } } } });
const allow = { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '${aws_api_gateway_rest_api.api.execution_arn}/*' };

describe(title(authWriteRoute), () => {
  it('compliant: AWS_IAM or an authorizer on writes; GET and OPTIONS without authorization; writes of a PRIVATE API', () => {
    for (const body of [
      { http_method: 'POST', authorization: 'AWS_IAM' },
      { http_method: 'DELETE', authorization: 'CUSTOM', authorizer_id: 'x' },
      { http_method: 'GET', authorization: 'NONE' },
      { http_method: 'OPTIONS', authorization: 'NONE' },
    ]) {
      expect(check(authWriteRoute, method(body))).toEqual([]);
    }
    const privateApi = stack({ resource: { aws_api_gateway_rest_api: { api: { name: 'x', endpoint_configuration: { types: ['PRIVATE'] } } }, aws_api_gateway_method: { m: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', http_method: 'POST', authorization: 'NONE' } } } });
    expect(check(authWriteRoute, privateApi)).toEqual([]);
  });
  it('a public POST/PUT/PATCH/DELETE/ANY with authorization NONE is an error naming the fix', () => {
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE', 'ANY']) {
      const [f] = check(authWriteRoute, method({ http_method: m, authorization: 'NONE' }));
      expect(f).toMatchObject({ severity: 'error', address: 'aws_api_gateway_method.m' });
      expect(f.message).toMatch(/AWS_IAM/);
    }
  });
  it('can be suppressed with a reason', () => {
    const s = method({ http_method: 'POST', authorization: 'NONE', '//': { preflight: { suppress: [{ id: 'TAP-AUTH-01', reason: 'public sign-up endpoint behind WAF' }] } } });
    expect(check(authWriteRoute, s)).toEqual([]);
  });
});

describe(title(authApiKeyOnly), () => {
  it('compliant: an API key together with AWS_IAM (the key meters, IAM authorizes)', () => {
    expect(check(authApiKeyOnly, method({ http_method: 'GET', authorization: 'AWS_IAM', api_key_required: true }))).toEqual([]);
  });
  it('an API key as the only protection is an error, on reads too', () => {
    const [f] = check(authApiKeyOnly, method({ http_method: 'GET', authorization: 'NONE', api_key_required: true }));
    expect(f.message).toMatch(/not authorization/);
  });
});

describe(title(authOpenResourcePolicy), () => {
  it('compliant: named principals; Principal * narrowed by a condition; Principal * on OPTIONS only (CORS preflight)', () => {
    expect(check(authOpenResourcePolicy, policy({ ...allow, Principal: { AWS: ['arn:aws:iam::111122223333:root'] } }))).toEqual([]);
    expect(check(authOpenResourcePolicy, policy({ ...allow, Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }))).toEqual([]);
    expect(check(authOpenResourcePolicy, policy({ ...allow, Principal: '*', Resource: '${aws_api_gateway_rest_api.api.execution_arn}/*/OPTIONS/*' }))).toEqual([]);
    expect(check(authOpenResourcePolicy, policy({ ...allow, Effect: 'Deny', Principal: '*' }))).toEqual([]);
  });
  it('Principal * (or AWS: *) with no condition is an error, in the policy resource or inline on the API', () => {
    expect(check(authOpenResourcePolicy, policy({ ...allow, Principal: '*' }))).toHaveLength(1);
    expect(check(authOpenResourcePolicy, policy({ ...allow, Principal: { AWS: '*' } }))).toHaveLength(1);
    const inline = stack({ resource: { aws_api_gateway_rest_api: { api: { name: 'x', policy: JSON.stringify({ Statement: [{ ...allow, Principal: '*' }] }) } } } });
    expect(check(authOpenResourcePolicy, inline)).toHaveLength(1);
  });
});

describe(title(authTokenValidation), () => {
  it('compliant: a TOKEN authorizer with a validation expression; REQUEST authorizers are not concerned', () => {
    expect(check(authTokenValidation, stack({ resource: { aws_api_gateway_authorizer: { a: { type: 'TOKEN', identity_validation_expression: '^[A-Za-z0-9]{48}$' } } } }))).toEqual([]);
    expect(check(authTokenValidation, stack({ resource: { aws_api_gateway_authorizer: { a: { type: 'REQUEST' } } } }))).toEqual([]);
  });
  it('a TOKEN authorizer (also by default type) without one is an error', () => {
    expect(check(authTokenValidation, stack({ resource: { aws_api_gateway_authorizer: { a: { type: 'TOKEN' } } } }))).toHaveLength(1);
    expect(check(authTokenValidation, stack({ resource: { aws_api_gateway_authorizer: { a: { name: 'x' } } } }))).toHaveLength(1);
  });
});
