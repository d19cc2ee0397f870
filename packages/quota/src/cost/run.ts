import type { ProfileName } from '@tap/config';
import { splitProfile, synthesizeProfileCached } from '../synth';
import { estimateIdleCost, type CostEstimate } from './estimate';
import { costLine, renderCostTable } from './report';

export interface ProfileCost {
  readonly profile: ProfileName;
  readonly perEnvironment: CostEstimate;
  readonly shared?: CostEstimate;
  readonly text: string;
  readonly line: string;
}

/** Runs the cost model for the given profiles (synthesizing each). Used by the CLI and by bench. */
export function runCost(profiles: readonly ProfileName[]): ProfileCost[] {
  return profiles.map((profile) => {
    const split = splitProfile(profile, synthesizeProfileCached(profile));
    const perEnvironment = estimateIdleCost(split.perEnvironment);
    const shared = split.shared.length > 0 ? estimateIdleCost(split.shared) : undefined;
    const parts = [renderCostTable(`profile ${profile}: one environment [${split.perEnvironment.map((s) => s.name).join(', ') || 'no stacks'}]`, perEnvironment)];
    if (shared) parts.push(renderCostTable(`profile ${profile}: shared once [${split.shared.map((s) => s.name).join(', ')}] (not in the per-environment figure)`, shared));
    return { profile, perEnvironment, shared, text: parts.join('\n\n'), line: costLine(profile, perEnvironment, shared) };
  });
}
