import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rehearsalAvailability, writeCliConfig, type Availability } from './environment';
import { computedIndex, testFile } from './mocks';

export interface StepResult {
  readonly name: 'init' | 'validate' | 'test';
  readonly ok: boolean;
  readonly seconds: number;
  /** Terraform's own output (diagnostics), trimmed. */
  readonly output: string;
}

export interface RehearsalResult {
  readonly stack: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly steps: StepResult[];
  /** Ephemeral references replaced by placeholders because the mock provider cannot run them. */
  readonly ephemeralStubbed: string[];
  /**
   * Resources whose `lifecycle.prevent_destroy` was lifted for the mocked run only: `terraform test` tears
   * down what it applied, which prevent_destroy refuses. `terraform validate` still sees the setting.
   */
  readonly preventDestroyLifted: string[];
  /** Resource and data types given realistic mock shapes. */
  readonly mockedTypes: number;
  /** Resources in the stack. */
  readonly resources: number;
  /** Why it was skipped, or the first failing step's diagnostics. */
  readonly message: string;
}

interface StackJson {
  terraform?: { backend?: unknown };
  resource?: Record<string, Record<string, { lifecycle?: Record<string, unknown> } & Record<string, unknown>>>;
  data?: Record<string, Record<string, unknown>>;
  ephemeral?: Record<string, Record<string, unknown>>;
  provider?: { aws?: { alias?: unknown }[] };
}

const EPHEMERAL_REF = /\$\{ephemeral\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}/g;

/**
 * Prepares the working copy: no backend (nothing is stored), and each ephemeral reference replaced by a
 * placeholder literal (Terraform 1.11's mock provider rejects ephemeral resources). `terraform validate`
 * still sees the original ephemeral blocks: it runs on the untouched copy first.
 */
export function stubEphemeral(json: StackJson): { json: StackJson; stubbed: string[] } {
  const stubbed = new Set<string>();
  const text = JSON.stringify(json).replace(EPHEMERAL_REF, (_m, type: string, name: string, attr: string) => {
    stubbed.add(`ephemeral.${type}.${name}`);
    return `rehearsal-placeholder-${name}-${attr}`;
  });
  const out = JSON.parse(text) as StackJson;
  delete out.ephemeral;
  return { json: out, stubbed: [...stubbed] };
}

/**
 * The mocked run's copy without `lifecycle.prevent_destroy` (the test's own teardown destroys everything
 * it applied); returns the addresses it was lifted from so the summary says so.
 */
export function liftPreventDestroy(json: StackJson): { json: StackJson; lifted: string[] } {
  const out = structuredClone(json);
  const lifted: string[] = [];
  for (const [type, byId] of Object.entries(out.resource ?? {})) {
    for (const [id, resource] of Object.entries(byId)) {
      if (resource.lifecycle?.prevent_destroy !== true) continue;
      delete resource.lifecycle.prevent_destroy;
      if (Object.keys(resource.lifecycle).length === 0) delete resource.lifecycle;
      lifted.push(`${type}.${id}`);
    }
  }
  return { json: out, lifted };
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): { ok: boolean; output: string; seconds: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync('terraform', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  return { ok: result.status === 0, output, seconds };
}

/**
 * Rehearses one synthesized stack directory (`cdktf.out/stacks/<stack>`): `terraform init` from the local
 * plugin directory, `terraform validate` (the provider's own schema and value checks), and `terraform
 * test` with a mocked AWS provider running a plan and an apply over the whole graph.
 */
export function rehearseStack(stackDir: string, workRoot: string, availability: Availability = rehearsalAvailability()): RehearsalResult {
  const stack = stackDir.split('/').filter(Boolean).pop() ?? stackDir;
  const original = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as StackJson;
  const resources = Object.values(original.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
  if (!availability.ok) {
    return { stack, status: 'skipped', steps: [], ephemeralStubbed: [], preventDestroyLifted: [], mockedTypes: 0, resources, message: `SKIPPED: ${availability.reason}` };
  }
  const work = join(workRoot, stack);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(workRoot, { recursive: true });
  cpSync(stackDir, work, { recursive: true });
  const withoutBackend: StackJson = { ...original, terraform: { ...original.terraform } };
  delete withoutBackend.terraform?.backend;
  writeFileSync(join(work, 'cdk.tf.json'), JSON.stringify(withoutBackend, null, 2));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: writeCliConfig(workRoot, availability.pluginDir),
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    // The mocked provider never calls AWS; these keep a stray real call from finding credentials.
    AWS_ACCESS_KEY_ID: 'rehearsal',
    AWS_SECRET_ACCESS_KEY: 'rehearsal',
  };
  const steps: StepResult[] = [];
  const fail = (message: string): RehearsalResult => ({ stack, status: 'failed', steps, ephemeralStubbed: [], preventDestroyLifted: [], mockedTypes: 0, resources, message });

  const init = run(['init', '-backend=false', '-input=false', '-no-color'], work, env);
  steps.push({ name: 'init', ...init });
  if (!init.ok) return fail(init.output);

  const validate = run(['validate', '-no-color'], work, env);
  steps.push({ name: 'validate', ...validate });
  if (!validate.ok) return fail(validate.output);

  const { json: unprotected, lifted: preventDestroyLifted } = liftPreventDestroy(withoutBackend);
  const { json: stubbed, stubbed: ephemeralStubbed } = stubEphemeral(unprotected);
  writeFileSync(join(work, 'cdk.tf.json'), JSON.stringify(stubbed, null, 2));
  const index = computedIndex(work, workRoot, env);
  const aliases = (stubbed.provider?.aws ?? []).map((p) => p.alias).filter((a): a is string => typeof a === 'string');
  const { text, mocked } = testFile(Object.keys(stubbed.resource ?? {}), Object.keys(stubbed.data ?? {}), index, aliases);
  writeFileSync(join(work, 'rehearsal.tftest.hcl'), text);
  const test = run(['test', '-no-color'], work, env);
  steps.push({ name: 'test', ...test });
  const passed = test.ok && /Success! 2 passed, 0 failed/.test(test.output);
  return {
    stack,
    status: passed ? 'passed' : 'failed',
    steps,
    ephemeralStubbed,
    preventDestroyLifted,
    mockedTypes: mocked,
    resources,
    message: passed ? `validate + mocked plan/apply of ${resources} resources` : test.output,
  };
}

/** One line about a result: status, resources, time, and what was stubbed for the mocked run. */
export function summarize(result: RehearsalResult): string {
  const seconds = result.steps.reduce((sum, step) => sum + step.seconds, 0).toFixed(1);
  const stubs = result.ephemeralStubbed.length ? `; ephemeral stubbed for the mocked run: ${result.ephemeralStubbed.join(', ')}` : '';
  const lifted = result.preventDestroyLifted.length ? `; prevent_destroy lifted for the mocked teardown: ${result.preventDestroyLifted.length} resource${result.preventDestroyLifted.length === 1 ? '' : 's'}` : '';
  return `${result.stack}: ${result.status} (${result.resources} resources, ${seconds}s)${stubs}${lifted}`;
}
