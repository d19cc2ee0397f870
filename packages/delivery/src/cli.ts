/**
 * `pnpm plan-summary <plan.json>...`: a readable summary of saved Terraform plans, from
 * `terraform show -json plan.tfplan`. The delivery workflows write it to the job summary and the pull
 * request. Exit codes: 0 fine, 1 bad arguments or input, 2 a stateful resource is destroyed or replaced
 * (unless --allow-stateful).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePlanJson } from './plan-json';
import { renderMarkdown, renderText, summarizePlan, type StackSummary } from './plan-summary';

export const USAGE = `usage: plan-summary [options] <plan.json>...

Summarizes Terraform plans in JSON (terraform show -json plan.tfplan > plan.json): adds, changes,
destroys and replacements per stack, stateful destroys and replacements highlighted, drift listed.
A file named plan.json is reported under its directory's name (plans/rest-api/plan.json: rest-api),
any other file under its name without .json.

options:
  --format <text|markdown|json>  output format (default text; markdown for job summaries and PR comments)
  --title <text>                 heading of the markdown output (default "Terraform plan")
  --stack <name>                 stack name for a single plan file
  --allow-stateful               exit 0 even when a stateful resource is destroyed or replaced
  -h, --help                     this text

exit codes: 0 fine, 1 bad arguments or input, 2 a stateful resource (table, bucket, KMS key, backup
vault) is destroyed or replaced`;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The stack a plan file belongs to: its directory for plan.json, else its own name. */
export function stackNameOf(file: string): string {
  const name = basename(file);
  if (name === 'plan.json') return basename(dirname(file));
  return name.replace(/\.json$/, '').replace(/\.plan$/, '');
}

/** Runs the CLI on argv (without node and script); never exits the process itself. */
export function runCli(argv: readonly string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): CliResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        title: { type: 'string', default: 'Terraform plan' },
        stack: { type: 'string' },
        'allow-stateful': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return { code: 1, stdout: '', stderr: `plan-summary: ${(error as Error).message}\n${USAGE}\n` };
  }
  const { values, positionals } = parsed;
  if (values.help) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  const format = values.format;
  if (format !== 'text' && format !== 'markdown' && format !== 'json') {
    return { code: 1, stdout: '', stderr: `plan-summary: --format "${format}" is not one of text, markdown, json\n${USAGE}\n` };
  }
  if (positionals.length === 0) return { code: 1, stdout: '', stderr: `plan-summary: no plan file given\n${USAGE}\n` };
  if (values.stack !== undefined && positionals.length > 1) {
    return { code: 1, stdout: '', stderr: `plan-summary: --stack names one plan, but ${positionals.length} files were given\n` };
  }
  const summaries: StackSummary[] = [];
  try {
    for (const file of positionals) {
      let text: string;
      try {
        text = read(file);
      } catch (error) {
        throw new Error(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Fix: run terraform show -json plan.tfplan > ${file} first`);
      }
      summaries.push(summarizePlan(values.stack ?? stackNameOf(file), parsePlanJson(text, file)));
    }
  } catch (error) {
    return { code: 1, stdout: '', stderr: `plan-summary: ${(error as Error).message}\n` };
  }
  const stdout = format === 'json' ? JSON.stringify(summaries, null, 2) : format === 'markdown' ? renderMarkdown(summaries, values.title) : renderText(summaries);
  const losses = summaries.some((s) => s.statefulLosses.length > 0);
  const errored = summaries.filter((s) => s.errored).map((s) => s.stack);
  if (errored.length > 0) return { code: 1, stdout: `${stdout}\n`, stderr: `plan-summary: the plan of ${errored.join(', ')} errored (incomplete); fix the plan error first\n` };
  return { code: losses && !values['allow-stateful'] ? 2 : 0, stdout: `${stdout}\n`, stderr: '' };
}

if (require.main === module) {
  const result = runCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
