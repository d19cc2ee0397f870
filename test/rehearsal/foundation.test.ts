import { join } from 'node:path';
import { App } from 'cdktf';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { BaseStack, EncryptionKey, NodejsFunction } from '@tap/constructs';
import { getEnvironmentConfig } from '@tap/config';
import { rehearsalAvailability, rehearseStack, rehearseStacks, type RehearsalResult } from '@tap/rehearsal';
import { rehearsalRoot, reportSkip, TERRAFORM_TIMEOUT_MS } from './helpers';
import { HELLO_BUNDLE } from '../fixtures/lambdas/hello/bundle';

const availability = rehearsalAvailability();
const rehearse = availability.ok ? it : it.skip;
reportSkip(availability);

function addSmallStack(app: App, name: string, extra?: (stack: BaseStack) => void): void {
  const stack = new BaseStack(app, name, { config: getEnvironmentConfig({ suffix: 'rehearse' }) });
  const key = new EncryptionKey(stack, 'key', { name: `${name}-key`, description: name, services: ['logs'] });
  new NodejsFunction(stack, 'hello', { name: `${name}-hello`, code: HELLO_BUNDLE, environmentKeyArn: key.arn, logKeyArn: key.arn });
  extra?.(stack);
}

function synthSmallStack(outdir: string, extra?: (stack: BaseStack) => void): string {
  const app = new App({ outdir });
  addSmallStack(app, 'small', extra);
  app.synth();
  return join(outdir, 'stacks', 'small');
}

function starMethod(stack: BaseStack): void {
  const api = new ApiGatewayRestApi(stack, 'api', { name: `bad-api-${stack.node.id}` });
  new ApiGatewayMethod(stack, 'star', { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: '*', authorization: 'NONE' });
}

describe('deploy rehearsal on the foundation stack', () => {
  // Two stacks in one root, one of them broken: what every rehearsal of the app does, in small.
  let shared: Record<string, RehearsalResult> = {};
  beforeAll(async () => {
    if (!availability.ok) return;
    const root = rehearsalRoot('foundation-shared-root');
    const outdir = join(root, 'out');
    const app = new App({ outdir });
    addSmallStack(app, 'good');
    addSmallStack(app, 'broken', starMethod);
    app.synth();
    const results = await rehearseStacks(['good', 'broken'].map((s) => join(outdir, 'stacks', s)), join(root, 'work'), { availability, profile: 'pr' });
    shared = Object.fromEntries(results.map((r) => [r.stack, r]));
  }, TERRAFORM_TIMEOUT_MS);

  rehearse('a stack built from the base stack and the function construct validates and survives a mocked plan/apply', () => {
    expect(shared.good.message).toMatch(/validate \+ mocked plan\/apply/);
    expect(shared.good).toMatchObject({ status: 'passed', profile: 'pr' });
    // The broken stack failed validate and was taken out of the root; the good one went on to the mocked run.
    expect(shared.good.steps.map((s) => [s.name, s.ok])).toEqual([
      ['init', true],
      ['validate', false],
      ['validate', true],
      ['test', true],
    ]);
  });

  rehearse('stacks rehearsed in one root: a failure names its profile, stack and resource, and no other stack', () => {
    expect(shared.broken.status).toBe('failed');
    expect(shared.broken.message).toMatch(/^profile pr, stack broken, resource aws_api_gateway_method\.star: terraform validate failed/);
    expect(shared.broken.message).not.toMatch(/stack good/);
  });

  rehearse('REST-02: an API Gateway method with http_method "*" fails with the provider\'s own message', async () => {
    // Rehearsed alone, as `pnpm rehearse <stack>` does.
    const root = rehearsalRoot('foundation-bad-method');
    const dir = synthSmallStack(join(root, 'out'), starMethod);
    const result = await rehearseStack(dir, join(root, 'work'), availability, 'dev');
    expect(result.status).toBe('failed');
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['init', true],
      ['validate', false],
    ]);
    expect(result.message).toMatch(/expected http_method to be one of \["ANY" "DELETE" "GET" "HEAD" "OPTIONS" "PATCH" "POST" "PUT"\], got \*/);
    expect(result.message).toMatch(/^profile dev, stack small, resource aws_api_gateway_method\.star: terraform validate failed/);
  }, TERRAFORM_TIMEOUT_MS);
});
