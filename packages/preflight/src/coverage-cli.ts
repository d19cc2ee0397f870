/** `pnpm preflight:coverage`: rewrites the coverage section of packages/preflight/README.md from src/coverage.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COVERAGE_BEGIN, COVERAGE_END, coverageMarkdown } from './coverage';

const README = join(__dirname, '..', 'README.md');

/** The README text with its coverage section replaced by the generated one. */
export function withCoverage(readme: string): string {
  const start = readme.indexOf(COVERAGE_BEGIN);
  const end = readme.indexOf(COVERAGE_END);
  if (start < 0 || end < start) throw new Error(`${README}: coverage markers not found; add\n${COVERAGE_BEGIN}\n${COVERAGE_END}`);
  return `${readme.slice(0, start + COVERAGE_BEGIN.length)}\n${coverageMarkdown()}\n${readme.slice(end)}`;
}

if (require.main === module) {
  writeFileSync(README, withCoverage(readFileSync(README, 'utf8')));
  process.stdout.write(`updated ${README}\n`);
}
