/** `pnpm local:docs`: rewrites the README's table of emulated resources from the registry (registry.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CommandSpec } from '@tap/cli';

const README = join(__dirname, '..', '..', '..', 'README.md');

export const LOCAL_DOCS_COMMAND = {
  name: 'pnpm local:docs',
  summary: "Rewrite the README's table of what the local environment emulates from its registry of emulators.",
  options: {
    check: { type: 'boolean', description: 'write nothing; exit 1 when the README table differs from the registry' },
  },
} as const satisfies CommandSpec;

function main(args: { values: { check?: boolean } }): number {
  // Required here, not at the top: the registry loads every emulator, which --help does not need.
  const { withEmulators } = require('./docs') as typeof import('./docs');
  const current = readFileSync(README, 'utf8');
  const generated = withEmulators(current);
  if (args.values.check) {
    if (generated === current) return 0;
    process.stderr.write(`${README}: the emulators table differs from packages/local-env/src/registry.ts. Fix: pnpm local:docs\n`);
    return 1;
  }
  writeFileSync(README, generated);
  process.stdout.write(`updated ${README}\n`);
  return 0;
}

if (require.main === module) runCli(LOCAL_DOCS_COMMAND, main);
