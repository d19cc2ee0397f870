import type { QuotaOverrides } from '@tap/quota';
import { CAPACITY_LIMIT_IDS } from './limits';

/**
 * Raised limits from the overrides file `pnpm quota` reads: its `capacity` section (capacity limit ids,
 * checked here), plus the account's Lambda concurrency quota (`quotas.lambda-concurrency`).
 */
export function raisedFromOverrides(overrides: QuotaOverrides, source = 'overrides'): Record<string, number> {
  const raised: Record<string, number> = { ...(overrides.capacity ?? {}) };
  for (const id of Object.keys(raised)) {
    if (!CAPACITY_LIMIT_IDS.includes(id)) throw new Error(`${source}: capacity.${id}: unknown limit id; known: ${CAPACITY_LIMIT_IDS.join(', ')}`);
  }
  const concurrency = overrides.quotas?.['lambda-concurrency'];
  if (typeof concurrency === 'number') raised['lambda-concurrency'] = concurrency;
  return raised;
}
