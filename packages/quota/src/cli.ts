/**
 * `pnpm quota`: for each profile, synthesize the app, count what one environment consumes of every
 * per-account/per-Region quota, and print how many concurrent environments fit at default (or
 * overridden) quotas. Ends with one line per profile:
 *   quota: <profile>: <N> environments per account and Region (binding: <quota>)
 *
 *   pnpm quota [--profile pr] [--quotas file.json] [--json out.json] [--docs]
 */
import { writeFileSync } from 'node:fs';
import { runCli, type CommandSpec } from '@tap/cli';
import { PROFILE_OPTION, profilesToReport } from '@tap/config';
import { loadOverrides } from './overrides';
import { renderQuotaDocs } from './docs';
import { REPO_ROOT } from '@tap/synth';
import { runQuota } from './run';

export const QUOTA_COMMAND = {
  name: 'pnpm quota',
  summary: 'For each profile: synthesize the app, count what one environment uses of each per-account and per-Region quota, and print how many environments fit.',
  options: {
    profile: PROFILE_OPTION,
    quotas: { type: 'string', value: '<file.json>', description: 'raised limits: quota id → value' },
    json: { type: 'string', value: '<file>', description: 'also write the figures as JSON' },
    docs: { type: 'boolean', description: 'regenerate docs/quotas.md and exit' },
  },
} as const satisfies CommandSpec;

function main({ values: v }: { values: { profile?: string; quotas?: string; json?: string; docs?: boolean } }): number {
  if (v.docs) {
    writeFileSync(`${REPO_ROOT}/docs/quotas.md`, renderQuotaDocs());
    console.log('quota: wrote docs/quotas.md');
    return 0;
  }
  const profiles = profilesToReport(v.profile);
  const { overrides, source } = loadOverrides(v.quotas, REPO_ROOT);
  if (source) console.log(`quota overrides from ${source}`);
  const results = runQuota(profiles, overrides);
  for (const r of results) {
    console.log(`\n${r.text}`);
    for (const w of r.warnings) console.log(`  warning: ${w}`);
  }
  const jsonOut = v.json;
  if (jsonOut) {
    writeFileSync(jsonOut, JSON.stringify(results.map((r) => ({ profile: r.profile, line: r.line, environments: Number.isFinite(r.result.environments) ? r.result.environments : null, binding: r.result.binding?.id ?? null, rows: r.result.rows.map((row) => ({ id: row.quota.id, limit: row.limit, perEnvironment: row.perEnvironment, accountBaseline: row.accountBaseline, sharedBaseline: row.sharedBaseline, fits: Number.isFinite(row.fits) ? row.fits : null })) })), null, 2));
  }
  console.log('');
  for (const r of results) console.log(r.line);
  return 0;
}

if (require.main === module) runCli(QUOTA_COMMAND, main);
