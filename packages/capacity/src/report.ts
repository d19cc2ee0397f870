import { textTable } from '@tap/cli';
import { CAPACITY_LIMITS } from './limits';
import type { CapacityReport } from './model';

function rate(n: number): string {
  return Number.isFinite(n) ? Math.floor(n).toLocaleString('en-US') : 'no limit';
}

/** One profile's table: every path, its sustained rate and the limit that binds, then problems and notes. */
export function renderReport(report: CapacityReport): string {
  const rows = report.paths.map((p) => [p.path, rate(p.sustained), p.binding.name]);
  const lines = [`capacity: profile ${report.profile}`, textTable(['path', 'req/s', 'binding limit'], rows, { right: [1], indent: '  ' })];
  for (const p of report.problems) lines.push(`  problem: ${p}`);
  for (const n of report.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

/** Every limit of one path with its source (`--verbose`). */
export function renderLimits(report: CapacityReport): string {
  const out: string[] = [];
  for (const p of report.paths) {
    out.push(`  ${p.path}:`);
    for (const l of [...p.limits].sort((a, b) => a.perSecond - b.perSecond)) out.push(`    ${rate(l.perSecond).padStart(9)}  ${l.name}  <${l.source}>`);
  }
  return out.join('\n');
}

/** The AWS limits table the model applies, with the documentation page of each. */
export function renderLimitTable(raised: Readonly<Record<string, number>> = {}): string {
  const rows = CAPACITY_LIMITS.map((l) => [l.id, `${(raised[l.id] ?? l.value).toLocaleString('en-US')} ${l.unit}`, l.source]);
  return textTable(['limit', 'value', 'source'], rows, { indent: '  ' });
}
