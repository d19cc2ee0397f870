import { Testing } from 'cdktf';
import { AlarmTopic, BaseStack, DataTable, EncryptionKey, NodejsFunction, RestApiFront, SecureQueue, expressionAlarm, lambdaErrorRateQueries, metricAlarm, type HttpMethod } from '@tap/constructs';
import type { EnvironmentConfig } from '@tap/config';
import { onlyResource, resourcesOf, synthJson, testConfig, stageMethodSettings } from '../../helpers/synth';
import { HELLO_BUNDLE } from '../../fixtures/lambdas/hello/bundle';


function apiStack(config: EnvironmentConfig, routes: { path: string; method: HttpMethod }[]) {
  const stack = new BaseStack(Testing.app(), 'shared', { config });
  const key = new EncryptionKey(stack, 'key', { name: 'shared-key', description: 'shared', services: ['logs', 'sns', 'cloudwatch'] });
  const fn = new NodejsFunction(stack, 'fn', { name: 'hello', code: HELLO_BUNDLE, environmentKeyArn: key.arn });
  const front = new RestApiFront(stack, 'front', { name: 'orders-api', description: 'orders', logKeyArn: key.arn });
  for (const r of routes) front.route({ ...r, fn });
  front.deploy();
  return { stack, key, fn, front };
}

describe('RestApiFront', () => {
  const config = testConfig({ suffix: 'synth-4f2a' });
  const json = synthJson(apiStack(config, [{ path: '/orders', method: 'POST' }, { path: '/orders/{id}', method: 'GET' }]).stack);

  it('builds the resource tree once per path segment', () => {
    expect(resourcesOf(json, 'aws_api_gateway_resource').map((r) => r.path_part).sort()).toEqual(['orders', '{id}']);
  });

  it('integrations and permissions target the live alias, so moving the alias rolls the API back', () => {
    for (const integration of resourcesOf(json, 'aws_api_gateway_integration')) expect(integration.uri).toMatch(/^\$\{aws_lambda_alias\..+\.invoke_arn\}$/);
    for (const permission of resourcesOf(json, 'aws_lambda_permission')) expect(permission.qualifier).toMatch(/^\$\{aws_lambda_alias\..+\.name\}$/);
  });

  it('scopes each Lambda permission to its method and path', () => {
    const arns = resourcesOf(json, 'aws_lambda_permission').map((p) => String(p.source_arn));
    expect(arns).toEqual(expect.arrayContaining([expect.stringMatching(/\/\*\/POST\/orders$/), expect.stringMatching(/\/\*\/GET\/orders\/\*$/)]));
  });

  it('stage: name from config (never a literal prod), X-Ray, JSON access logs, Name tag <api>-<suffix>', () => {
    const stage = onlyResource(json, 'aws_api_gateway_stage');
    expect(stage).toMatchObject({ stage_name: config.api.stageName, xray_tracing_enabled: true, tags: { Name: 'orders-api-synth-4f2a' } });
    expect(JSON.parse(String((stage.access_log_settings as { format: string }).format))).toHaveProperty('requestId');
  });

  it('PIPE-06, PIPE-14: throttling and metrics live in method settings on */*', () => {
    expect(stageMethodSettings(json)).toMatchObject({
      method_path: '*/*',
      settings: { metrics_enabled: true, data_trace_enabled: false, throttling_rate_limit: config.api.throttleRateLimit, throttling_burst_limit: config.api.throttleBurstLimit },
    });
  });

  it('deployment is created before the old one is destroyed, after every method and integration', () => {
    const deployment = onlyResource(json, 'aws_api_gateway_deployment');
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    expect((deployment.depends_on as string[]).filter((d) => d.startsWith('aws_api_gateway_method.')).length).toBe(2);
    expect((deployment.depends_on as string[]).filter((d) => d.startsWith('aws_api_gateway_integration.')).length).toBe(2);
  });

  it('redeploys when a route changes, not otherwise', () => {
    const trigger = (routes: { path: string; method: HttpMethod }[]) =>
      (onlyResource(synthJson(apiStack(config, routes).stack), 'aws_api_gateway_deployment').triggers as { redeployment: string }).redeployment;
    const base = trigger([{ path: '/orders', method: 'POST' }]);
    expect(trigger([{ path: '/orders', method: 'POST' }])).toBe(base);
    expect(trigger([{ path: '/orders', method: 'PUT' }])).not.toBe(base);
  });
});

describe('alarms', () => {
  function alarmJson(profile: 'dev' | 'production', email?: string) {
    const stack = new BaseStack(Testing.app(), 'alarms', { config: testConfig({ profile, alertEmail: email }) });
    const key = new EncryptionKey(stack, 'key', { name: 'alarm-key', description: 'alarms', services: ['sns', 'cloudwatch'] });
    const topic = new AlarmTopic(stack, 'topic', { name: 'alarms', kmsKeyArn: key.arn });
    metricAlarm(stack, 'throttles', { name: 'fn-throttles', description: 'Throttled.', runbook: 'example-throttles', threshold: 4, namespace: 'AWS/Lambda', metricName: 'Throttles', dimensions: { FunctionName: 'fn' }, topic });
    expressionAlarm(stack, 'errors', { name: 'fn-errors', description: 'Errors.', runbook: 'example-errors', threshold: 5, metricQueries: lambdaErrorRateQueries('fn'), topic });
    return synthJson(stack);
  }

  it('FND-11: thresholds scale with the profile multiplier', () => {
    const dev = resourcesOf(alarmJson('dev'), 'aws_cloudwatch_metric_alarm').map((a) => a.threshold).sort();
    const prod = resourcesOf(alarmJson('production'), 'aws_cloudwatch_metric_alarm').map((a) => a.threshold).sort();
    expect(dev).toEqual([4, 5]);
    expect(prod).toEqual([3, 3.75]);
  });

  it('every alarm notifies the topic and links its runbook', () => {
    for (const alarm of resourcesOf(alarmJson('dev'), 'aws_cloudwatch_metric_alarm')) {
      expect(alarm.alarm_description).toMatch(/Runbook: docs\/runbooks\/example-[a-z]+\.md$/);
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\./)]);
    }
  });

  it('error alarms are rates (errors / invocations), not absolute counts (PAY-06)', () => {
    const errors = resourcesOf(alarmJson('dev'), 'aws_cloudwatch_metric_alarm').find((a) => a.metric_query);
    expect(JSON.stringify(errors?.metric_query)).toContain('100 * errors / MAX([errors, invocations])');
  });

  it('PAY-09: the email comes from config, and no email means no subscription', () => {
    expect(resourcesOf(alarmJson('dev'), 'aws_sns_topic_subscription')).toHaveLength(0);
    expect(onlyResource(alarmJson('dev', 'oncall@example.org'), 'aws_sns_topic_subscription')).toMatchObject({ protocol: 'email', endpoint: 'oncall@example.org' });
  });

  it('the topic is KMS-encrypted and TLS-only', () => {
    const json = alarmJson('dev');
    expect(onlyResource(json, 'aws_sns_topic').kms_master_key_id).toBeDefined();
    expect(String(onlyResource(json, 'aws_sns_topic_policy').policy)).toContain('aws:SecureTransport');
  });
});

describe('DataTable and SecureQueue', () => {
  function dataJson(config: EnvironmentConfig) {
    const stack = new BaseStack(Testing.app(), 'data', { config });
    const key = new EncryptionKey(stack, 'key', { name: 'data-key', description: 'data' });
    new DataTable(stack, 'table', { name: 'orders', hashKey: 'pk', attributes: [{ name: 'pk', type: 'S' }, { name: 'gsi', type: 'S' }], globalSecondaryIndexes: [{ name: 'by-gsi', hashKey: 'gsi', projectionType: 'ALL' }], kmsKeyArn: key.arn });
    new SecureQueue(stack, 'queue', { name: 'orders', kmsKeyArn: key.arn, consumerTimeoutSeconds: 30, maxReceiveCount: 4 });
    return synthJson(stack);
  }

  it('REST-01: server-side encryption is an object with the KMS key', () => {
    const table = onlyResource(dataJson(testConfig()), 'aws_dynamodb_table');
    expect(table.server_side_encryption).toEqual({ enabled: true, kms_key_arn: expect.stringMatching(/^\$\{aws_kms_key\./) });
  });

  it('PITR and deletion protection follow the profile', () => {
    expect(onlyResource(dataJson(testConfig({ profile: 'dev' })), 'aws_dynamodb_table')).toMatchObject({ point_in_time_recovery: { enabled: false }, deletion_protection_enabled: false });
    expect(onlyResource(dataJson(testConfig({ profile: 'production' })), 'aws_dynamodb_table')).toMatchObject({ point_in_time_recovery: { enabled: true }, deletion_protection_enabled: true });
  });

  it('FND-04: PROVISIONED capacities apply to the table and its indexes', () => {
    const table = onlyResource(dataJson(testConfig({ overrides: { dynamodb: { billingMode: 'PROVISIONED', readCapacity: 5, writeCapacity: 3 } } })), 'aws_dynamodb_table');
    expect(table).toMatchObject({ billing_mode: 'PROVISIONED', read_capacity: 5, write_capacity: 3, global_secondary_index: [{ read_capacity: 5, write_capacity: 3 }] });
  });

  it('queue: KMS, DLQ after a bounded number of receives, visibility >= 6x consumer timeout, TLS-only', () => {
    const json = dataJson(testConfig({ suffix: 'pr12' }));
    const queues = resourcesOf(json, 'aws_sqs_queue');
    const main = queues.find((q) => q.name === 'orders-pr12');
    expect(main).toMatchObject({ visibility_timeout_seconds: 180 });
    expect(JSON.parse(String(main?.redrive_policy))).toMatchObject({ maxReceiveCount: 4 });
    for (const q of queues) expect(q.kms_master_key_id).toBeDefined();
    for (const p of resourcesOf(json, 'aws_sqs_queue_policy')) expect(String(p.policy)).toContain('aws:SecureTransport');
  });
});
