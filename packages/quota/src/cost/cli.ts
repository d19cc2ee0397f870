/**
 * `pnpm cost`: idle monthly cost per environment and profile, from the synthesized resources and the
 * price table in prices.ts (us-east-1 on-demand list prices). For profiles with shared stacks (pr), the
 * shared network is shown separately and not included in the per-environment figure.
 *
 *   pnpm cost [--profile pr] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { PROFILE_NAMES, resolveProfile, type ProfileName } from '@tap/config';
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

function main(argv: readonly string[]): void {
  const i = argv.indexOf('--profile');
  const profiles = i >= 0 ? [resolveProfile(argv[i + 1], '--profile')] : PROFILE_NAMES;
  const results = runCost(profiles);
  for (const r of results) console.log(`\n${r.text}`);
  const j = argv.indexOf('--json');
  if (j >= 0 && argv[j + 1]) {
    writeFileSync(argv[j + 1], JSON.stringify(results.map(({ profile, perEnvironment, shared, line }) => ({ profile, perEnvironment, shared, line })), null, 2));
  }
  console.log('');
  for (const r of results) console.log(r.line);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`cost: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
