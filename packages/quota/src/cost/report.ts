import type { CostEstimate } from './estimate';
import { PRICES } from './prices';

/** Budget of the dev-like profile, all stacks together, per environment (issue 9). */
export const DEV_BUDGET_USD = 20;

const usd = (n: number): string => n.toFixed(2);

/** A line-item table for one estimate. */
export function renderCostTable(title: string, estimate: CostEstimate): string {
  const rows = estimate.lines.map((l) => [l.item, String(l.units), usd(l.unitMonthly), usd(l.monthly), PRICES[l.price].source]);
  const header = ['item', 'units', 'USD/unit/month', 'USD/month', 'price source'];
  const all = [...rows, ['total', '', '', usd(estimate.total), '']];
  const widths = header.map((h, i) => Math.max(h.length, ...all.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 1 || i === 2 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [title, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), line(all[all.length - 1])];
  out.push(`  ${estimate.zeroIdleResources} other resources cost nothing while idle (per request / per GB)`);
  if (estimate.unpricedTypes.length > 0) out.push(`  not in the price table (counted as 0, add them): ${estimate.unpricedTypes.join(', ')}`);
  for (const w of estimate.warnings) out.push(`  warning: ${w}`);
  return out.join('\n');
}

/** The closing line per profile. */
export function costLine(profile: string, perEnvironment: CostEstimate, shared?: CostEstimate): string {
  const base = `cost: ${profile}: ${usd(perEnvironment.total)} USD/month per environment`;
  const sharedPart = shared ? ` (+ ${usd(shared.total)} USD/month shared network, once)` : '';
  const budget = profile === 'dev' ? `; budget ${DEV_BUDGET_USD}: ${perEnvironment.total <= DEV_BUDGET_USD ? 'ok' : 'OVER'}` : '';
  return `${base}${sharedPart}${budget}`;
}
