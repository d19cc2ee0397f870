import { Construct } from 'constructs';
import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmMetricQuery } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { BaseStack } from './base-stack';

/** Folder of the runbooks every alarm links to (one page per alarm). */
export const RUNBOOK_DIR = 'docs/runbooks';

export interface AlarmTopicProps {
  /** Base name; the topic is `<name>-<suffix>`. */
  readonly name: string;
  /** KMS key ARN (the key must allow `cloudwatch` to use it, so alarms can publish). */
  readonly kmsKeyArn: string;
}

/**
 * The stack's alarm topic: KMS-encrypted, TLS-only, CloudWatch may publish, and the alert email from
 * config subscribed (no email configured → no subscription; never a literal address, seed 000 #7).
 */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(stack: BaseStack, id: string, props: AlarmTopicProps) {
    super(stack, id);
    this.topic = new SnsTopic(this, 'topic', { name: stack.naming.name(props.name, 'snsTopic'), kmsMasterKeyId: props.kmsKeyArn });
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { StringEquals: { 'aws:SourceAccount': stack.accountId } },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    if (stack.config.alarms.email) {
      new SnsTopicSubscription(this, 'email', { topicArn: this.topic.arn, protocol: 'email', endpoint: stack.config.alarms.email });
    }
  }
}

interface AlarmBase {
  /** Base name; the alarm is `<name>-<suffix>`. */
  readonly name: string;
  /** What the alarm means, in one sentence (the runbook link is appended). */
  readonly description: string;
  /** Runbook file name under docs/runbooks/, without `.md` (e.g. `payment-api-lambda-errors`). */
  readonly runbook: string;
  /** Threshold BEFORE the profile's multiplier is applied (seed 004: thresholds scale per profile). */
  readonly threshold: number;
  /** Default GreaterThanThreshold. */
  readonly comparisonOperator?: string;
  /** Periods to evaluate. Default 2. */
  readonly evaluationPeriods?: number;
  /** Default notBreaching: no traffic is not an incident. */
  readonly treatMissingData?: 'notBreaching' | 'breaching' | 'ignore' | 'missing';
  readonly topic: AlarmTopic;
}

/** A single-metric alarm. */
export interface MetricAlarmProps extends AlarmBase {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /** Default Sum. */
  readonly statistic?: string;
  /** Seconds. Default 300. */
  readonly period?: number;
}

/** A metric-math alarm (rates and percentages, where an absolute count misleads: seed 000 #4). */
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

/**
 * Lambda error rate in percent (errors / invocations), the usual shape of a Lambda error alarm:
 * one failure in three requests matters, one in a million does not.
 */
export function lambdaErrorRateQueries(functionName: string, period = 300): CloudwatchMetricAlarmMetricQuery[] {
  const metric = (id: string, metricName: string): CloudwatchMetricAlarmMetricQuery => ({
    id,
    returnData: false,
    metric: { namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: functionName }, period, stat: 'Sum' },
  });
  return [
    metric('errors', 'Errors'),
    metric('invocations', 'Invocations'),
    { id: 'rate', expression: '100 * errors / MAX([errors, invocations])', label: 'Error rate (%)', returnData: true },
  ];
}

/**
 * API Gateway 4XX or 5XX responses in percent of requests for one stage: a few errors in heavy traffic
 * are not an incident, the same few in light traffic are.
 */
export function apiErrorRateQueries(apiName: string, stageName: string, metricName: '4XXError' | '5XXError', period = 300): CloudwatchMetricAlarmMetricQuery[] {
  const dimensions = { ApiName: apiName, Stage: stageName };
  return [
    { id: 'errors', returnData: false, metric: { namespace: 'AWS/ApiGateway', metricName, dimensions, period, stat: 'Sum' } },
    { id: 'requests', returnData: false, metric: { namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions, period, stat: 'Sum' } },
    { id: 'rate', expression: '100 * errors / MAX([errors, requests])', label: `${metricName} rate (%)`, returnData: true },
  ];
}
