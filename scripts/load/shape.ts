/**
 * The load run checks the capacity model's shape at small scale: what each route actually answered per
 * second stays within what the model predicts for this local environment, given the handler durations
 * measured in this same run (packages/capacity, docs/capacity.md).
 *
 * Tolerance: a token bucket admits its whole burst on top of `rate x T` over a window of T seconds, so a
 * route may exceed its sustained rate by `burst / T`; and the in-run durations are medians of a few dozen
 * invocations, so the prediction carries 25% on top. The check is one-sided: the load run is a closed loop
 * of a few clients, far below most limits, so it proves the model never under-predicts (a route answering
 * more than the model allows would mean a limit the model misses or misreads), not that a route reaches it.
 */
import { computeCapacityReport, FUNCTION_KEYS, type MeasuredDuration } from '@tap/capacity';
import type { FunctionKey } from '@tap/config';
import { readSynthesizedApp } from '@tap/quota';
import type { OpsEnvironment } from '@tap/ops-env';

export const SHAPE_TOLERANCE = 0.25;

export interface ShapeResult {
  readonly lines: readonly string[];
  readonly violations: readonly string[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * `answered`: route (`POST /items`) → answered attempts (not 429, not in a fault window) in `seconds`;
 * `durations`: local function name → measured invocation durations (ms).
 */
export function checkShape(ops: OpsEnvironment, answered: ReadonlyMap<string, number>, seconds: number, durations: ReadonlyMap<string, readonly number[]>): ShapeResult {
  const measured: Partial<Record<FunctionKey, MeasuredDuration>> = {};
  for (const [name, ms] of durations) {
    const key = FUNCTION_KEYS[name.replace(new RegExp(`-${ops.config.suffix}$`), '')];
    const sorted = [...ms].sort((a, b) => a - b);
    if (key && sorted.length > 0) measured[key] = { p50: Math.max(1, percentile(sorted, 50)), p99: Math.max(1, percentile(sorted, 99)) };
  }
  const report = computeCapacityReport({ config: ops.config, stacks: readSynthesizedApp(ops.synthDir), durations: measured });
  const lines: string[] = [];
  const violations: string[] = [];
  for (const path of report.paths) {
    const count = answered.get(path.path);
    if (count === undefined || seconds <= 0) continue;
    const rps = count / seconds;
    const burst = path.burst ?? 0;
    const allowed = path.sustained * (1 + SHAPE_TOLERANCE) + burst / seconds;
    lines.push(`load: shape ${path.path}: ${rps.toFixed(1)} req/s answered, model ${path.sustained} req/s (binding: ${path.binding.name}), allowed ${allowed.toFixed(1)}`);
    if (rps > allowed) violations.push(`${path.path} answered ${rps.toFixed(1)} req/s, over the model's ${path.sustained} req/s (+${SHAPE_TOLERANCE * 100}% and the burst)`);
  }
  return { lines, violations };
}
