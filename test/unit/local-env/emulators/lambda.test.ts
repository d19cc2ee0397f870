import { Faults } from '../../../../packages/local-env/src/faults';
import { lambda, lambdaAlias, lambdaFunction, lambdaLayerVersion, lambdaPermission } from '../../../../packages/local-env/src/lambda/emulator';
import { AT, resource, text } from './support';

describe('Lambda emulators', () => {
  it('provisions functions (invoke ARN for API Gateway), aliases on the one local version, layers and permissions', () => {
    expect(lambda.types).toEqual([lambdaFunction, lambdaAlias, lambdaLayerVersion, lambdaPermission]);
    const fn = lambdaFunction.attributes(resource('aws_lambda_function', 'f', { function_name: 'orders-create' }), AT, text);
    expect(fn).toMatchObject({ arn: 'arn:aws:lambda:eu-west-1:000000000000:function:orders-create', invoke_arn: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:000000000000:function:orders-create/invocations', version: '$LATEST' });
    expect(lambdaAlias.attributes(resource('aws_lambda_alias', 'a', { function_name: 'orders-create', name: 'live' }), AT, text)).toMatchObject({ arn: 'arn:aws:lambda:eu-west-1:000000000000:function:orders-create:live', function_version: '$LATEST' });
    expect(lambdaLayerVersion.attributes(resource('aws_lambda_layer_version', 'l', { layer_name: 'deps' }), AT, text)).toMatchObject({ arn: 'arn:aws:lambda:eu-west-1:000000000000:layer:deps:1' });
  });

  // Whether API Gateway may invoke a function is decided by the access simulator per request
  // (test/unit/access/runtime-invocation.test.ts, and the enforced payment flow), not by this emulator.

  it('function faults name a function that is not running', () => {
    expect(() => new Faults(new Map()).kill('nope')).toThrow(/faults: function nope is not running locally/);
  });
});
