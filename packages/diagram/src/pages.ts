import { loadSynthDir } from '@tap/synth';
import { stackGraph } from './graph';
import { renderPage } from './mermaid';

/** What the committed diagrams are drawn from: the default environment (`pnpm synth` with nothing set). */
export const DIAGRAM_SOURCE = { suffix: 'dev', profile: 'dev' } as const;

/** docs/architecture/<stack>.md for every stack of a synth: relative path → content. */
export function diagramPages(synthDir: string, source = `profile ${DIAGRAM_SOURCE.profile}, suffix ${DIAGRAM_SOURCE.suffix}`): Map<string, string> {
  const pages = new Map<string, string>();
  const docs = loadSynthDir(synthDir);
  for (const doc of docs) pages.set(`${doc.name}.md`, renderPage(stackGraph(doc), source));
  pages.set('README.md', `# Architecture diagrams

One page per stack, drawn by \`pnpm diagram\` from the synthesized Terraform JSON (${source}):

${docs.map((d) => `- [${d.name}](${d.name}.md)`).join('\n')}

Regenerate after changing a stack: \`pnpm diagram\` (one command; it synthesizes into a temporary
folder). \`pnpm diagram --check\` exits 1 when a committed page no longer matches the synth.
`);
  return pages;
}
