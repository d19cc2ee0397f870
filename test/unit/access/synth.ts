import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEnvironmentConfig, type EnvironmentInput } from '@tap/config';
import { loadSynthDir, type StackDoc, stackDependencies, synthesizeApp } from '@tap/synth';
import { checkAccess, type AccessReport } from '@tap/access';

export interface Synth {
  readonly stacks: StackDoc[];
  readonly dir: string;
}

/** The whole app for an input, synthesized into a temporary cdktf.out. */
export function synthApp(input: EnvironmentInput): Synth {
  const dir = mkdtempSync(join(tmpdir(), `access-${input.profile ?? 'dev'}-`));
  synthesizeApp({ config: getEnvironmentConfig(input), outdir: dir });
  return { stacks: loadSynthDir(dir), dir };
}

/** A deep copy, so a negative fixture never changes the shared synth. */
export function clone(synth: Synth): StackDoc[] {
  return JSON.parse(JSON.stringify(synth.stacks)) as StackDoc[];
}

const checked = new Map<string, Promise<AccessReport>>();
/** The access check of a synth (memoized per synth as given, so tests over one synth check it once). */
export function check(stacks: StackDoc[], synth: Synth, network?: Synth): Promise<AccessReport> {
  const key = stacks === synth.stacks ? `${synth.dir}|${network?.dir ?? ''}` : undefined;
  const hit = key ? checked.get(key) : undefined;
  if (hit) return hit;
  const report = run(stacks, synth, network);
  if (key) checked.set(key, report);
  return report;
}

function run(stacks: StackDoc[], synth: Synth, network?: Synth): Promise<AccessReport> {
  return checkAccess(stacks, { stackDependencies: stackDependencies(synth.dir), networkStacks: network ? network.stacks.filter((s) => s.name === 'vpc') : [] });
}

/** The resource of a stack whose Terraform name starts with `prefix`. */
export function resource(stacks: StackDoc[], stack: string, type: string, prefix: string): Record<string, unknown> {
  const byName = stacks.find((s) => s.name === stack)?.json.resource?.[type] ?? {};
  const name = Object.keys(byName).find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`${stack}: no ${type} named ${prefix}*`);
  return byName[name];
}

/** Deletes a resource (by name prefix). */
export function remove(stacks: StackDoc[], stack: string, type: string, prefix: string): void {
  const byName = stacks.find((s) => s.name === stack)?.json.resource?.[type] ?? {};
  for (const n of Object.keys(byName)) if (n.startsWith(prefix)) delete byName[n];
}

interface Statement { Sid?: string; Action?: string | string[]; [key: string]: unknown }

/** Edits the statements of a policy attribute held as JSON text. */
export function editPolicy(body: Record<string, unknown>, attr: string, edit: (statements: Statement[]) => Statement[]): void {
  const doc = JSON.parse(String(body[attr])) as { Statement: Statement[] };
  doc.Statement = edit(doc.Statement);
  body[attr] = JSON.stringify(doc);
}

/** The results of one kind whose summary contains `text`. */
export function results(report: AccessReport, kind: string, text = ''): AccessReport['results'] {
  return report.results.filter((r) => r.interaction.kind === kind && r.interaction.summary.includes(text));
}
