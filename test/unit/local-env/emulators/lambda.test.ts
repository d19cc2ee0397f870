import { Faults } from '../../../../packages/local-env/src/faults';
import { lambda, lambdaAlias, lambdaFunction, lambdaLayerVersion, lambdaPermission } from '../../../../packages/local-env/src/lambda/emulator';
import { lambdaPermitted } from '../../../../packages/local-env/src/lambda/permissions';
import { Resolver } from '../../../../packages/local-env/src/refs';
import type { SynthStack } from '../../../../packages/local-env/src/terraform';
import { AT, resource, text } from './support';

describe('Lambda emulators', () => {
  it('provisions functions (invoke ARN for API Gateway), aliases on the one local version, layers and permissions', () => {
    expect(lambda.types).toEqual([lambdaFunction, lambdaAlias, lambdaLayerVersion, lambdaPermission]);
    const fn = lambdaFunction.attributes(resource('aws_lambda_function', 'f', { function_name: 'orders-create' }), AT, text);
    expect(fn).toMatchObject({ arn: 'arn:aws:lambda:eu-west-1:000000000000:function:orders-create', invoke_arn: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:000000000000:function:orders-create/invocations', version: '$LATEST' });
    expect(lambdaAlias.attributes(resource('aws_lambda_alias', 'a', { function_name: 'orders-create', name: 'live' }), AT, text)).toMatchObject({ arn: 'arn:aws:lambda:eu-west-1:000000000000:function:orders-create:live', function_version: '$LATEST' });
    expect(lambdaLayerVersion.attributes(resource('aws_lambda_layer_version', 'l', { layer_name: 'deps' }), AT, text)).toMatchObject({ arn: 'arn:aws:lambda:eu-west-1:000000000000:layer:deps:1' });
  });

  it('API Gateway may invoke a function only through an aws_lambda_permission whose source ARN matches', () => {
    const stacks: SynthStack[] = [{ id: 's', dir: '/x', json: { resource: { aws_lambda_permission: { p: { principal: 'apigateway.amazonaws.com', function_name: 'orders-create', source_arn: 'arn:aws:execute-api:eu-west-1:000000000000:abc/*/POST/orders' } } } } }];
    const res = new Resolver(stacks, { region: 'eu-west-1', accountId: '000000000000', attributes: () => undefined, ephemeral: () => undefined });
    const invokeArn = 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:000000000000:function:orders-create/invocations';
    expect(lambdaPermitted(stacks, res, invokeArn, 'arn:aws:execute-api:eu-west-1:000000000000:abc/api/POST/orders')).toBe(true);
    expect(lambdaPermitted(stacks, res, invokeArn, 'arn:aws:execute-api:eu-west-1:000000000000:abc/api/GET/orders')).toBe(false);
  });

  it('function faults name a function that is not running', () => {
    expect(() => new Faults(new Map()).kill('nope')).toThrow(/faults: function nope is not running locally/);
  });
});
