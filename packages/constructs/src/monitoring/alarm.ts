import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmMetricQuery } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { BaseStack } from '../base-stack';
import { RUNBOOK_DIR, type AlarmTopic } from './alarm-topic';

interface AlarmBase {
  /** Base name; the alarm is `<name>-<suffix>`. */
  readonly name: string;
  /** What the alarm means, in one sentence (the runbook link is appended). */
  readonly description: string;
  /** Runbook file name under docs/runbooks/, without `.md` (e.g. `payment-api-lambda-errors`). */
  readonly runbook: string;
  /** Threshold BEFORE the profile's multiplier is applied (thresholds scale per profile). */
  readonly threshold: number;
  /** @default 'GreaterThanThreshold' */
  readonly comparisonOperator?: string;
  /** Periods to evaluate. @default 2 */
  readonly evaluationPeriods?: number;
  /** No traffic is not an incident. @default 'notBreaching' */
  readonly treatMissingData?: 'notBreaching' | 'breaching' | 'ignore' | 'missing';
  /** The topic the alarm notifies (alarm and OK). */
  readonly topic: AlarmTopic;
}

/** A single-metric alarm. */
export interface MetricAlarmProps extends AlarmBase {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /** @default 'Sum' */
  readonly statistic?: string;
  /** Seconds. @default 300 */
  readonly period?: number;
}

/** A metric-math alarm (rates and percentages, where an absolute count misleads). */
export interface ExpressionAlarmProps extends AlarmBase {
  /** The queries; exactly one must have `returnData: true`. */
  readonly metricQueries: CloudwatchMetricAlarmMetricQuery[];
}

/** The threshold after the profile's multiplier, rounded to 2 decimals. */
export function scaledThreshold(stack: BaseStack, threshold: number): number {
  return Math.round(threshold * stack.config.alarms.thresholdMultiplier * 100) / 100;
}

function common(stack: BaseStack, props: AlarmBase) {
  return {
    alarmName: stack.naming.name(props.name, 'alarm'),
    alarmDescription: `${props.description} Runbook: ${RUNBOOK_DIR}/${props.runbook}.md`,
    comparisonOperator: props.comparisonOperator ?? 'GreaterThanThreshold',
    evaluationPeriods: props.evaluationPeriods ?? 2,
    threshold: scaledThreshold(stack, props.threshold),
    treatMissingData: props.treatMissingData ?? 'notBreaching',
    alarmActions: [props.topic.topic.arn],
    okActions: [props.topic.topic.arn],
  };
}

/** An alarm on one metric that notifies the topic and links its runbook. */
export function metricAlarm(stack: BaseStack, id: string, props: MetricAlarmProps): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(stack, id, {
    ...common(stack, props),
    namespace: props.namespace,
    metricName: props.metricName,
    dimensions: props.dimensions,
    statistic: props.statistic ?? 'Sum',
    period: props.period ?? 300,
  });
}

/** An alarm on a metric-math expression that notifies the topic and links its runbook. */
export function expressionAlarm(stack: BaseStack, id: string, props: ExpressionAlarmProps): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(stack, id, { ...common(stack, props), metricQuery: props.metricQueries });
}
