import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AlarmTopic, apiErrorRateQueries, expressionAlarm, lambdaErrorRateQueries, type BaseStack } from '@tap/constructs';
import type { PaymentApi } from './api';
import type { PaymentTables } from './data';
import type { PaymentFunctions } from './functions';

/** Base thresholds, before the profile's multiplier (production 0.75 tightens them). */
export const THRESHOLDS = {
  /** Percent of invocations that error. */
  lambdaErrorRatePercent: 2,
  /** Percent of invocation attempts that are throttled. */
  lambdaThrottleRatePercent: 1,
  /** Percent of API requests answered 5XX. */
  api5xxRatePercent: 1,
  /** Read + write throttle events per table per 5 minutes (on-demand tables should see none). */
  tableThrottleEvents: 5,
} as const;

export interface PaymentAlarmsProps {
  readonly kmsKeyArn: string;
  readonly functions: PaymentFunctions;
  readonly tables: PaymentTables;
  readonly api: PaymentApi;
}

/**
 * Every alarm notifies the stack's topic (alert email from config, never a literal address: seed 000
 * design decision #7) and links its runbook. Rates where a count misleads (seed 000 design decision #4):
 * a single error among thousands of payments is not an incident, one in three is.
 */
export function paymentAlarms(stack: BaseStack, props: PaymentAlarmsProps): { topic: AlarmTopic; alarms: CloudwatchMetricAlarm[] } {
  const topic = new AlarmTopic(stack, 'alarm-topic', { name: 'payment-api-alarms', kmsKeyArn: props.kmsKeyArn });
  const alarms: CloudwatchMetricAlarm[] = [];
  const fns = [
    ['create', props.functions.create],
    ['status', props.functions.status],
  ] as const;

  for (const [key, fn] of fns) {
    alarms.push(
      expressionAlarm(stack, `${key}-error-rate`, {
        name: `payment-api-${key}-error-rate`,
        description: `${fn.functionName}: more than the threshold percent of invocations failed.`,
        runbook: 'payment-api-lambda-error-rate',
        threshold: THRESHOLDS.lambdaErrorRatePercent,
        metricQueries: lambdaErrorRateQueries(fn.functionName),
        topic,
      }),
      expressionAlarm(stack, `${key}-throttle-rate`, {
        name: `payment-api-${key}-throttle-rate`,
        description: `${fn.functionName}: more than the threshold percent of invocation attempts were throttled.`,
        runbook: 'payment-api-lambda-throttles',
        threshold: THRESHOLDS.lambdaThrottleRatePercent,
        metricQueries: [
          lambdaMetric('throttles', 'Throttles', fn.functionName),
          lambdaMetric('invocations', 'Invocations', fn.functionName),
          // Throttled attempts are not counted as invocations, so the denominator adds them back.
          { id: 'rate', expression: '100 * throttles / (throttles + invocations)', label: 'Throttle rate (%)', returnData: true },
        ],
        topic,
      }),
    );
  }

  alarms.push(
    expressionAlarm(stack, 'api-5xx-rate', {
      name: 'payment-api-5xx-rate',
      description: 'Payment API: more than the threshold percent of requests were answered 5XX.',
      runbook: 'payment-api-5xx-rate',
      threshold: THRESHOLDS.api5xxRatePercent,
      metricQueries: apiErrorRateQueries(props.api.front.apiName, props.api.stage.stageName, '5XXError'),
      topic,
    }),
  );

  for (const [key, table] of Object.entries(props.tables)) {
    const dimensions = { TableName: table.table.name };
    alarms.push(
      expressionAlarm(stack, `${key}-table-throttles`, {
        name: `payment-api-${key}-table-throttles`,
        description: `DynamoDB table ${key}: read or write requests are being throttled.`,
        runbook: 'payment-api-dynamodb-throttles',
        threshold: THRESHOLDS.tableThrottleEvents,
        metricQueries: [
          { id: 'reads', returnData: false, metric: { namespace: 'AWS/DynamoDB', metricName: 'ReadThrottleEvents', dimensions, period: 300, stat: 'Sum' } },
          { id: 'writes', returnData: false, metric: { namespace: 'AWS/DynamoDB', metricName: 'WriteThrottleEvents', dimensions, period: 300, stat: 'Sum' } },
          { id: 'throttles', expression: 'reads + writes', label: 'Throttle events', returnData: true },
        ],
        topic,
      }),
    );
  }

  return { topic, alarms };
}

function lambdaMetric(id: string, metricName: string, functionName: string) {
  return { id, returnData: false, metric: { namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: functionName }, period: 300, stat: 'Sum' } };
}
