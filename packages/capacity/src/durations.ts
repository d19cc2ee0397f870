import type { FunctionKey } from '@tap/config';

/** A measured handler duration: median and 99th percentile, milliseconds. */
export interface MeasuredDuration {
  readonly p50: number;
  readonly p99: number;
}

/**
 * Handler durations measured by the local load run, the figures the model divides concurrency by.
 *
 * How: `pnpm load --requests 90 --concurrency 3 --seconds 90` (dev profile, a private local environment,
 * real handlers in warm containers against the local DynamoDB, EventBridge and SQS emulators), which
 * prints `load: function <name>: <n> invocations, p50 <ms> ms, p99 <ms> ms` from the local runtime's own
 * duration of every successful invocation (accepted to answered: waiting for a container and cold starts
 * included). Run 2026-12-01 on a shared 2-core machine at a load average of 15 to 19, so the figures are
 * upper bounds: on Lambda the same handlers run in tens of milliseconds. The authorizer ran 3 times (its
 * decisions are cached), all cold. `events-process-fn`: one SQS batch.
 *
 * Re-measure after a handler change and replace these figures; the model uses p50 for throughput.
 */
export const MEASURED_DURATIONS_MS: Readonly<Partial<Record<FunctionKey, MeasuredDuration>>> = {
  'payment-api.create': { p50: 263, p99: 5517 },
  // Not invoked by the load run on its own route: GET /payments/{id} runs the same runtime and clients
  // as create with one GetItem, so create's figures bound it.
  'payment-api.status': { p50: 263, p99: 5517 },
  'rest-api.items': { p50: 170, p99: 5773 },
  'event-pipeline.authorizer': { p50: 2457, p99: 2475 },
  'event-pipeline.ingest': { p50: 175, p99: 2972 },
  'event-pipeline.process': { p50: 1158, p99: 5486 },
};
