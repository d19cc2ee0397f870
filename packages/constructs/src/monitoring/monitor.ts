import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { BaseStack } from '../base-stack';
import { expressionAlarm, metricAlarm, scaledThreshold } from './alarm';
import type { AlarmTopic } from './alarm-topic';
import { metricQuery, type MetricRef, type NamedMetric } from './metric';
import { percentOfAttemptsQueries, percentOfQueries, sumQueries } from './queries';

/** One alarm as a stack's alarms.ts states it: where it lives, what it is called, and its threshold. */
export interface AlarmSpec {
  /** Construct id in the stack (the Terraform address: keep it when the threshold changes). */
  readonly id: string;
  /** Base name; the alarm is `<name>-<suffix>`. */
  readonly name: string;
  /** Runbook file name under docs/runbooks/, without `.md`. */
  readonly runbook: string;
  /** Threshold BEFORE the profile's multiplier, in the unit of the alarm kind (percent, count, seconds...). */
  readonly threshold: number;
  /** Seconds per period. @default 300 */
  readonly period?: number;
  /** Consecutive periods that must breach. @default 2 */
  readonly evaluationPeriods?: number;
  /** What a breach means for this system, one sentence after the derived description. @default none */
  readonly meaning?: string;
}

/** Words of a condition, given the threshold AFTER the profile's multiplier (e.g. `errors above 1.5% of invocations`). */
export type Condition = (threshold: number) => string;

const DEFAULT_PERIOD = 300;
const DEFAULT_EVALUATION_PERIODS = 2;

/**
 * The one place an alarm gets its name, runbook link and description: the description states the
 * threshold after the profile's multiplier (the value the alarm really has) and how long it must hold.
 * The alarm kinds are the same expression in every stack: a percent of a total, a percent of attempts,
 * a sum of counts, one statistic of one metric.
 */
export class Monitor {
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(
    readonly stack: BaseStack,
    readonly topic: AlarmTopic,
  ) {}

  /** `<subject>: <condition> for <n> minutes. <meaning>` (the runbook link is appended by the alarm). */
  describe(spec: AlarmSpec, subject: string, condition: Condition): string {
    const minutes = ((spec.evaluationPeriods ?? DEFAULT_EVALUATION_PERIODS) * (spec.period ?? DEFAULT_PERIOD)) / 60;
    const sentence = `${subject}: ${condition(scaledThreshold(this.stack, spec.threshold))} for ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    return spec.meaning ? `${sentence} ${spec.meaning}` : sentence;
  }

  /** `part` in percent of `total`, where `part` is counted within `total` (errors of invocations, 5XX of requests). */
  percentOf(spec: AlarmSpec, subject: string, part: NamedMetric, total: NamedMetric, label: string, condition: Condition): CloudwatchMetricAlarm {
    return this.expression(spec, subject, condition, percentOfQueries(part, total, label, spec.period ?? DEFAULT_PERIOD));
  }

  /** `part` in percent of all attempts, where `part` is not counted in `total` (throttles and invocations). */
  percentOfAttempts(spec: AlarmSpec, subject: string, part: NamedMetric, total: NamedMetric, label: string, condition: Condition): CloudwatchMetricAlarm {
    return this.expression(spec, subject, condition, percentOfAttemptsQueries(part, total, label, spec.period ?? DEFAULT_PERIOD));
  }

  /** The sum of several counts per period (e.g. read + write throttle events), returned as `resultId`. */
  sum(spec: AlarmSpec, subject: string, parts: readonly NamedMetric[], resultId: string, label: string, condition: Condition): CloudwatchMetricAlarm {
    return this.expression(spec, subject, condition, sumQueries(parts, resultId, label, spec.period ?? DEFAULT_PERIOD));
  }

  /** One statistic of one metric as a metric-math query (percentiles such as p99 duration). */
  statistic(spec: AlarmSpec, subject: string, metric: NamedMetric, label: string, condition: Condition): CloudwatchMetricAlarm {
    return this.expression(spec, subject, condition, [metricQuery(metric, spec.period ?? DEFAULT_PERIOD, true, label)]);
  }

  /** One metric with its own statistic (gauges such as queue depth and age, counts such as failed deliveries). */
  metric(spec: AlarmSpec, subject: string, metric: MetricRef, condition: Condition): CloudwatchMetricAlarm {
    const alarm = metricAlarm(this.stack, spec.id, {
      ...this.base(spec, subject, condition),
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: metric.dimensions,
      statistic: metric.stat ?? 'Sum',
      period: spec.period ?? DEFAULT_PERIOD,
    });
    this.alarms.push(alarm);
    return alarm;
  }

  private expression(spec: AlarmSpec, subject: string, condition: Condition, metricQueries: ReturnType<typeof percentOfQueries>): CloudwatchMetricAlarm {
    const alarm = expressionAlarm(this.stack, spec.id, { ...this.base(spec, subject, condition), metricQueries });
    this.alarms.push(alarm);
    return alarm;
  }

  private base(spec: AlarmSpec, subject: string, condition: Condition) {
    return {
      name: spec.name,
      description: this.describe(spec, subject, condition),
      runbook: spec.runbook,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods ?? DEFAULT_EVALUATION_PERIODS,
      topic: this.topic,
    };
  }
}
