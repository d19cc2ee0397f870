/**
 * `pnpm cost`: idle monthly cost per environment and profile, from the synthesized resources and the
 * price table in prices.ts (us-east-1 on-demand list prices). For profiles with shared stacks (pr), the
 * shared network is shown separately and not included in the per-environment figure.
 *
 *   pnpm cost [--profile pr] [--json out.json] [--chart] [--mermaid]
 */
import { writeFileSync } from 'node:fs';
import { runCli, type CommandSpec } from '@tap/cli';
import { PROFILE_OPTION, profilesToReport } from '@tap/config';
import { costChart, costPie } from './report';
import { runCost } from './run';

export const COST_COMMAND = {
  name: 'pnpm cost',
  summary: 'Idle monthly cost per environment and profile, from the synthesized resources and the us-east-1 list prices in packages/quota/src/cost/prices.ts.',
  options: {
    profile: PROFILE_OPTION,
    json: { type: 'string', value: '<file>', description: 'also write the estimates as JSON' },
    chart: { type: 'boolean', description: 'also draw each breakdown as a bar chart (100 columns)' },
    mermaid: { type: 'boolean', description: 'print each breakdown as a Mermaid pie chart (for Markdown)' },
  },
} as const satisfies CommandSpec;

function main({ values: v }: { values: { profile?: string; json?: string; chart?: boolean; mermaid?: boolean } }): void {
  const profiles = profilesToReport(v.profile);
  const results = runCost(profiles);
  for (const r of results) {
    console.log(`\n${r.text}`);
    if (v.chart) console.log(`\n${costChart(r.perEnvironment)}`);
    if (v.mermaid) console.log(`\n${costPie(`${r.profile}: idle cost per environment (USD/month)`, r.perEnvironment)}`);
  }
  if (v.json) {
    writeFileSync(v.json, JSON.stringify(results.map(({ profile, perEnvironment, shared, line }) => ({ profile, perEnvironment, shared, line })), null, 2));
  }
  console.log('');
  for (const r of results) console.log(r.line);
}

if (require.main === module) runCli(COST_COMMAND, main);
