/**
 * `pnpm quota`: for each profile, synthesize the app, count what one environment consumes of every
 * per-account/per-Region quota, and print how many concurrent environments fit at default (or
 * overridden) quotas. Ends with one line per profile:
 *   quota: <profile>: <N> environments per account and Region (binding: <quota>)
 *
 *   pnpm quota [--profile pr] [--quotas file.json] [--json out.json] [--docs]
 */
import { writeFileSync } from 'node:fs';
import { PROFILE_NAMES, resolveProfile, type ProfileName } from '@tap/config';
import { computeCapacity, type CapacityResult } from './capacity';
import { loadOverrides, type QuotaOverrides } from './overrides';
import { quotaLine, renderProfile } from './report';
import { renderQuotaDocs } from './docs';
import { REPO_ROOT, splitProfile, synthesizeProfileCached } from './synth';
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

function arg(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) {
    const value = argv[i + 1];
    if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
    return value;
  }
  const prefixed = argv.find((a) => a.startsWith(`${name}=`));
  return prefixed?.slice(name.length + 1);
}

function main(argv: readonly string[]): number {
  if (argv.includes('--docs')) {
    writeFileSync(`${REPO_ROOT}/docs/quotas.md`, renderQuotaDocs());
    console.log('quota: wrote docs/quotas.md');
    return 0;
  }
  const only = arg(argv, '--profile');
  const profiles = only ? [resolveProfile(only, '--profile')] : PROFILE_NAMES;
  const { overrides, source } = loadOverrides(arg(argv, '--quotas'), REPO_ROOT);
  if (source) console.log(`quota overrides from ${source}`);
  const results = runQuota(profiles, overrides);
  for (const r of results) {
    console.log(`\n${r.text}`);
    for (const w of r.warnings) console.log(`  warning: ${w}`);
  }
  const jsonOut = arg(argv, '--json');
  if (jsonOut) {
    writeFileSync(jsonOut, JSON.stringify(results.map((r) => ({ profile: r.profile, line: r.line, environments: Number.isFinite(r.result.environments) ? r.result.environments : null, binding: r.result.binding?.id ?? null, rows: r.result.rows.map((row) => ({ id: row.quota.id, limit: row.limit, perEnvironment: row.perEnvironment, accountBaseline: row.accountBaseline, sharedBaseline: row.sharedBaseline, fits: Number.isFinite(row.fits) ? row.fits : null })) })), null, 2));
  }
  console.log('');
  for (const r of results) console.log(r.line);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`quota: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
