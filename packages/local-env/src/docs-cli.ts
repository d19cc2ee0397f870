/** `pnpm local:docs`: rewrites the README's table of emulated resources from the registry (registry.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withEmulators } from './docs';

const README = join(__dirname, '..', '..', '..', 'README.md');

writeFileSync(README, withEmulators(readFileSync(README, 'utf8')));
process.stdout.write(`updated ${README}\n`);
