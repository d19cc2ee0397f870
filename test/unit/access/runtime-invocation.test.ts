import { RuntimeAuthorizer } from '@tap/access';
import { SHARED_SUFFIX } from '../../helpers/shared-synth';
import { clone, resource, synthApp } from './synth';

// API Gateway → Lambda at run time: the local environment asks the simulator for each request's
// invocation (integration or authorizer), with the source ARN AWS would send for that request.
jest.setTimeout(120_000);

const dev = synthApp({ suffix: SHARED_SUFFIX, profile: 'dev' });
// The local environment names functions by their synthesized names; only name and qualifier are read.
const invokeArn = (fn: string, qualifier = 'live') =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${fn}:${qualifier}/invocations`;
const create = { api: `payment-api-${SHARED_SUFFIX}`, invokeArn: invokeArn(`payment-api-create-${SHARED_SUFFIX}`), stage: 'api', method: 'POST', path: '/payments' };

describe('RuntimeAuthorizer.invocation (API Gateway invoking functions at run time)', () => {
  const authorizer = new RuntimeAuthorizer(dev.stacks);

  it('allows each integration on the alias it calls, for its stage, method and resource path', async () => {
    expect((await authorizer.invocation(create)).decision).toBe('ALLOW');
    const get = await authorizer.invocation({ ...create, invokeArn: invokeArn(`payment-api-status-${SHARED_SUFFIX}`), method: 'GET', path: '/payments/{id}' });
    expect(get.decision).toBe('ALLOW');
    expect(get.reason).toMatch(/allowed by .*AllowApiGatewayGET_payments/);
  });

  it('denies a method the permission does not name (GET of the create function)', async () => {
    const verdict = await authorizer.invocation({ ...create, method: 'GET' });
    expect(verdict.decision).toBe('DENY');
    expect(verdict.reason).toMatch(new RegExp(`lambda:InvokeFunction on .*payment-api-create-${SHARED_SUFFIX}:live from .*/api/GET/payments`));
  });

  it('denies an invocation of the function itself when the permission is on the alias', async () => {
    const verdict = await authorizer.invocation({ ...create, invokeArn: invokeArn(`payment-api-create-${SHARED_SUFFIX}`).replace(':live/', '/') });
    expect(verdict.decision).toBe('DENY');
  });

  it('allows the token authorizer from its own authorizer source ARN, and denies it once its permission is gone', async () => {
    const call = { api: `events-api-${SHARED_SUFFIX}`, invokeArn: invokeArn(`events-auth-fn-${SHARED_SUFFIX}`), authorizer: `events-token-auth-${SHARED_SUFFIX}` };
    expect((await authorizer.invocation(call)).decision).toBe('ALLOW');
    const stacks = clone(dev);
    const permission = resource(stacks, 'event-pipeline', 'aws_lambda_permission', 'authorizer-permission');
    permission.source_arn = String(permission.source_arn).replace('/authorizers/', '/authorisers/');
    const broken = await new RuntimeAuthorizer(stacks).invocation(call);
    expect(broken.decision).toBe('DENY');
    expect(broken.reason).toMatch(/\/authorizers\//);
  });

  it('is UNKNOWN for an API or function the synth does not create (never a silent allow)', async () => {
    expect((await authorizer.invocation({ ...create, api: 'someone-elses-api' })).decision).toBe('UNKNOWN');
    expect((await authorizer.invocation({ ...create, invokeArn: invokeArn('not-in-this-app') })).decision).toBe('UNKNOWN');
  });
});
