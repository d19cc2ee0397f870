import { AlarmTopic, Monitor, monitorFunction, monitorRestApi, monitorTable, type BaseStack } from '@tap/constructs';
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
 * Every alarm notifies the stack's topic (alert email from config, never a literal address) and links its
 * runbook. Rates where a count misleads: a single error among thousands of payments is not an incident,
 * one in three is.
 */
export function paymentAlarms(stack: BaseStack, props: PaymentAlarmsProps): Monitor {
  const monitor = new Monitor(stack, new AlarmTopic(stack, 'alarm-topic', { name: 'payment-api-alarms', kmsKeyArn: props.kmsKeyArn }));
  for (const key of ['create', 'status'] as const) {
    monitorFunction(monitor, props.functions[key], {
      errorRatePercent: { id: `${key}-error-rate`, name: `payment-api-${key}-error-rate`, runbook: 'payment-api-lambda-error-rate', threshold: THRESHOLDS.lambdaErrorRatePercent },
      throttleRatePercent: { id: `${key}-throttle-rate`, name: `payment-api-${key}-throttle-rate`, runbook: 'payment-api-lambda-throttles', threshold: THRESHOLDS.lambdaThrottleRatePercent },
    });
  }
  monitorRestApi(monitor, props.api.front, {
    serverErrorRatePercent: { id: 'api-5xx-rate', name: 'payment-api-5xx-rate', runbook: 'payment-api-5xx-rate', threshold: THRESHOLDS.api5xxRatePercent },
  });
  for (const [key, table] of Object.entries(props.tables)) {
    monitorTable(monitor, table, { id: `${key}-table-throttles`, name: `payment-api-${key}-table-throttles`, runbook: 'payment-api-dynamodb-throttles', threshold: THRESHOLDS.tableThrottleEvents });
  }
  return monitor;
}
