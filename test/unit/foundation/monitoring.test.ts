/**
 * The monitoring constructs: every alarm's name, runbook link and description come from one place, the
 * description states the threshold AFTER the profile's multiplier, and an alarm kind is the same
 * expression wherever it is used.
 */
import { Testing } from 'cdktf';
import { AlarmTopic, BaseStack, DataTable, EncryptionKey, Monitor, monitorFunction, monitorQueueWithDlq, monitorRestApi, monitorTable, NodejsFunction, RestApiFront, SecureQueue } from '@tap/constructs';
import { resourcesOf, synthJson, testConfig } from '../../helpers/synth';
import { HELLO_BUNDLE } from '../../fixtures/lambdas/hello/bundle';

type Json = Record<string, unknown>;


function monitored(profile: 'dev' | 'production', deploy = true) {
  const stack = new BaseStack(Testing.app(), 'monitored', { config: testConfig({ profile, suffix: 'mon-1' }) });
  const key = new EncryptionKey(stack, 'key', { name: 'mon-key', description: 'monitoring', services: ['logs', 'sns', 'cloudwatch', 'sqs'] });
  const fn = new NodejsFunction(stack, 'fn', { name: 'hello', code: HELLO_BUNDLE, environmentKeyArn: key.arn, timeout: 60 });
  const front = new RestApiFront(stack, 'front', { name: 'orders-api', description: 'orders', logKeyArn: key.arn });
  front.route({ path: '/orders', method: 'GET', fn });
  if (deploy) front.deploy();
  const queue = new SecureQueue(stack, 'queue', { name: 'orders-queue', kmsKeyArn: key.arn });
  const table = new DataTable(stack, 'table', { name: 'orders', hashKey: 'id', attributes: [{ name: 'id', type: 'S' }], kmsKeyArn: key.arn });
  const monitor = new Monitor(stack, new AlarmTopic(stack, 'topic', { name: 'alarms', kmsKeyArn: key.arn }));
  return { stack, fn, front, queue, table, monitor };
}

function allAlarms(profile: 'dev' | 'production'): Record<string, Json> {
  const { stack, fn, front, queue, table, monitor } = monitored(profile);
  const spec = (id: string, threshold: number, extra: object = {}) => ({ id, name: id, runbook: `example-${id}`, threshold, ...extra });
  monitorFunction(monitor, fn, { errorRatePercent: spec('fn-errors', 2), p99DurationOfTimeout: spec('fn-duration', 0.5), throttleRatePercent: spec('fn-throttles', 1) });
  monitorRestApi(monitor, front, { clientErrorRatePercent: spec('api-4xx', 10), serverErrorRatePercent: spec('api-5xx', 1) });
  monitorQueueWithDlq(monitor, queue, { dlqMessages: spec('dlq', 0, { period: 60, evaluationPeriods: 1 }), oldestMessageAgeSeconds: spec('age', 300, { meaning: 'The consumer is behind.' }) });
  monitorTable(monitor, table, spec('table-throttles', 4));
  expect(monitor.alarms).toHaveLength(8);
  const json = synthJson(stack);
  return Object.fromEntries(resourcesOf(json, 'aws_cloudwatch_metric_alarm').map((a) => [String(a.alarm_name).replace('-mon-1', ''), a]));
}

const expression = (alarm: Json) => ((alarm.metric_query as Json[]).find((q) => q.return_data === true) as Json).expression;

describe('monitoring constructs', () => {
  const dev = allAlarms('dev');
  const production = allAlarms('production');

  it('the description states the threshold after the profile multiplier, how long it must hold, and the runbook', () => {
    expect(production['fn-errors'].threshold).toBe(1.5);
    expect(production['fn-errors'].alarm_description).toBe('hello-mon-1: errors above 1.5% of invocations for 10 minutes. Runbook: docs/runbooks/example-fn-errors.md');
    expect(dev['fn-errors'].alarm_description).toContain('errors above 2% of invocations');
    expect(production['api-5xx'].alarm_description).toBe('orders-api-mon-1: 5XX responses above 0.75% of requests for 10 minutes. Runbook: docs/runbooks/example-api-5xx.md');
    expect(production.dlq.alarm_description).toBe('orders-queue-dlq-mon-1: more than 0 messages visible for 1 minute. Runbook: docs/runbooks/example-dlq.md');
    expect(production.age.alarm_description).toBe('orders-queue-mon-1: oldest message older than 225 seconds for 10 minutes. The consumer is behind. Runbook: docs/runbooks/example-age.md');
    for (const alarm of Object.values(production)) {
      const stated = /above ([\d.]+)|than ([\d.]+)/.exec(String(alarm.alarm_description));
      expect(Number(stated?.[1] ?? stated?.[2])).toBe(alarm.threshold);
    }
  });

  it('each kind is one expression: percent of a total, percent of attempts, a sum of counts', () => {
    expect(expression(dev['fn-errors'])).toBe('100 * errors / MAX([errors, invocations])');
    expect(expression(dev['api-4xx'])).toBe('100 * errors / MAX([errors, requests])');
    expect(expression(dev['api-5xx'])).toBe('100 * errors / MAX([errors, requests])');
    // A throttled attempt is not an invocation: the denominator adds the throttles back.
    expect(expression(dev['fn-throttles'])).toBe('100 * throttles / (throttles + invocations)');
    expect(expression(dev['table-throttles'])).toBe('reads + writes');
  });

  it('p99 duration is stated as a fraction of the function timeout and alarmed on in milliseconds', () => {
    expect(dev['fn-duration'].threshold).toBe(30000);
    expect(dev['fn-duration'].alarm_description).toContain('p99 duration above 30000 ms (timeout 60s)');
    const query = (dev['fn-duration'].metric_query as Json[])[0] as { metric: Json };
    expect(query.metric).toMatchObject({ metric_name: 'Duration', stat: 'p99' });
  });

  it('metrics come from the constructs: queue gauges are Maximum, the API metrics name the deployed stage', () => {
    expect(dev.dlq).toMatchObject({ metric_name: 'ApproximateNumberOfMessagesVisible', statistic: 'Maximum', period: 60, evaluation_periods: 1, threshold: 0 });
    expect(dev.dlq.dimensions).toEqual({ QueueName: expect.stringMatching(/^\$\{aws_sqs_queue\.queue_dlq_.+\.name\}$/) });
    const requests = (dev['api-5xx'].metric_query as Json[]).find((q) => q.id === 'requests') as { metric: Json };
    expect(requests.metric.dimensions).toEqual({ ApiName: 'orders-api-mon-1', Stage: expect.stringMatching(/^\$\{aws_api_gateway_stage\..+\.stage_name\}$/) });
  });

  it('a REST API is monitored after deploy(): before it, the error names the construct and the fix', () => {
    const { front, monitor } = monitored('dev', false);
    expect(() => monitorRestApi(monitor, front, { serverErrorRatePercent: { id: 'x', name: 'x', runbook: 'x', threshold: 1 } })).toThrow(
      /^RestApiFront orders-api-mon-1: the stage is read before deploy\(\)\. Fix: call deploy\(\)/,
    );
  });
});
