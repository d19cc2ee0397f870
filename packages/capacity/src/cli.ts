/**
 * `pnpm capacity`: for each profile, synthesize the app and compute, per API route and per asynchronous
 * path, the sustained requests/s the synthesized configuration supports and the limit that binds (AWS
 * limits in limits.ts with their sources, raised ones from the overrides file `pnpm quota` reads).
 * Exits non-zero on a problem (a hot or undeclared partition key, a stage admitting more than a
 * reservation holds, a path with no measured duration). Ends with one line per profile:
 *   capacity: <profile>: <route> <N> req/s (binding: <limit>)
 *
 *   pnpm capacity [--profile production] [--quotas file.json] [--verbose]
 */
import { runCli, type CommandSpec } from '@tap/cli';
import { getEnvironmentConfig, PROFILE_OPTION, profilesToReport } from '@tap/config';
import { loadOverrides, MEASURE_SUFFIX, synthesizeProfileCached } from '@tap/quota';
import { REPO_ROOT } from '@tap/synth';
import { raisedFromOverrides } from './raised';
import { renderLimits, renderLimitTable, renderReport } from './report';

export const CAPACITY_COMMAND = {
  name: 'pnpm capacity',
  summary: 'For each profile: synthesize the app and print the sustained requests/s of every API route and asynchronous path, and the limit that binds.',
  options: {
    profile: PROFILE_OPTION,
    quotas: { type: 'string', value: '<file.json>', description: 'raised limits (the pnpm quota overrides file; capacity limits under "capacity")' },
    verbose: { type: 'boolean', description: 'also print every limit of every path with its source' },
  },
} as const satisfies CommandSpec;

function main({ values: v }: { values: { profile?: string; quotas?: string; verbose?: boolean } }): number {
  // Required here, not at the top: the model reads every handler contract (@tap/access), which --help
  // and a bad option (answered before main) do not need.
  const { capacityLine, computeCapacityReport } = require('./model') as typeof import('./model');
  const profiles = profilesToReport(v.profile);
  const { overrides, source } = loadOverrides(v.quotas, REPO_ROOT);
  const raised = raisedFromOverrides(overrides, source);
  if (source) console.log(`capacity: raised limits from ${source}`);
  console.log('capacity: AWS limits applied');
  console.log(renderLimitTable(raised));
  const reports = profiles.map((profile) => computeCapacityReport({ config: getEnvironmentConfig({ suffix: MEASURE_SUFFIX, profile }), stacks: synthesizeProfileCached(profile), raised }));
  for (const r of reports) {
    console.log(`\n${renderReport(r)}`);
    if (v.verbose) console.log(renderLimits(r));
  }
  console.log('');
  for (const r of reports) console.log(capacityLine(r));
  return reports.some((r) => r.problems.length > 0) ? 1 : 0;
}

if (require.main === module) runCli(CAPACITY_COMMAND, main);
