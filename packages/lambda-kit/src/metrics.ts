import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * The business metrics (docs/operations/README.md, "Metrics"), each a Count in the system's namespace
 * with the dimensions `service` (POWERTOOLS_SERVICE_NAME, the function) and `environment` (the
 * environment suffix). Emitted as CloudWatch Embedded Metric Format: a JSON line on stdout that
 * CloudWatch Logs turns into metrics, so no cloudwatch:PutMetricData permission and no API call.
 */
export const BUSINESS_METRICS = {
  /** A payment stored (201, first time for its Idempotency-Key). */
  paymentsCreated: 'PaymentsCreated',
  /** A repeated request answered from its stored first response (payment or keyed item create). */
  idempotentReplays: 'IdempotentReplays',
  /** An Idempotency-Key reused with another body (422). */
  payloadMismatches: 'PayloadMismatches',
  /** A write refused because the client's version or lock was stale (409). */
  versionConflicts: 'VersionConflicts',
  /** A pipeline event stored for the first time. */
  eventsStored: 'EventsStored',
  /** A redelivered pipeline event already stored (success, nothing written). */
  duplicatesSkipped: 'DuplicatesSkipped',
  /** A call to AWS that failed after the SDK's retries (answered 503/500, or a failed record). */
  dependencyFailures: 'DependencyFailures',
} as const;

export type BusinessMetric = (typeof BUSINESS_METRICS)[keyof typeof BUSINESS_METRICS];

/** The metrics namespace of a system: one per system (`tap/payment-api`), functions told apart by `service`. */
export function metricsNamespace(system: string): string {
  return `tap/${system}`;
}

/** One Powertools Metrics per container, in the system's namespace, with the environment as a dimension. */
export function createMetrics(system: string, environment: string): Metrics {
  return new Metrics({ namespace: metricsNamespace(system), defaultDimensions: { environment } });
}

/** Adds one count of a business metric (published when the invocation ends, runtime.ts). */
export function countMetric(metrics: Pick<Metrics, 'addMetric'>, name: BusinessMetric, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}
