import type { CloudwatchMetricAlarmMetricQuery } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';

/** One CloudWatch metric, the way an alarm query names it (the constructs' `metric*()` methods return these). */
export interface MetricRef {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /** Statistic. @default 'Sum' */
  readonly stat?: string;
}

/** A metric with the query id the alarm's expression refers to it by (lower-case, e.g. `errors`). */
export interface NamedMetric {
  readonly id: string;
  readonly metric: MetricRef;
}

/** A Lambda metric of one function (all versions and aliases). */
export function lambdaMetric(functionName: string, metricName: string, stat = 'Sum'): MetricRef {
  return { namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: functionName }, stat };
}

/** An API Gateway metric of one stage of one REST API. */
export function apiGatewayMetric(apiName: string, stageName: string, metricName: string): MetricRef {
  return { namespace: 'AWS/ApiGateway', metricName, dimensions: { ApiName: apiName, Stage: stageName }, stat: 'Sum' };
}

/** An SQS gauge of one queue (`Maximum`: the worst moment of the period is what matters for depth and age). */
export function sqsMetric(queueName: string, metricName: string): MetricRef {
  return { namespace: 'AWS/SQS', metricName, dimensions: { QueueName: queueName }, stat: 'Maximum' };
}

/** A DynamoDB metric of one table. */
export function dynamodbMetric(tableName: string, metricName: string): MetricRef {
  return { namespace: 'AWS/DynamoDB', metricName, dimensions: { TableName: tableName }, stat: 'Sum' };
}

/** An EventBridge metric of one rule on one bus. */
export function eventsRuleMetric(busName: string, ruleName: string, metricName: string): MetricRef {
  return { namespace: 'AWS/Events', metricName, dimensions: { EventBusName: busName, RuleName: ruleName }, stat: 'Sum' };
}

/** The metric as an input query of a metric-math alarm (not returned: the expression is). */
export function metricQuery(named: NamedMetric, period: number, returnData = false, label?: string): CloudwatchMetricAlarmMetricQuery {
  const { namespace, metricName, dimensions, stat } = named.metric;
  return { id: named.id, returnData, ...(label ? { label } : {}), metric: { namespace, metricName, dimensions, period, stat: stat ?? 'Sum' } };
}
