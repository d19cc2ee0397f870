import { count, MAX_COLUMNS, wrap } from '@tap/cli';
import type { Report } from './types';

/** `preflight: <N> errors, <M> warnings, <S> suppressed in <K> stacks` (singular for 1). */
export function summaryLine(report: Report): string {
  return `preflight: ${count(report.errors, 'error')}, ${count(report.warnings, 'warning')}, ${report.suppressed.length} suppressed in ${count(report.stacks.length, 'stack')}`;
}

/**
 * One block per finding, 100 columns wide: rule, severity, stack and resource address on one line,
 * the message with the fix wrapped and indented under it; then the summary line.
 */
export function formatTable(report: Report): string {
  const rows = [
    ...report.findings.map((f) => [f.ruleId, f.severity, f.stack, f.address, f.message]),
    ...report.suppressed.map((f) => [f.ruleId, 'suppressed', f.stack, f.address, `${f.message} [suppressed: ${f.reason}]`]),
  ];
  const lines: string[] = [];
  if (rows.length > 0) {
    const header = ['RULE', 'SEVERITY', 'STACK', 'RESOURCE'];
    const widths = header.slice(0, 3).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (r: readonly string[]): string => [...r.slice(0, 3).map((c, i) => c.padEnd(widths[i])), r[3]].join('  ');
    lines.push(fmt(header));
    for (const r of rows) lines.push(fmt(r), ...wrap(r[4], MAX_COLUMNS - 4).map((l) => `    ${l}`));
  }
  lines.push(summaryLine(report));
  return lines.join('\n');
}

/** Machine-readable report for CI. */
export function toJson(report: Report): string {
  return JSON.stringify(
    { summary: { errors: report.errors, warnings: report.warnings, suppressed: report.suppressed.length, stacks: report.stacks }, findings: report.findings, suppressed: report.suppressed },
    null,
    2,
  );
}
