import type { ProfileName } from '@tap/config';
import { computeCapacity, type CapacityResult } from './capacity';
import type { QuotaOverrides } from './overrides';
import { quotaLine, renderProfile } from './report';
import { splitProfile, synthesizeProfileCached } from './synth';
import { measureUsage } from './usage';

export interface ProfileQuota {
  readonly profile: ProfileName;
  readonly result: CapacityResult;
  readonly text: string;
  readonly line: string;
  readonly warnings: readonly string[];
}

/** Runs the quota model for the given profiles (synthesizing each). Used by the CLI and by bench. */
export function runQuota(profiles: readonly ProfileName[], overrides: QuotaOverrides): ProfileQuota[] {
  return profiles.map((profile) => {
    const split = splitProfile(profile, synthesizeProfileCached(profile));
    const perEnv = measureUsage(split.perEnvironment);
    const shared = split.shared.length > 0 ? measureUsage(split.shared) : undefined;
    const result = computeCapacity(perEnv, shared, overrides);
    const text = renderProfile(profile, result, { perEnvironment: perEnv.stacks, shared: shared?.stacks ?? [], sharedFrom: split.sharedFrom });
    return { profile, result, text, line: quotaLine(profile, result), warnings: [...perEnv.warnings, ...(shared?.warnings ?? [])] };
  });
}
