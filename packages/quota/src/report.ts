import { count, MAX_COLUMNS, wrap } from '@tap/cli';
import type { ProfileName } from '@tap/config';
import type { CapacityResult, QuotaRow } from './capacity';
import { QUOTAS } from './quotas';
import { PROFILE_SCOPES } from './scope';

const fmt = (n: number): string => (Number.isFinite(n) ? n.toLocaleString('en-US') : '-');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The exact closing line for one profile (README and the test command grep for it). */
export function quotaLine(profile: string, result: CapacityResult): string {
  const n = Number.isFinite(result.environments) ? count(result.environments, 'environment') : 'unbounded environments';
  return `quota: ${profile}: ${n} per account and Region (binding: ${result.binding?.name ?? 'none'})`;
}

function fitsCell(row: QuotaRow): string {
  if (row.mode === 'unlimited') return 'no limit';
  if (row.mode === 'per-vpc') return row.fits > 0 ? 'own VPC: ok' : 'DOES NOT FIT';
  return Number.isFinite(row.fits) ? String(row.fits) : '-';
}

/** Per-profile table: only quotas the profile touches (use or baseline > 0), binding row marked. */
export function renderProfile(profile: ProfileName, result: CapacityResult, details: { perEnvironment: readonly string[]; shared: readonly string[]; sharedFrom?: string }): string {
  const rows = result.rows
    .filter((r) => r.perEnvironment > 0 || r.sharedBaseline > 0)
    .map((r) => [
      `${r.quota.id === result.binding?.id ? '* ' : '  '}${r.quota.name}`,
      String(r.perEnvironment),
      r.sharedBaseline > 0 || r.accountBaseline > 0 ? `${r.accountBaseline}+${r.sharedBaseline}` : '0',
      r.limit === null ? 'none' : fmt(r.limit),
      fitsCell(r),
    ]);
  const scope = PROFILE_SCOPES[profile];
  return [
    ...wrap(
      `profile ${profile}: per environment [${details.perEnvironment.join(', ') || 'no stacks'}]` +
        (details.shared.length > 0 ? `; shared once [${details.shared.join(', ')}] from ${details.sharedFrom}` : ''),
      MAX_COLUMNS,
    ),
    ...wrap(`(${scope.reason})`, MAX_COLUMNS - 2).map((l) => `  ${l}`),
    table(['quota (scope: docs/quotas.md)', 'per env', 'baseline', 'limit', 'fit'], rows),
    '  baseline: used by the account itself + by shared stacks; fit: environments that fit (* binding)',
  ].join('\n');
}

/** docs/quotas.md's table, rendered from QUOTAS (kept in step by a unit test). */
export function renderQuotaTable(): string {
  const header = '| id | quota | scope | default | adjustable | baseline | counted resources | source | confirmed |';
  const sep = '|---|---|---|---|---|---|---|---|---|';
  const rows = QUOTAS.map((q) =>
    [
      q.id,
      q.name + (q.note ? ` (${q.note})` : ''),
      q.scope === 'account' ? 'account (global)' : q.scope,
      q.defaultValue === null ? 'no limit' : q.defaultValue.toLocaleString('en-US'),
      q.adjustable ? 'yes' : 'no',
      q.accountBaseline ? `${q.accountBaseline}: ${q.baselineReason}` : '0',
      q.counts,
      `[page](${q.source})`,
      q.confirmed ? 'yes' : 'no',
    ].join(' | '),
  ).map((r) => `| ${r} |`);
  return [header, sep, ...rows].join('\n');
}
