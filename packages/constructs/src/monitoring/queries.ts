import type { CloudwatchMetricAlarmMetricQuery } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { apiGatewayMetric, lambdaMetric, metricQuery, type NamedMetric } from './metric';

/**
 * `part` in percent of `total`, where `part` is counted within `total` (errors among invocations, 5XX
 * among requests). MAX keeps the rate at or below 100% when a period's counts arrive unevenly.
 */
export function percentOfQueries(part: NamedMetric, total: NamedMetric, label: string, period: number): CloudwatchMetricAlarmMetricQuery[] {
  return [metricQuery(part, period), metricQuery(total, period), { id: 'rate', expression: `100 * ${part.id} / MAX([${part.id}, ${total.id}])`, label, returnData: true }];
}

/**
 * `part` in percent of all attempts, where `part` is NOT counted in `total`: a throttled attempt is not
 * an invocation, so the denominator adds the throttles back.
 */
export function percentOfAttemptsQueries(part: NamedMetric, total: NamedMetric, label: string, period: number): CloudwatchMetricAlarmMetricQuery[] {
  return [metricQuery(part, period), metricQuery(total, period), { id: 'rate', expression: `100 * ${part.id} / (${part.id} + ${total.id})`, label, returnData: true }];
}

/** The sum of several metrics (e.g. read + write throttle events), returned under `id`. */
export function sumQueries(parts: readonly NamedMetric[], id: string, label: string, period: number): CloudwatchMetricAlarmMetricQuery[] {
  return [...parts.map((p) => metricQuery(p, period)), { id, expression: parts.map((p) => p.id).join(' + '), label, returnData: true }];
}

/**
 * Lambda error rate in percent (errors / invocations), the usual shape of a Lambda error alarm:
 * one failure in three requests matters, one in a million does not.
 */
export function lambdaErrorRateQueries(functionName: string, period = 300): CloudwatchMetricAlarmMetricQuery[] {
  return percentOfQueries(
    { id: 'errors', metric: lambdaMetric(functionName, 'Errors') },
    { id: 'invocations', metric: lambdaMetric(functionName, 'Invocations') },
    'Error rate (%)',
    period,
  );
}

/**
 * API Gateway 4XX or 5XX responses in percent of requests for one stage: a few errors in heavy traffic
 * are not an incident, the same few in light traffic are.
 */
export function apiErrorRateQueries(apiName: string, stageName: string, metricName: '4XXError' | '5XXError', period = 300): CloudwatchMetricAlarmMetricQuery[] {
  return percentOfQueries(
    { id: 'errors', metric: apiGatewayMetric(apiName, stageName, metricName) },
    { id: 'requests', metric: apiGatewayMetric(apiName, stageName, 'Count') },
    `${metricName} rate (%)`,
    period,
  );
}
