import { accountSingleton, apigwAccessLogs, apigwMethodValid, apigwThrottleCapacity, apigwThrottling, apigwXray, eventsPermissionPrincipal } from '@tap/preflight';
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
  it('REST-02: http_method "*" is an error that points to method settings', () => {
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
  it('PIPE-06: a throttle_settings block on the stage is an error', () => {
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
  it('PIPE-09: aws_api_gateway_account without opt-in is an error', () => {
    expect(check(accountSingleton, s)).toMatchObject([{ address: 'aws_api_gateway_account.main' }]);
  });
});

describe(title(eventsPermissionPrincipal), () => {
  it('compliant: the account id from the caller identity', () => {
    expect(check(eventsPermissionPrincipal, stack({ resource: { aws_cloudwatch_event_permission: { p: { principal: '${data.aws_caller_identity.current.account_id}' } } } }))).toEqual([]);
  });
  it('PIPE-10: a role ARN as principal is an error', () => {
    expect(check(eventsPermissionPrincipal, stack({ resource: { aws_cloudwatch_event_permission: { p: { principal: '${aws_iam_role.lambda.arn}' } } } }))).toHaveLength(1);
  });
});

/** One API with `methods` Lambda routes to a function reserving `reserved`, each throttled by its own setting. */
function reservedApi(reserved: number, burst: number, methods: readonly string[], own = true) {
  const method: Record<string, Record<string, unknown>> = {};
  const integration: Record<string, Record<string, unknown>> = {};
  const settings: Record<string, Record<string, unknown>> = { all: { ...goodSettings } };
  for (const m of methods) {
    method[m] = { http_method: m, resource_id: '${aws_api_gateway_resource.items.id}' };
    integration[m] = { type: 'AWS_PROXY', http_method: `\${aws_api_gateway_method.${m}.http_method}`, uri: '${aws_lambda_alias.live.invoke_arn}' };
    if (own) settings[m] = { ...goodSettings, method_path: `items/${m}`, settings: { throttling_rate_limit: 1, throttling_burst_limit: burst } };
  }
  return stack({
    resource: {
      aws_lambda_function: { fn: { function_name: 'items-test', reserved_concurrent_executions: reserved } },
      aws_lambda_alias: { live: { function_name: '${aws_lambda_function.fn.function_name}' } },
      aws_api_gateway_resource: { items: { parent_id: '${aws_api_gateway_rest_api.api.root_resource_id}', path_part: 'items' } },
      aws_api_gateway_method: method,
      aws_api_gateway_integration: integration,
      aws_api_gateway_method_settings: settings,
    },
  });
}

describe(title(apigwThrottleCapacity), () => {
  it('compliant: the methods in front of a reserved function burst to no more than the reservation', () => {
    expect(check(apigwThrottleCapacity, reservedApi(10, 5, ['GET', 'POST']))).toEqual([]);
  });
  it('bursts adding up over the reservation (a 500 from a throttled Lambda) are an error naming the methods', () => {
    const [f] = check(apigwThrottleCapacity, reservedApi(10, 6, ['GET', 'POST']));
    expect(f.message).toMatch(/burst of 12 at once \(items\/GET \(burst 6\), items\/POST \(burst 6\)\) to a function with 10 reserved executions/);
  });
  it('a method without its own setting counts the stage default', () => {
    // goodSettings on */* bursts to 100.
    expect(check(apigwThrottleCapacity, reservedApi(100, 1, ['GET'], false))).toEqual([]);
    const [f] = check(apigwThrottleCapacity, reservedApi(40, 1, ['GET'], false));
    expect(f.message).toMatch(/burst of 100 at once \(items\/GET \(burst 100\)\)/);
  });
});
