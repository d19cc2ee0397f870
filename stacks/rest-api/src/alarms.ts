import { AlarmTopic, Monitor, monitorFunction, monitorRestApi, type BaseStack, type NodejsFunction, type RestApiFront } from '@tap/constructs';

/** Base thresholds before the profile's multiplier (thresholds scale per profile). */
export const ALARM_BASE = {
  /** Lambda errors, % of invocations over 5 minutes. */
  lambdaErrorRatePercent: 5,
  /** p99 duration, as a fraction of the timeout: alarms well before requests start timing out. */
  durationFractionOfTimeout: 0.8,
  /** Throttled attempts, % of invocation attempts (reserved concurrency exhausted). */
  lambdaThrottleRatePercent: 1,
  /** API 4XX responses, % of requests (client errors: a spike means a broken client or an attack). */
  api4xxRatePercent: 10,
  /** API 5XX responses, % of requests. */
  api5xxRatePercent: 1,
} as const;

/**
 * Alarms to the stack's topic (email from config): Lambda error rate, p99 duration, throttle rate, API
 * 4XX and 5XX rates. Each links its runbook under docs/runbooks/ (the runbook has the alarm's name).
 */
export function restApiAlarms(stack: BaseStack, fn: NodejsFunction, front: RestApiFront, kmsKeyArn: string): Monitor {
  const monitor = new Monitor(stack, new AlarmTopic(stack, 'alarm-topic', { name: 'rest-api-alarms', kmsKeyArn }));
  const spec = (kind: string, threshold: number) => ({ id: `alarm-${kind}`, name: `rest-api-${kind}`, runbook: `rest-api-${kind}`, threshold });
  monitorFunction(monitor, fn, {
    errorRatePercent: spec('lambda-errors', ALARM_BASE.lambdaErrorRatePercent),
    p99DurationOfTimeout: spec('lambda-duration', ALARM_BASE.durationFractionOfTimeout),
    throttleRatePercent: spec('lambda-throttles', ALARM_BASE.lambdaThrottleRatePercent),
  });
  monitorRestApi(monitor, front, {
    clientErrorRatePercent: spec('api-4xx', ALARM_BASE.api4xxRatePercent),
    serverErrorRatePercent: spec('api-5xx', ALARM_BASE.api5xxRatePercent),
  });
  return monitor;
}
