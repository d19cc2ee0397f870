import type { AccessReport } from './engine';

/** The summary line the test command shows per profile. */
export function summaryLine(report: AccessReport, profile: string): string {
  return `access: ${report.results.length} interactions, ${report.deny} DENY, ${report.unknown} UNKNOWN (profile ${profile})`;
}

/** Every DENY and UNKNOWN with its reason; with `verbose`, every ALLOW with its deciding statements too. */
export function formatReport(report: AccessReport, profile: string, verbose = false): string {
  const lines: string[] = [];
  for (const r of report.results) {
    if (r.decision === 'ALLOW' && !verbose) continue;
    lines.push(`  ${r.decision.padEnd(7)} ${r.interaction.kind} [${r.interaction.stack}] ${r.interaction.summary}`);
    lines.push(`          ${r.reason}`);
  }
  lines.push(summaryLine(report, profile));
  return lines.join('\n');
}

/** Machine-readable form (`--json`). */
export function toJson(report: AccessReport, profile: string): Record<string, unknown> {
  return {
    profile,
    interactions: report.results.length,
    allow: report.allow,
    deny: report.deny,
    unknown: report.unknown,
    results: report.results.map((r) => ({
      kind: r.interaction.kind,
      stack: r.interaction.stack,
      summary: r.interaction.summary,
      decision: r.decision,
      reason: r.reason,
      requests: r.requests.map((q) => ({ principal: q.request.principal, action: q.request.action, resource: q.request.resource, decision: q.decision, reason: q.reason })),
      ...(r.network ? { network: r.network } : {}),
    })),
  };
}
