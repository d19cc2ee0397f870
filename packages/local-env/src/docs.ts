import type { EmulatorDoc } from './emulator';
import { ENFORCEMENT_DOC } from './iam/doc';
import { NOT_EMULATED_DOC } from './not-emulated';
import { EMULATORS } from './registry';

export const EMULATORS_BEGIN = '<!-- emulators:begin (generated from packages/local-env/src/registry.ts: pnpm local:docs) -->';
export const EMULATORS_END = '<!-- emulators:end -->';

/** The README's table of what the synthesized stacks become locally: one row per emulator, then enforcement and what is not emulated. */
export function emulatorsMarkdown(): string {
  const rows: EmulatorDoc[] = [...EMULATORS.map((e) => e.doc), ENFORCEMENT_DOC, NOT_EMULATED_DOC];
  return ['| declared in the synth | locally |', '| --- | --- |', ...rows.map((r) => `| ${r.declared} | ${r.locally} |`)].join('\n');
}

/** The README text with its emulators section replaced by the generated one. */
export function withEmulators(readme: string): string {
  const start = readme.indexOf(EMULATORS_BEGIN);
  const end = readme.indexOf(EMULATORS_END);
  if (start < 0 || end < start) throw new Error(`README.md: emulator markers not found; add\n${EMULATORS_BEGIN}\n${EMULATORS_END}`);
  return `${readme.slice(0, start + EMULATORS_BEGIN.length)}\n${emulatorsMarkdown()}\n${readme.slice(end)}`;
}
