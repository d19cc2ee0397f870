import { apigw, apiKeyOf, restApi, stage } from '../../../../packages/local-env/src/apigw/emulator';
import { AT, resource, text } from './support';

describe('API Gateway emulator', () => {
  it('provisions every aws_api_gateway_* type the stacks use', () => {
    expect(apigw.types.map((t) => t.type)).toEqual(expect.arrayContaining(['aws_api_gateway_rest_api', 'aws_api_gateway_method', 'aws_api_gateway_stage', 'aws_api_gateway_usage_plan_key']));
    expect(apigw.types.every((t) => t.type.startsWith('aws_api_gateway_'))).toBe(true);
  });

  it('a stage URL carries its front port (bound before the resolver); an API without a front has no URL', () => {
    const api = restApi.attributes(resource('aws_api_gateway_rest_api', 'api', { name: 'orders' }), AT, text);
    expect(api).toMatchObject({ root_resource_id: `${api?.id}-root`, execution_arn: `arn:aws:execute-api:eu-west-1:000000000000:${api?.id}` });
    const ofApi = (name: string) => resource('aws_api_gateway_stage', 'st', { rest_api_id: `\${aws_api_gateway_rest_api.${name}.id}`, stage_name: 'api' });
    expect(apiKeyOf(ofApi('api'), ofApi('api').config.rest_api_id)).toBe('s|api');
    expect(stage.attributes(ofApi('api'), AT, text)).toMatchObject({ invoke_url: 'http://127.0.0.1:4602/api' });
    expect(stage.attributes(ofApi('other'), AT, text)).toBeUndefined();
  });
});
