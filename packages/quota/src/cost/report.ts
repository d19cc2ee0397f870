import { barChart, count, textTable } from '@tap/cli';
import type { CostEstimate } from './estimate';
import { PRICES } from './prices';

/** Budget of the dev-like profile, all stacks together, per environment (docs/quotas.md). */
export const DEV_BUDGET_USD = 20;

const usd = (n: number): string => n.toFixed(2);

/** A line-item table for one estimate, 100 columns wide at most (price sources numbered, listed under it). */
export function renderCostTable(title: string, estimate: CostEstimate): string {
  // Sources are URLs (no place to wrap): numbered in the table, listed under it.
  const sources = [...new Set(estimate.lines.map((l) => PRICES[l.price].source))];
  const rows = estimate.lines.map((l) => [l.item, String(l.units), usd(l.unitMonthly), usd(l.monthly), `[${sources.indexOf(PRICES[l.price].source) + 1}]`]);
  const out = [title, textTable(['item', 'units', 'USD/unit/month', 'USD/month', 'price'], [...rows, ['total', '', '', usd(estimate.total), '']], { right: [1, 2, 3] })];
  sources.forEach((src, i) => out.push(`  [${i + 1}] ${src}`));
  out.push(`  ${count(estimate.zeroIdleResources, 'other resource')} cost nothing while idle (per request / per GB)`);
  if (estimate.unpricedTypes.length > 0) out.push(`  not in the price table (counted as 0, add them): ${estimate.unpricedTypes.join(', ')}`);
  for (const w of estimate.warnings) out.push(`  warning: ${w}`);
  return out.join('\n');
}

/** The breakdown as a text bar chart (largest item first), 100 columns wide. */
export function costChart(estimate: CostEstimate): string {
  const lines = [...estimate.lines].filter((l) => l.monthly > 0).sort((a, b) => b.monthly - a.monthly);
  return barChart(lines.map((l) => ({ label: l.item, value: l.monthly, text: `${usd(l.monthly)} USD (${share(l.monthly, estimate.total)})` })), { indent: '  ' });
}

/** The breakdown as a Mermaid pie chart (GitHub renders it in Markdown). */
export function costPie(title: string, estimate: CostEstimate): string {
  const lines = [...estimate.lines].filter((l) => l.monthly > 0).sort((a, b) => b.monthly - a.monthly);
  return ['```mermaid', `pie showData title ${title}`, ...lines.map((l) => `    "${l.item.replace(/"/g, "'")}" : ${usd(l.monthly)}`), '```'].join('\n');
}

const share = (part: number, total: number): string => `${total > 0 ? Math.round((part / total) * 100) : 0}%`;

/** The closing line per profile. */
export function costLine(profile: string, perEnvironment: CostEstimate, shared?: CostEstimate): string {
  const base = `cost: ${profile}: ${usd(perEnvironment.total)} USD/month per environment`;
  const sharedPart = shared ? ` (+ ${usd(shared.total)} USD/month shared network, once)` : '';
  const budget = profile === 'dev' ? `; budget ${DEV_BUDGET_USD}: ${perEnvironment.total <= DEV_BUDGET_USD ? 'ok' : 'OVER'}` : '';
  return `${base}${sharedPart}${budget}`;
}
