import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { RestApiFront } from '../api/rest-api-front';
import type { DataTable } from '../data-table';
import type { NodejsFunction } from '../nodejs-function';
import type { SecureQueue } from '../secure-queue';
import type { MetricRef } from './metric';
import type { AlarmSpec, Monitor } from './monitor';

/** The alarms of one function; a kind left out gets no alarm. */
export interface FunctionAlarms {
  /** Errors in percent of invocations. @default no alarm */
  readonly errorRatePercent?: AlarmSpec;
  /** p99 duration as a fraction of the function's timeout (0.8: alarm at 80% of it). @default no alarm */
  readonly p99DurationOfTimeout?: AlarmSpec;
  /** Throttled attempts in percent of all attempts (reserved or account concurrency exhausted). @default no alarm */
  readonly throttleRatePercent?: AlarmSpec;
}

/** Creates the alarm of each kind the caller specified, in the order the kinds are listed. */
function alarmsOf<K extends string>(specs: Partial<Record<K, AlarmSpec>>, kinds: Record<K, (spec: AlarmSpec) => CloudwatchMetricAlarm>): CloudwatchMetricAlarm[] {
  return (Object.keys(kinds) as K[]).flatMap((kind) => {
    const spec = specs[kind];
    return spec ? [kinds[kind](spec)] : [];
  });
}

/** Error rate, p99 duration and throttle rate of one Lambda function, each the same expression in every stack. */
export function monitorFunction(monitor: Monitor, fn: NodejsFunction, alarms: FunctionAlarms): CloudwatchMetricAlarm[] {
  const subject = fn.functionName;
  const invocations = { id: 'invocations', metric: fn.metricInvocations() };
  return alarmsOf<keyof FunctionAlarms>(alarms, {
    errorRatePercent: (spec) => monitor.percentOf(spec, subject, { id: 'errors', metric: fn.metricErrors() }, invocations, 'Error rate (%)', (t) => `errors above ${t}% of invocations`),
    // The threshold is stated as a fraction of the timeout and alarmed on in milliseconds.
    p99DurationOfTimeout: (spec) =>
      monitor.statistic({ ...spec, threshold: spec.threshold * fn.timeoutSeconds * 1000 }, subject, { id: 'p99', metric: fn.metricDuration('p99') }, 'Duration p99 (ms)', (t) => `p99 duration above ${t} ms (timeout ${fn.timeoutSeconds}s)`),
    throttleRatePercent: (spec) =>
      monitor.percentOfAttempts(spec, subject, { id: 'throttles', metric: fn.metricThrottles() }, invocations, 'Throttle rate (%)', (t) => `throttles above ${t}% of invocation attempts`),
  });
}

/** The alarms of one REST API stage; a kind left out gets no alarm. */
export interface RestApiAlarms {
  /** 4XX responses in percent of requests (a broken client or an attack). @default no alarm */
  readonly clientErrorRatePercent?: AlarmSpec;
  /** 5XX responses in percent of requests. @default no alarm */
  readonly serverErrorRatePercent?: AlarmSpec;
}

/** 4XX and 5XX responses of the front's stage, in percent of its requests (call after `front.deploy()`). */
export function monitorRestApi(monitor: Monitor, front: RestApiFront, alarms: RestApiAlarms): CloudwatchMetricAlarm[] {
  const requests = { id: 'requests', metric: front.metricRequests() };
  const rate = (spec: AlarmSpec, metric: MetricRef, kind: string) =>
    monitor.percentOf(spec, front.apiName, { id: 'errors', metric }, requests, `${metric.metricName} rate (%)`, (t) => `${kind} responses above ${t}% of requests`);
  return alarmsOf<keyof RestApiAlarms>(alarms, {
    clientErrorRatePercent: (spec) => rate(spec, front.metricClientErrors(), '4XX'),
    serverErrorRatePercent: (spec) => rate(spec, front.metricServerErrors(), '5XX'),
  });
}

/** The alarms of a queue and its dead-letter queue; a kind left out gets no alarm. */
export interface QueueAlarms {
  /** Messages visible in the DLQ (0: any message is a lost unit of work until someone acts). @default no alarm */
  readonly dlqMessages?: AlarmSpec;
  /** Age of the oldest message in the main queue, seconds (the consumer is falling behind). @default no alarm */
  readonly oldestMessageAgeSeconds?: AlarmSpec;
}

/** Depth of the DLQ and age of the oldest message of a SecureQueue. */
export function monitorQueueWithDlq(monitor: Monitor, queue: SecureQueue, alarms: QueueAlarms): CloudwatchMetricAlarm[] {
  return alarmsOf<keyof QueueAlarms>(alarms, {
    dlqMessages: (spec) => monitorQueueDepth(monitor, queue.dlqName, queue.metricVisibleMessages('dlq'), spec),
    oldestMessageAgeSeconds: (spec) => monitor.metric(spec, queue.queueName, queue.metricOldestMessageAge(), (t) => `oldest message older than ${t} seconds`),
  });
}

/** Messages visible in one queue (a dead-letter queue: anything there waits for someone). */
export function monitorQueueDepth(monitor: Monitor, queueName: string, visibleMessages: MetricRef, spec: AlarmSpec): CloudwatchMetricAlarm {
  return monitor.metric(spec, queueName, visibleMessages, (t) => `more than ${t} messages visible`);
}

/** Read + write throttle events of one table per period (an on-demand table should see none). */
export function monitorTable(monitor: Monitor, table: DataTable, throttleEvents: AlarmSpec): CloudwatchMetricAlarm {
  return monitor.sum(
    throttleEvents,
    table.tableName,
    [
      { id: 'reads', metric: table.metricReadThrottles() },
      { id: 'writes', metric: table.metricWriteThrottles() },
    ],
    'throttles',
    'Throttle events',
    (t) => `more than ${t} read + write throttle events per ${(throttleEvents.period ?? 300) / 60} minutes`,
  );
}
