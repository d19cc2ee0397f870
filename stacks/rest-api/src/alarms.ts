import { AlarmTopic, apiErrorRateQueries, expressionAlarm, lambdaErrorRateQueries, metricAlarm, type BaseStack, type NodejsFunction, type RestApiFront } from '@tap/constructs';
import { ITEMS_TIMEOUT_SECONDS } from './functions';

/** Base thresholds before the profile's multiplier (seed 004: thresholds scale per profile). */
export const ALARM_BASE = {
  /** Lambda errors, % of invocations over 5 minutes. */
  lambdaErrorRatePercent: 5,
  /** p99 duration, as a fraction of the timeout: alarms well before requests start timing out. */
  durationFractionOfTimeout: 0.8,
  /** Throttled invocations per 5 minutes (reserved concurrency exhausted). */
  lambdaThrottles: 5,
  /** API 4XX responses, % of requests (client errors: a spike means a broken client or an attack). */
  api4xxRatePercent: 10,
  /** API 5XX responses, % of requests. */
  api5xxRatePercent: 1,
} as const;

const PERIOD = 300;

/**
 * Alarms to the stack's topic (email from config; seed 001 #6): Lambda error rate, p99 duration, throttles,
 * API 4XX and 5XX rates. Each links its runbook under docs/runbooks/.
 */
export function restApiAlarms(stack: BaseStack, fn: NodejsFunction, front: RestApiFront, stageName: string, kmsKeyArn: string): AlarmTopic {
  const topic = new AlarmTopic(stack, 'alarm-topic', { name: 'rest-api-alarms', kmsKeyArn });
  const functionName = fn.functionName;

  expressionAlarm(stack, 'alarm-lambda-errors', {
    name: 'rest-api-lambda-errors',
    description: `Items function errors above ${ALARM_BASE.lambdaErrorRatePercent}% (x profile multiplier) of invocations.`,
    runbook: 'rest-api-lambda-errors',
    threshold: ALARM_BASE.lambdaErrorRatePercent,
    metricQueries: lambdaErrorRateQueries(functionName, PERIOD),
    topic,
  });
  expressionAlarm(stack, 'alarm-lambda-duration', {
    name: 'rest-api-lambda-duration',
    description: `Items function p99 duration above ${ALARM_BASE.durationFractionOfTimeout * 100}% of its ${ITEMS_TIMEOUT_SECONDS}s timeout (x profile multiplier).`,
    runbook: 'rest-api-lambda-duration',
    threshold: ALARM_BASE.durationFractionOfTimeout * ITEMS_TIMEOUT_SECONDS * 1000,
    metricQueries: [
      {
        id: 'p99',
        returnData: true,
        label: 'Duration p99 (ms)',
        metric: { namespace: 'AWS/Lambda', metricName: 'Duration', dimensions: { FunctionName: functionName }, period: PERIOD, stat: 'p99' },
      },
    ],
    topic,
  });
  metricAlarm(stack, 'alarm-lambda-throttles', {
    name: 'rest-api-lambda-throttles',
    description: `Items function throttled more than ${ALARM_BASE.lambdaThrottles} times in 5 minutes (x profile multiplier): reserved concurrency exhausted.`,
    runbook: 'rest-api-lambda-throttles',
    threshold: ALARM_BASE.lambdaThrottles,
    namespace: 'AWS/Lambda',
    metricName: 'Throttles',
    dimensions: { FunctionName: functionName },
    statistic: 'Sum',
    period: PERIOD,
    topic,
  });
  expressionAlarm(stack, 'alarm-api-4xx', {
    name: 'rest-api-api-4xx',
    description: `API 4XX responses above ${ALARM_BASE.api4xxRatePercent}% (x profile multiplier) of requests.`,
    runbook: 'rest-api-api-4xx',
    threshold: ALARM_BASE.api4xxRatePercent,
    metricQueries: apiErrorRateQueries(front.apiName, stageName, '4XXError', PERIOD),
    topic,
  });
  expressionAlarm(stack, 'alarm-api-5xx', {
    name: 'rest-api-api-5xx',
    description: `API 5XX responses above ${ALARM_BASE.api5xxRatePercent}% (x profile multiplier) of requests.`,
    runbook: 'rest-api-api-5xx',
    threshold: ALARM_BASE.api5xxRatePercent,
    metricQueries: apiErrorRateQueries(front.apiName, stageName, '5XXError', PERIOD),
    topic,
  });
  return topic;
}
