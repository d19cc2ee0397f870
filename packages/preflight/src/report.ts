import type { Report } from './types';

/** `preflight: <N> errors, <M> warnings, <S> suppressed in <K> stacks`. */
export function summaryLine(report: Report): string {
  return `preflight: ${report.errors} errors, ${report.warnings} warnings, ${report.suppressed.length} suppressed in ${report.stacks.length} stacks`;
}

/** A plain-text table (rule id, severity, stack, resource address, message with the fix), then the summary. */
export function formatTable(report: Report): string {
  const rows = [
    ...report.findings.map((f) => [f.ruleId, f.severity, f.stack, f.address, f.message]),
    ...report.suppressed.map((f) => [f.ruleId, 'suppressed', f.stack, f.address, `${f.message} [suppressed: ${f.reason}]`]),
  ];
  const lines: string[] = [];
  if (rows.length > 0) {
    const header = ['RULE', 'SEVERITY', 'STACK', 'RESOURCE', 'MESSAGE'];
    const widths = header.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (r: string[]): string => [...r.slice(0, 4).map((c, i) => c.padEnd(widths[i])), r[4]].join('  ');
    lines.push(fmt(header), ...rows.map(fmt));
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
