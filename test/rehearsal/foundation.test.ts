import { join } from 'node:path';
import { App } from 'cdktf';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { BaseStack, EncryptionKey, NodejsFunction } from '@tap/constructs';
import { getEnvironmentConfig } from '@tap/config';
import { rehearsalAvailability, rehearseStack } from '@tap/rehearsal';
import { rehearsalRoot, reportSkip } from './helpers';

const availability = rehearsalAvailability();
const rehearse = availability.ok ? it : it.skip;
reportSkip(availability);

function synthSmallStack(outdir: string, extra?: (stack: BaseStack) => void): string {
  const app = new App({ outdir });
  const stack = new BaseStack(app, 'small', { config: getEnvironmentConfig({ suffix: 'rehearse' }) });
  const key = new EncryptionKey(stack, 'key', { name: 'small-key', description: 'small', services: ['logs'] });
  new NodejsFunction(stack, 'hello', { name: 'hello', entry: join(__dirname, '../fixtures/lambdas/hello/handler.ts'), environmentKeyArn: key.arn, logKeyArn: key.arn });
  extra?.(stack);
  app.synth();
  return join(outdir, 'stacks', 'small');
}

describe('deploy rehearsal on the foundation stack', () => {
  rehearse('a stack built from the base stack and the function construct validates and survives a mocked plan/apply', () => {
    const root = rehearsalRoot('foundation-ok');
    const result = rehearseStack(synthSmallStack(join(root, 'out')), join(root, 'work'), availability);
    expect(result.message).toMatch(/validate \+ mocked plan\/apply/);
    expect(result.status).toBe('passed');
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['init', true],
      ['validate', true],
      ['test', true],
    ]);
  });

  rehearse('seed 001 #2: an API Gateway method with http_method "*" fails with the provider\'s own message', () => {
    const root = rehearsalRoot('foundation-bad-method');
    const dir = synthSmallStack(join(root, 'out'), (stack) => {
      const api = new ApiGatewayRestApi(stack, 'api', { name: 'bad-api-rehearse' });
      new ApiGatewayMethod(stack, 'star', { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: '*', authorization: 'NONE' });
    });
    const result = rehearseStack(dir, join(root, 'work'), availability);
    expect(result.status).toBe('failed');
    expect(result.steps.find((s) => s.name === 'validate')?.ok).toBe(false);
    expect(result.message).toMatch(/expected http_method to be one of \["ANY" "DELETE" "GET" "HEAD" "OPTIONS" "PATCH" "POST" "PUT"\], got \*/);
  });
});
