/**
 * `pnpm diagram`: draws every system from its synthesized Terraform JSON as Mermaid (renders on
 * GitHub) into docs/architecture/<stack>.md. Synthesizes the default environment (profile dev, suffix
 * dev) into a temporary folder, so the pictures do not depend on the caller's environment variables.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { count, runCli, type CommandSpec } from '@tap/cli';
import { getEnvironmentConfig } from '@tap/config';
import { REPO_ROOT as ROOT, synthesizeApp } from '@tap/synth';

export const DIAGRAM_DIR = join(ROOT, 'docs', 'architecture');

const DIAGRAM_COMMAND = {
  name: 'pnpm diagram',
  summary: 'Draw each stack from the synthesized JSON (what calls what, KMS keys and the network as groups) as Mermaid in docs/architecture/<stack>.md.',
  options: {
    check: { type: 'boolean', description: 'write nothing; exit 1 when a committed page differs from the synth' },
    dir: { type: 'string', value: '<cdktf.out>', description: 'draw an existing synth (default: synthesize profile dev, suffix dev)' },
    out: { type: 'string', value: '<dir>', description: 'where the pages go (default docs/architecture)' },
  },
} as const satisfies CommandSpec;

/**
 * Required when drawing, not at the top: the drawing code is most of this command's start-up, and
 * --help or a bad option (answered before main) must not wait for it.
 */
function loadDiagram(): typeof import('@tap/diagram') {
  return require('@tap/diagram') as typeof import('@tap/diagram');
}

/** The pages for the default environment, synthesized in a temporary folder. */
export function defaultPages(): Map<string, string> {
  const { DIAGRAM_SOURCE, diagramPages } = loadDiagram();
  const outdir = mkdtempSync(join(tmpdir(), 'tap-diagram-'));
  try {
    synthesizeApp({ config: getEnvironmentConfig(DIAGRAM_SOURCE), outdir: outdir });
    return diagramPages(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Pages whose committed text differs (or is missing). */
export function stalePages(pages: ReadonlyMap<string, string>, dir = DIAGRAM_DIR): string[] {
  return [...pages].filter(([file, text]) => !existsSync(join(dir, file)) || readFileSync(join(dir, file), 'utf8') !== text).map(([file]) => file);
}

function main({ values: v }: { values: { check?: boolean; dir?: string; out?: string } }): number {
  const pages = v.dir ? loadDiagram().diagramPages(resolve(v.dir), `the synth in ${v.dir}`) : defaultPages();
  const dir = v.out ? resolve(v.out) : DIAGRAM_DIR;
  if (v.check) {
    const stale = stalePages(pages, dir);
    if (stale.length === 0) {
      process.stdout.write(`diagram: ${count(pages.size, 'page')} match the synth\n`);
      return 0;
    }
    process.stderr.write(`diagram: ${stale.join(', ')} no longer match the synth. Fix: run 'pnpm diagram' and commit docs/architecture/\n`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of pages) writeFileSync(join(dir, file), text);
  process.stdout.write(`diagram: wrote ${count(pages.size, 'page')} to ${dir}\n`);
  return 0;
}

if (require.main === module) runCli(DIAGRAM_COMMAND, main);
