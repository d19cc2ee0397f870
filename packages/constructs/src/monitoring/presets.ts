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

/** Error rate, p99 duration and throttle rate of one Lambda function, each the same expression in every stack. */
export function monitorFunction(monitor: Monitor, fn: NodejsFunction, alarms: FunctionAlarms): CloudwatchMetricAlarm[] {
  const created: CloudwatchMetricAlarm[] = [];
  const subject = fn.functionName;
  if (alarms.errorRatePercent) {
    created.push(
      monitor.percentOf(alarms.errorRatePercent, subject, { id: 'errors', metric: fn.metricErrors() }, { id: 'invocations', metric: fn.metricInvocations() }, 'Error rate (%)', (t) => `errors above ${t}% of invocations`),
    );
  }
  if (alarms.p99DurationOfTimeout) {
    const spec = alarms.p99DurationOfTimeout;
    // The threshold is stated as a fraction of the timeout and alarmed on in milliseconds.
    const ms = { ...spec, threshold: spec.threshold * fn.timeoutSeconds * 1000 };
    created.push(monitor.statistic(ms, subject, { id: 'p99', metric: fn.metricDuration('p99') }, 'Duration p99 (ms)', (t) => `p99 duration above ${t} ms (timeout ${fn.timeoutSeconds}s)`));
  }
  if (alarms.throttleRatePercent) {
    created.push(
      monitor.percentOfAttempts(
        alarms.throttleRatePercent,
        subject,
        { id: 'throttles', metric: fn.metricThrottles() },
        { id: 'invocations', metric: fn.metricInvocations() },
        'Throttle rate (%)',
        (t) => `throttles above ${t}% of invocation attempts`,
      ),
    );
  }
  return created;
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
  const created: CloudwatchMetricAlarm[] = [];
  const requests = { id: 'requests', metric: front.metricRequests() };
  for (const [spec, metric, kind] of [
    [alarms.clientErrorRatePercent, front.metricClientErrors(), '4XX'],
    [alarms.serverErrorRatePercent, front.metricServerErrors(), '5XX'],
  ] as const) {
    if (!spec) continue;
    created.push(monitor.percentOf(spec, front.apiName, { id: 'errors', metric }, requests, `${metric.metricName} rate (%)`, (t) => `${kind} responses above ${t}% of requests`));
  }
  return created;
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
  const created: CloudwatchMetricAlarm[] = [];
  if (alarms.dlqMessages) created.push(monitorQueueDepth(monitor, queue.dlqName, queue.metricVisibleMessages('dlq'), alarms.dlqMessages));
  if (alarms.oldestMessageAgeSeconds) {
    created.push(monitor.metric(alarms.oldestMessageAgeSeconds, queue.queueName, queue.metricOldestMessageAge(), (t) => `oldest message older than ${t} seconds`));
  }
  return created;
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
