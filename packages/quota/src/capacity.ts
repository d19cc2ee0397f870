import type { QuotaOverrides } from './overrides';
import { QUOTAS, type QuotaDefinition, type QuotaId } from './quotas';
import type { Usage } from './usage';

/** One quota's figures for one profile. */
export interface QuotaRow {
  readonly quota: QuotaDefinition;
  /** The limit in effect (default or override); `null` = no limit. */
  readonly limit: number | null;
  /** Used before any environment: account baseline (default VPC, unreserved concurrency) + shared stacks. */
  readonly accountBaseline: number;
  readonly sharedBaseline: number;
  /** What one environment consumes. */
  readonly perEnvironment: number;
  /**
   * Environments that fit: floor((limit - baselines) / perEnvironment); Infinity when this quota does
   * not bind (no limit, or nothing consumed); for per-VPC quotas of environments with their own VPC, a
   * fit check (Infinity or 0).
   */
  readonly fits: number;
  /** `pooled` (shared by all environments), `per-vpc` (each environment's own VPC), `unlimited`. */
  readonly mode: 'pooled' | 'per-vpc' | 'unlimited';
}

export interface CapacityResult {
  readonly rows: readonly QuotaRow[];
  /** Largest number of concurrent environments (Infinity when nothing binds). */
  readonly environments: number;
  /** The quota with the smallest `fits` (first in table order on a tie); undefined when nothing binds. */
  readonly binding?: QuotaDefinition;
}

/**
 * Largest number of concurrent environments that fit one account and Region:
 * min over quotas of floor((quota - accountBaseline - sharedBaseline) / perEnvironment).
 */
export function computeCapacity(perEnvironment: Usage, shared: Usage | undefined, overrides: QuotaOverrides = {}): CapacityResult {
  const rows = QUOTAS.map((quota): QuotaRow => {
    const id: QuotaId = quota.id;
    const limit = overrides.quotas && id in overrides.quotas ? (overrides.quotas[id] ?? null) : quota.defaultValue;
    const accountBaseline = overrides.accountBaselines?.[id] ?? quota.accountBaseline ?? 0;
    const sharedBaseline = shared?.use[id] ?? 0;
    const use = perEnvironment.use[id];
    if (limit === null) return { quota, limit, accountBaseline, sharedBaseline, perEnvironment: use, fits: Infinity, mode: 'unlimited' };
    if (quota.scope === 'vpc' && perEnvironment.ownsVpc) {
      // Each environment's endpoints sit in its own VPC: the quota only asks whether one environment fits.
      return { quota, limit, accountBaseline: 0, sharedBaseline: 0, perEnvironment: use, fits: use <= limit ? Infinity : 0, mode: 'per-vpc' };
    }
    const free = limit - accountBaseline - sharedBaseline;
    const fits = use === 0 ? (free >= 0 ? Infinity : 0) : Math.max(0, Math.floor(free / use));
    return { quota, limit, accountBaseline, sharedBaseline, perEnvironment: use, fits, mode: 'pooled' };
  });
  let binding: QuotaRow | undefined;
  for (const row of rows) if (Number.isFinite(row.fits) && (!binding || row.fits < binding.fits)) binding = row;
  return { rows, environments: binding ? binding.fits : Infinity, binding: binding?.quota };
}
