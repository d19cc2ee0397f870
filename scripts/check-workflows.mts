/**
 * `pnpm workflows:check [--json] [file.yml...]`: validates GitHub Actions workflows with GitHub's own
 * parser (@actions/workflow-parser, the one behind the Actions language service): keys and types per
 * the workflow schema, expressions and the contexts they may use, job dependencies, event filters.
 * Default: every .github/workflows/*.yml. Exit 0 when all are valid, 1 otherwise.
 *
 * An ES module run by tsx: the parser ships as ESM only and imports its schema as JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';

// The repo root: this script lives in scripts/ (run as `tsx scripts/check-workflows.mts`).
const ROOT = resolve(dirname(resolve(process.argv[1] ?? '.')), '..');

export interface WorkflowCheck {
  readonly file: string;
  readonly errors: string[];
  /** Job ids as GitHub's model of the workflow sees them (empty when it did not convert). */
  readonly jobs: string[];
}

export async function checkWorkflow(file: string): Promise<WorkflowCheck> {
  const name = relative(ROOT, resolve(file));
  const parsed = parseWorkflow({ name, content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  const errors = new Set(parsed.context.errors.getErrors().map((e) => e.message));
  let jobs: string[] = [];
  if (parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) errors.add(e.Message);
    jobs = (template.jobs ?? []).map((j) => j.id.value);
  } else {
    errors.add(`${name}: not a workflow document`);
  }
  return { file: name, errors: [...errors], jobs };
}

async function main(argv: string[]): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (error) {
    process.stderr.write(`workflows:check: ${(error as Error).message}\nusage: workflows:check [--json] [file.yml...]\n`);
    return 1;
  }
  if (values.help) {
    process.stdout.write('usage: workflows:check [--json] [file.yml...]   (default: .github/workflows/*.yml)\n');
    return 0;
  }
  const dir = join(ROOT, '.github/workflows');
  const files = positionals.length > 0 ? positionals : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
  const results = await Promise.all(files.map(checkWorkflow));
  const failed = results.filter((r) => r.errors.length > 0);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const r of results) process.stdout.write(`${r.errors.length === 0 ? 'ok  ' : 'FAIL'} ${r.file}${r.errors.map((e) => `\n       ${e}`).join('')}\n`);
    process.stdout.write(`workflows:check: ${results.length} workflows, ${failed.length} with errors\n`);
  }
  return failed.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`workflows:check: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
