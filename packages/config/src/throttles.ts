import { ConfigError } from './errors';
import type { EnvironmentConfig, FunctionKey } from './types';

/**
 * The p99 duration (ms) each function's API throttles are sized for. A function with reserved
 * concurrency R behind m methods can run at most R at once; the stage must never admit more, or Lambda
 * throttles and API Gateway answers 500 instead of 429 (docs/capacity.md). `pnpm capacity` compares
 * these with the measured durations (packages/capacity/src/durations.ts) and fails when one is exceeded.
 * For the SQS consumer it is the duration of one batch.
 */
export const DESIGN_DURATION_MS: Readonly<Record<FunctionKey, number>> = {
  'payment-api.create': 100,
  'payment-api.status': 50,
  'rest-api.items': 100,
  'event-pipeline.authorizer': 50,
  'event-pipeline.ingest': 100,
  'event-pipeline.process': 500,
};

/** A token bucket on one API method: steady requests per second and bucket size. */
export interface MethodThrottle {
  readonly rate: number;
  readonly burst: number;
}

/** The stage default (`*` + `/*` method settings): the most any method admits. */
export function stageThrottle(config: Pick<EnvironmentConfig, 'api'>): MethodThrottle {
  return { rate: config.api.throttleRateLimit, burst: config.api.throttleBurstLimit };
}

/**
 * Executions the stage can have in flight on one function at once: every method's whole bucket at once,
 * plus what the refill admits while those run. `methods x (burst + rate x duration)`.
 */
export function admittedConcurrency(throttle: MethodThrottle, methods: number, durationMs: number): number {
  return methods * (throttle.burst + (throttle.rate * durationMs) / 1000);
}

/**
 * The throttle of each of the `methods` API methods that invoke `fn`, derived from the capacity behind
 * them: with reserved concurrency R and design duration d, half of R carries the steady rate
 * (`rate = R / (2 x methods x d)`) and the rest absorbs a burst, both capped by the stage default. A
 * function without reserved concurrency draws on the account's unreserved pool, which no per-environment
 * setting bounds: its methods keep the stage default. Throws a ConfigError naming the reservation when
 * R cannot carry even 1 request/s and a burst of 1 per method.
 */
export function methodThrottle(config: Pick<EnvironmentConfig, 'api' | 'concurrency'>, fn: FunctionKey, methods: number): MethodThrottle {
  const ceiling = stageThrottle(config);
  const reserved = config.concurrency.reserved[fn];
  if (reserved === undefined) return ceiling;
  const seconds = DESIGN_DURATION_MS[fn] / 1000;
  const rate = Math.min(ceiling.rate, Math.floor(reserved / (2 * methods * seconds)));
  const burst = Math.min(ceiling.burst, Math.floor((reserved - methods * rate * seconds) / methods));
  const throttle = { rate, burst };
  if (rate < 1 || burst < 1) {
    // The least R with rate >= 1 (R >= 2 x methods x d) and burst >= 1 (R >= methods x (1 + d)).
    const needed = Math.ceil(Math.max(2 * methods * seconds, methods * (1 + seconds)));
    throw new ConfigError(
      `concurrency.reserved.${fn}`,
      `${reserved} reserved executions cannot carry 1 request/s and a burst of 1 on each of its ${methods} API methods at ${DESIGN_DURATION_MS[fn]} ms`,
      `reserve at least ${needed}, or none (RESERVED_CONCURRENCY=off) so the function uses the unreserved pool`,
    );
  }
  checkThrottleCapacity(config, fn, methods, throttle);
  return throttle;
}

/**
 * The relation every API method in front of a reserved function must keep (checked at synth by the
 * REST API construct, and on the synthesized JSON by preflight): what the stage admits fits the
 * reservation, so overload is answered 429 by API Gateway and never 500 by a throttled Lambda.
 */
export function checkThrottleCapacity(config: Pick<EnvironmentConfig, 'concurrency'>, fn: FunctionKey, methods: number, throttle: MethodThrottle): void {
  const reserved = config.concurrency.reserved[fn];
  if (reserved === undefined) return;
  const admitted = admittedConcurrency(throttle, methods, DESIGN_DURATION_MS[fn]);
  if (admitted > reserved) {
    throw new ConfigError(
      `concurrency.reserved.${fn}`,
      `the API admits ${admitted} executions at once (${methods} methods x (burst ${throttle.burst} + rate ${throttle.rate}/s x ${DESIGN_DURATION_MS[fn]} ms)), over the ${reserved} reserved: Lambda would throttle and API Gateway answer 500`,
      `raise the reservation to ${Math.ceil(admitted)}, or lower api.throttleRateLimit / api.throttleBurstLimit`,
    );
  }
}
