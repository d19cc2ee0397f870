import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEnvironmentConfig } from '@tap/config';
import { DIAGRAM_SOURCE, renderMermaid, stackGraph, type StackGraph } from '@tap/diagram';
import { loadSynthDir, synthesizeApp } from '@tap/synth';
import { defaultPages, stalePages } from '../../../scripts/diagram';

const outdir = mkdtempSync(join(tmpdir(), 'diagram-'));
synthesizeApp({ config: getEnvironmentConfig(DIAGRAM_SOURCE), outdir: outdir });
const graphs = Object.fromEntries(loadSynthDir(outdir).map((d) => [d.name, stackGraph(d)])) as Record<string, StackGraph>;

const label = (g: StackGraph, address: string): string => g.nodes.find((n) => n.id === address)?.label ?? address;
const edges = (g: StackGraph): string[] => g.edges.map((e) => `${label(g, e.from)} -> ${label(g, e.to)}: ${e.label}`);

describe('pnpm diagram: pictures drawn from the synthesized JSON', () => {
  it('the committed docs/architecture pages match the synth (regenerate: pnpm diagram)', () => {
    expect(stalePages(defaultPages())).toEqual([]);
  });

  it('a page that differs from the synth is reported', () => {
    expect(stalePages(new Map([['payment-api.md', 'hand-edited\n']]))).toEqual(['payment-api.md']);
  });

  it('payment API: route → function → tables (payment, audit and idempotency record in one transaction), data inside its KMS key, functions in the network', () => {
    const g = graphs['payment-api'];
    expect(edges(g)).toEqual(
      expect.arrayContaining([
        'payment-api-dev -> payment-api-create-dev: OPTIONS /payments<br/>POST /payments',
        'payment-api-create-dev -> payment-api-payments-dev: PutItem',
        'payment-api-create-dev -> payment-api-audit-dev: PutItem',
        'payment-api-create-dev -> payment-api-idempotency-dev: GetItem, PutItem, UpdateItem',
      ]),
    );
    const tables = g.nodes.filter((n) => n.kind === 'table');
    expect(tables.length).toBe(3);
    for (const t of tables) expect(g.keys.get(t.key ?? '')).toBe('alias/payment-api-dev');
    expect(g.nodes.filter((n) => n.kind === 'function').every((n) => n.inNetwork)).toBe(true);
    expect(g.network).toMatch(/VPC/);
  });

  it('event pipeline: authorizer, API → ingest → bus → rule → queue → processor → table', () => {
    const lines = edges(graphs['event-pipeline']);
    expect(lines.some((l) => /-> .*authorizer.*: token authorizer$/.test(l) || l.endsWith(': token authorizer'))).toBe(true);
    expect(lines.some((l) => l.endsWith(': POST /events'))).toBe(true);
    expect(lines.some((l) => l.endsWith(': PutEvents'))).toBe(true);
    expect(lines.some((l) => /: rule /.test(l))).toBe(true);
    expect(lines.some((l) => l.endsWith(': batch of 10'))).toBe(true);
  });

  it('the VPC stack is drawn as its network: subnets by tier, endpoints, flow logs', () => {
    const text = renderMermaid(graphs.vpc);
    expect(text).toMatch(/subgraph n_network_vpc\["VPC /);
    expect(text).toContain('3 private subnets');
    expect(text).toMatch(/VPC endpoint<br\/>sqs/);
    expect(text).toContain('flow logs (ALL)');
  });

  it('renders valid-looking Mermaid: one flowchart, balanced subgraphs, only known ids on edges', () => {
    for (const g of Object.values(graphs)) {
      const text = renderMermaid(g);
      expect(text.startsWith('flowchart LR\n')).toBe(true);
      expect((text.match(/^\s*subgraph /gm) ?? []).length).toBe((text.match(/^\s*end$/gm) ?? []).length);
      const declared = new Set([...text.matchAll(/^\s*(?:subgraph )?(n_[A-Za-z0-9_]+)/gm)].map((m) => m[1]));
      for (const m of text.matchAll(/^\s*(n_\w+) -\.?->\|"[^"]*"\| (n_\w+)$/gm)) {
        expect(declared.has(m[1]) || m[1] === 'n_network_vpc').toBe(true);
        expect(declared.has(m[2])).toBe(true);
      }
    }
  });
});
