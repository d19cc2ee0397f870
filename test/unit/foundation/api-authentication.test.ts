/**
 * Who may call the APIs, in the synthesized JSON of every profile (docs/decisions/003-api-authentication.md):
 * IAM authorization on every payment and REST route, a resource policy naming the principals config
 * allows (default: the deploying account, from data.aws_caller_identity), the client grant policy as
 * an output, WAF per profile, the event pipeline's validation expression and its default endpoint.
 */
import { Testing } from 'cdktf';
import { getEnvironmentConfig, type EnvironmentInput, type ProfileName } from '@tap/config';
import { EventPipelineStack } from '@tap/stack-event-pipeline';
import { PaymentApiStack } from '@tap/stack-payment-api';
import { RestApiStack } from '@tap/stack-rest-api';
import { onlyResource, resourcesOf, synthJson } from '../../helpers/synth';
import type { StackJson } from '@tap/synth';

const PROFILES: ProfileName[] = ['dev', 'pr', 'production'];
type Json = Record<string, unknown>;
const config = (profile: ProfileName, input: EnvironmentInput = {}) => getEnvironmentConfig({ suffix: 'auth-test', profile, ...input });
// One synth per stack, profile and input in this file (several tests read the same one; none edits it).
const synths = new Map<string, StackJson>();
const once = (key: string, synth: () => StackJson): StackJson => synths.get(key) ?? (synths.set(key, synth()).get(key) as StackJson);
const payment = (profile: ProfileName, input: EnvironmentInput = {}) => once(`payment ${profile} ${JSON.stringify(input)}`, () => synthJson(new PaymentApiStack(Testing.app(), 'payment-api', { config: config(profile, input) })));
const rest = (profile: ProfileName, input: EnvironmentInput = {}) => once(`rest ${profile} ${JSON.stringify(input)}`, () => synthJson(new RestApiStack(Testing.app(), 'rest-api', { config: config(profile, input) })));
const pipeline = (profile: ProfileName, input: EnvironmentInput = {}) => once(`pipeline ${profile} ${JSON.stringify(input)}`, () => synthJson(new EventPipelineStack(Testing.app(), 'event-pipeline', { config: config(profile, input) })));
const policyOf = (json: StackJson) => JSON.parse(String(onlyResource(json, 'aws_api_gateway_rest_api_policy').policy)) as { Statement: Json[] };

describe.each(PROFILES)('profile %s', (profile) => {
  const stacks = { payment: payment(profile), rest: rest(profile) };

  it.each(Object.keys(stacks))('%s API: every non-OPTIONS method is AWS_IAM; OPTIONS (CORS preflight) only is open', (name) => {
    const methods = resourcesOf(stacks[name as keyof typeof stacks], 'aws_api_gateway_method');
    expect(methods.length).toBeGreaterThan(0);
    for (const m of methods) expect(m.authorization).toBe(m.http_method === 'OPTIONS' ? 'NONE' : 'AWS_IAM');
  });

  it.each(Object.keys(stacks))('%s API: the resource policy allows the deploying account by default, from the data source', (name) => {
    const json = stacks[name as keyof typeof stacks];
    const statements = policyOf(json).Statement;
    const clients = statements.find((s) => s.Sid === 'AllowedClients');
    expect(clients).toMatchObject({ Effect: 'Allow', Action: 'execute-api:Invoke', Principal: { AWS: ['arn:aws:iam::${data.aws_caller_identity.current_identity.account_id}:root'] } });
    // Principal * only for OPTIONS (the payment API's CORS preflight), never for a route that does work.
    for (const s of statements.filter((x) => x.Principal === '*')) expect(s).toMatchObject({ Sid: 'CorsPreflightOnly', Resource: expect.stringMatching(/\/\*\/OPTIONS\/\*$/) });
    // A resource-policy change needs a redeploy: the deployment waits for the policy.
    expect((onlyResource(json, 'aws_api_gateway_deployment').depends_on as string[]).some((d) => d.startsWith('aws_api_gateway_rest_api_policy.'))).toBe(true);
  });

  it('WAF on every public API exactly in production (common rules, known bad inputs, rate per IP) unless ENABLE_WAF says otherwise', () => {
    const all = [stacks.payment, stacks.rest, pipeline(profile)];
    for (const json of all) {
      const acls = resourcesOf(json, 'aws_wafv2_web_acl');
      expect(acls).toHaveLength(profile === 'production' ? 1 : 0);
      if (acls.length === 0) continue;
      const rules = acls[0].rule as Json[];
      expect(rules.map((r) => r.name)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'RatePerClientIp']);
      expect(JSON.stringify(rules[2])).toContain('"aggregate_key_type":"IP"');
      expect(onlyResource(json, 'aws_wafv2_web_acl_association').resource_arn).toMatch(/aws_api_gateway_stage\..*\.arn/);
    }
  });
});

describe('configured principals and clients', () => {
  it('account ids, role ARNs, organizations and OU paths become principals or conditioned statements', () => {
    const statements = policyOf(payment('dev', { allowedPrincipals: ['111122223333', 'arn:aws:iam::444455556666:role/orders', 'o-a1b2c3d4e5', 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111'] })).Statement;
    expect(statements.find((s) => s.Sid === 'AllowedClients')?.Principal).toEqual({ AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:role/orders'] });
    expect(statements.find((s) => s.Sid === 'AllowedOrganizations')).toMatchObject({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } } });
    expect(statements.find((s) => s.Sid === 'AllowedOrganizationalUnits')).toMatchObject({ Principal: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'] } } });
  });

  it('the client grant policy output names exactly the routes, nothing wider', () => {
    const paymentPolicy = JSON.parse(String(payment('dev').output?.paymentApiClientPolicy.value)) as { Statement: Json[] };
    expect(paymentPolicy.Statement).toEqual([
      { Sid: 'InvokeClientRoutes', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: ['${aws_api_gateway_rest_api.api_4F59AA66.execution_arn}/*/POST/payments', '${aws_api_gateway_rest_api.api_4F59AA66.execution_arn}/*/GET/payments/*'] },
    ]);
    const restPolicy = JSON.parse(String(rest('dev').output?.restApiClientPolicy.value)) as { Statement: { Resource: string[] }[] };
    expect(restPolicy.Statement[0].Resource.map((r) => r.replace(/^.*execution_arn\}/, ''))).toEqual(['/*/POST/items', '/*/GET/items', '/*/GET/items/*', '/*/PUT/items/*', '/*/DELETE/items/*']);
  });

  it('production keeps the usage plan API key for throttling, with IAM on the same methods', () => {
    for (const m of resourcesOf(rest('production'), 'aws_api_gateway_method')) expect(m).toMatchObject({ authorization: 'AWS_IAM', api_key_required: true });
  });

  it('ENABLE_WAF turns WAF on in dev with the configured rate', () => {
    const acl = onlyResource(rest('dev', { waf: true, wafRateLimit: 500 }), 'aws_wafv2_web_acl');
    expect(JSON.stringify(acl.rule)).toContain('"limit":500');
  });
});

describe('event pipeline posture', () => {
  it('a custom domain disables the default execute-api endpoint, and the outputs point at the domain', () => {
    const json = pipeline('dev', { customDomainName: 'events.example.com', hostedZoneId: 'Z123456ABCDEFG' });
    expect(onlyResource(json, 'aws_api_gateway_rest_api').disable_execute_api_endpoint).toBe(true);
    expect(json.output?.eventPipelineEventPostUrl.value).toBe('https://events.example.com/events');
    expect(onlyResource(pipeline('dev'), 'aws_api_gateway_rest_api')).not.toHaveProperty('disable_execute_api_endpoint');
  });
});

describe('config errors', () => {
  it('CORS_ORIGINS: production refuses * and http origins, naming the variable and the fix', () => {
    for (const origin of ['*', 'http://app.example.com']) {
      expect(() => config('production', { corsOrigins: [origin] })).toThrow(/CORS_ORIGINS.*not allowed in profile production.*https/s);
    }
    expect(() => config('production', { corsOrigins: ['https://app.example.com'] })).not.toThrow();
    expect(() => config('dev', { corsOrigins: ['http://localhost:3000'] })).not.toThrow();
  });

  it('API_ALLOWED_PRINCIPALS: anything but an account, IAM ARN, organization or OU path is refused', () => {
    for (const bad of ['*', '12345', 'arn:aws:iam::123456789012:group/x', 'everyone']) {
      expect(() => config('dev', { allowedPrincipals: [bad] })).toThrow(/API_ALLOWED_PRINCIPALS/);
    }
  });
});
