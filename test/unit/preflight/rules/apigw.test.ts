import { accountSingleton, apigwAccessLogs, apigwMethodValid, apigwThrottling, apigwXray, eventsPermissionPrincipal } from '@tap/preflight';
import { check, stack, title } from './helpers';

const goodStage = {
  rest_api_id: '${aws_api_gateway_rest_api.api.id}',
  stage_name: 'api',
  xray_tracing_enabled: true,
  access_log_settings: { destination_arn: '${aws_cloudwatch_log_group.access.arn}', format: '{"requestId":"$context.requestId"}' },
};
const goodSettings = {
  rest_api_id: '${aws_api_gateway_rest_api.api.id}',
  stage_name: '${aws_api_gateway_stage.stage.stage_name}',
  method_path: '*/*',
  settings: { metrics_enabled: true, logging_level: 'INFO', throttling_rate_limit: 50, throttling_burst_limit: 100 },
};
const api = (stage: Record<string, unknown>, settings?: Record<string, unknown>) =>
  stack({ resource: { aws_api_gateway_stage: { stage }, ...(settings ? { aws_api_gateway_method_settings: { settings } } : {}) } });

describe(title(apigwMethodValid), () => {
  it('compliant: GET, ANY and token methods', () => {
    const s = stack({ resource: { aws_api_gateway_method: { a: { http_method: 'GET' }, b: { http_method: 'ANY' } }, aws_api_gateway_integration: { i: { http_method: '${aws_api_gateway_method.a.http_method}', integration_http_method: 'POST' } } } });
    expect(check(apigwMethodValid, s)).toEqual([]);
  });
  it('seed 001 #2: http_method "*" is an error that points to method settings', () => {
    const [f] = check(apigwMethodValid, stack({ resource: { aws_api_gateway_method: { m: { http_method: '*' } } } }));
    expect(f.message).toMatch(/method_settings/);
    expect(check(apigwMethodValid, stack({ resource: { aws_api_gateway_method: { m: { http_method: 'get' } } } }))).toHaveLength(1);
  });
});

describe(title(apigwAccessLogs), () => {
  it('compliant: access_log_settings with destination and format', () => {
    expect(check(apigwAccessLogs, api(goodStage))).toEqual([]);
  });
  it('a stage without access logs is an error', () => {
    expect(check(apigwAccessLogs, api({ ...goodStage, access_log_settings: undefined }))).toHaveLength(1);
  });
});

describe(title(apigwXray), () => {
  it('compliant: xray_tracing_enabled = true', () => {
    expect(check(apigwXray, api(goodStage))).toEqual([]);
  });
  it('a stage without X-Ray is an error', () => {
    expect(check(apigwXray, api({ ...goodStage, xray_tracing_enabled: false }))).toHaveLength(1);
  });
});

describe(title(apigwThrottling), () => {
  it('compliant: method settings on */* with both throttling limits', () => {
    expect(check(apigwThrottling, api(goodStage, goodSettings))).toEqual([]);
  });
  it('a stage without default throttling, or throttled only on one method, is an error', () => {
    expect(check(apigwThrottling, api(goodStage))).toHaveLength(1);
    expect(check(apigwThrottling, api(goodStage, { ...goodSettings, method_path: 'items/GET' }))).toHaveLength(1);
    expect(check(apigwThrottling, api(goodStage, { ...goodSettings, settings: { metrics_enabled: true } }))).toHaveLength(1);
  });
  it('seed 003 #6: a throttle_settings block on the stage is an error', () => {
    const findings = check(apigwThrottling, api({ ...goodStage, throttle_settings: { rate_limit: 10, burst_limit: 20 } }, goodSettings));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/no throttle_settings block/);
  });
});

describe(title(accountSingleton), () => {
  const s = stack({ resource: { aws_api_gateway_account: { main: { cloudwatch_role_arn: '${aws_iam_role.r.arn}' } } } });
  it('compliant: opted in by flag or by the default tag AccountSingletons=true', () => {
    expect(check(accountSingleton, s, { allowSingletons: true })).toEqual([]);
    expect(check(accountSingleton, stack({ tags: { EnvironmentSuffix: 'dev', AccountSingletons: 'true' }, resource: { aws_api_gateway_account: { main: {} } } }))).toEqual([]);
  });
  it('seed 003 #9: aws_api_gateway_account without opt-in is an error', () => {
    expect(check(accountSingleton, s)).toMatchObject([{ address: 'aws_api_gateway_account.main' }]);
  });
});

describe(title(eventsPermissionPrincipal), () => {
  it('compliant: the account id from the caller identity', () => {
    expect(check(eventsPermissionPrincipal, stack({ resource: { aws_cloudwatch_event_permission: { p: { principal: '${data.aws_caller_identity.current.account_id}' } } } }))).toEqual([]);
  });
  it('seed 003 #10: a role ARN as principal is an error', () => {
    expect(check(eventsPermissionPrincipal, stack({ resource: { aws_cloudwatch_event_permission: { p: { principal: '${aws_iam_role.lambda.arn}' } } } }))).toHaveLength(1);
  });
});
