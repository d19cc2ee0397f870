import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AWS_PROVIDER_SOURCE, rehearsalAvailability, writeCliConfig, type Availability } from './environment';
import { computedIndex, testFile } from './mocks';
import { stackName, writeRoot, writeTeardownModule, type RootStack } from './root';
import { readStack, type StackJson } from '@tap/synth';

export type StepName = 'init' | 'validate' | 'test';

export interface StepResult {
  readonly name: StepName;
  readonly ok: boolean;
  readonly seconds: number;
  /** Terraform's own output (diagnostics), trimmed. */
  readonly output: string;
}

export interface RehearsalResult {
  readonly stack: string;
  /** What the stacks were synthesized for (a profile name, or a variant such as "every option on"). */
  readonly profile?: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** The Terraform steps of the root this stack was rehearsed in (shared by every stack of that root). */
  readonly steps: StepResult[];
  /** Ephemeral references replaced by placeholders because the mock provider cannot run them. */
  readonly ephemeralStubbed: string[];
  /**
   * Resources whose `lifecycle.prevent_destroy` was lifted for the mocked run only: `terraform test` tears
   * down what it applied, which prevent_destroy refuses. `terraform validate` still sees the setting.
   */
  readonly preventDestroyLifted: string[];
  /**
   * WAF web ACLs whose literal rule blocks the mocked run received as one `rule_json` string (validate
   * checked the blocks themselves against the provider's schema).
   */
  readonly rulesInlined: string[];
  /** Resource and data types given realistic mock shapes. */
  readonly mockedTypes: number;
  /** Resources in the stack. */
  readonly resources: number;
  /** Why it was skipped, or the failing step's diagnostics naming the profile, stack and resource. */
  readonly message: string;
}

export interface RehearsalOptions {
  readonly availability?: Availability;
  /** Named in every summary and failure message (e.g. the profile). */
  readonly profile?: string;
  /** Where the provider's computed-attribute index is cached. Default `.rehearsal/cache` at the repo root. */
  readonly cacheDir?: string;
  /** Called when a Terraform step starts and ends (the CLI's progress lines). */
  readonly onStep?: (event: { step: StepName; stacks: readonly string[]; result?: StepResult }) => void;
}

const DEFAULT_CACHE = resolve(__dirname, '../../../.rehearsal/cache');
const EPHEMERAL_REF = /\$\{ephemeral\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}/g;

/**
 * Prepares the mocked run's copy: each ephemeral reference replaced by a placeholder literal (Terraform
 * 1.11's mock provider rejects ephemeral resources). `terraform validate` still sees the original
 * ephemeral blocks: it runs on the untouched configuration first.
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
 * Prepares the mocked run's copy of each WAF web ACL: its rule blocks, when they are literals (no
 * reference), handed over as one `rule_json` string. A rule statement nests blocks three levels deep, and
 * Terraform decodes and compares that schema's values on every walk: the app's six web ACLs were 40% of
 * its mocked run's CPU. Literal rules give a mock nothing to plan or apply (no computed value, no reference);
 * `terraform validate` still checks the blocks against the provider's schema, on the untouched
 * configuration. The string is the blocks as JSON, for the mock only (AWS's rule JSON is spelled otherwise).
 */
export function inlineWafRules(json: StackJson): { json: StackJson; inlined: string[] } {
  const acls = json.resource?.aws_wafv2_web_acl;
  if (!acls) return { json, inlined: [] };
  const inlined: string[] = [];
  const rewritten = Object.fromEntries(
    Object.entries(acls).map(([id, acl]) => {
      const { rule, ...rest } = acl;
      if (rule === undefined || rest.rule_json !== undefined || JSON.stringify(rule).includes('${')) return [id, acl];
      inlined.push(`aws_wafv2_web_acl.${id}`);
      return [id, { ...rest, rule_json: JSON.stringify(rule) }];
    }),
  );
  return { json: { ...json, resource: { ...json.resource, aws_wafv2_web_acl: rewritten } }, inlined };
}

/**
 * Keeps the provider version init locked but not its checksums. With checksums in the lock file, every later
 * command (validate, providers schema, test) hashes the provider package again before starting it: 675 MB
 * of SHA-256, a fifth of a small root's validate. init has just installed that package from the local
 * plugin directory and recorded its hash; nothing replaces it in this scratch root between the steps.
 */
export function dropLockHashes(rootDir: string): void {
  const file = join(rootDir, '.terraform.lock.hcl');
  if (!existsSync(file)) return;
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\n[ \t]*hashes[ \t]*=[ \t]*\[[^\]]*\]/g, ''));
}

function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; output: string; seconds: number }> {
  const started = process.hrtime.bigint();
  return new Promise((done) => {
    const child = spawn('terraform', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const finish = (code: number | null, error?: Error) =>
      done({ ok: code === 0, output: `${Buffer.concat(chunks).toString('utf8')}${error ? error.message : ''}`.trim(), seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}

/** One Terraform diagnostic, with the module and resource it is about when it names them. */
export interface Diagnostic {
  readonly text: string;
  /** The module (a stack in the root) it names. */
  readonly module?: string;
  readonly resource?: string;
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
      const lifecycle = (resource as { lifecycle?: Record<string, unknown> }).lifecycle;
      if (lifecycle?.prevent_destroy !== true) continue;
      delete lifecycle.prevent_destroy;
      if (Object.keys(lifecycle).length === 0) delete (resource as { lifecycle?: unknown }).lifecycle;
      lifted.push(`${type}.${id}`);
    }
  }
  return { json: out, lifted };
}

/**
 * Splits Terraform's output into its error diagnostics and attributes each to a module: the one it
 * names (`with module.<name>.<resource>`) or whose file it points at (`stacks/<name>/cdk.tf.json`).
 */
export function diagnostics(output: string, modules: readonly string[]): Diagnostic[] {
  const blocks = output.split(/\n(?=[╷│ ]*Error: )/).filter((b) => /Error: /.test(b));
  return blocks.map((raw) => {
    const text = raw
      .split('\n')
      .filter((line) => !/^[╷╵]\s*$/.test(line))
      .map((line) => line.replace(/^│ ?/, ''))
      .join('\n')
      .trim();
    const withModule = /with module\.([A-Za-z0-9_-]+)\.((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)/.exec(text);
    const inFile = /stacks\/([A-Za-z0-9_-]+)\/cdk\.tf\.json/.exec(text);
    const inBlock = /in (?:resource|data)\.([a-z0-9_]+\.[A-Za-z0-9_-]+)/.exec(text);
    const module = [withModule?.[1], inFile?.[1]].find((m): m is string => m !== undefined && modules.includes(m));
    const resource = withModule?.[2] ?? inBlock?.[1];
    return { text, ...(module ? { module } : {}), ...(resource ? { resource } : {}) };
  });
}

/** A stack directory to rehearse, and what it was synthesized for. */
export interface RehearsalTarget {
  readonly dir: string;
  /** Profile (or variant) name; stacks of several profiles can share one root. Default: options.profile. */
  readonly profile?: string;
}

const where = (profile: string | undefined, stack: string): string => `${profile ? `profile ${profile}, ` : ''}stack ${stack}`;

/**
 * Rehearses synthesized stack directories (`cdktf.out/stacks/<stack>`, of one or several profiles)
 * together in one Terraform root: each stack a module, its provider blocks hoisted to the root as
 * aliases. `terraform init` from the local plugin directory, `terraform validate` (the provider's own
 * schema and value checks), and `terraform test` with a mocked AWS provider planning and applying the
 * whole graph. Terraform starts and loads the provider a fixed number of times per step, however many
 * stacks the root holds: that start-up, not the resources, is most of a rehearsal's time.
 *
 * A failure is attributed to the stack and resource its diagnostic names; the stacks it does not name
 * carry on without the failing ones, so each gets its own verdict.
 */
export async function rehearseStacks(targets: readonly (string | RehearsalTarget)[], workRoot: string, options: RehearsalOptions = {}): Promise<RehearsalResult[]> {
  const availability = options.availability ?? rehearsalAvailability();
  const entries = targets.map((t) => {
    const target = typeof t === 'string' ? { dir: t } : t;
    const profile = target.profile ?? options.profile;
    const stack = stackName(target.dir);
    // Stacks of several profiles in one root need distinct module names.
    const name = typeof t !== 'string' && target.profile ? `${target.profile}_${stack}` : stack;
    return { dir: target.dir, name, stack, ...(profile ? { profile } : {}) };
  });
  const byModule = new Map(entries.map((e) => [e.name, e]));
  const rootDir = join(workRoot, 'root');
  mkdirSync(workRoot, { recursive: true });
  // validate: one provider configuration per distinct provider block (see RootOptions.groupProviders).
  const validateRoot = (modules: readonly (typeof entries)[number][]) => writeRoot(modules, rootDir, { groupProviders: true });
  const described = validateRoot(entries);
  const base = (s: RootStack) => ({ stack: s.stack, ...(byModule.get(s.module)?.profile ? { profile: byModule.get(s.module)?.profile } : {}), resources: s.resources });
  if (!availability.ok) {
    return described.map((s) => ({ ...base(s), status: 'skipped', steps: [], ephemeralStubbed: [], preventDestroyLifted: [], rulesInlined: [], mockedTypes: 0, message: `SKIPPED: ${availability.reason}` }));
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: writeCliConfig(workRoot, availability.pluginDir),
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    // Terraform and the provider are Go programs walking a graph of hundreds of resources: with the
    // collector's default (GOGC=100) a fifth of their CPU goes to garbage collection. 400 trades some
    // memory (a few hundred MB on a root of every stack) for that CPU. A GOGC the caller set wins.
    GOGC: process.env.GOGC ?? '400',
    // The mocked provider never calls AWS; these keep a stray real call from finding credentials.
    AWS_ACCESS_KEY_ID: 'rehearsal',
    AWS_SECRET_ACCESS_KEY: 'rehearsal',
  };
  const steps: StepResult[] = [];
  const failed = new Map<string, string>();
  let remaining = described.map((s) => s.module);
  const label = (module: string): string => where(byModule.get(module)?.profile, byModule.get(module)?.stack ?? module);
  const step = async (name: StepName, args: string[]): Promise<StepResult> => {
    options.onStep?.({ step: name, stacks: remaining });
    const result = { name, ...(await terraform(args, rootDir, env)) };
    steps.push(result);
    options.onStep?.({ step: name, stacks: remaining, result });
    return result;
  };
  // Runs a step; on failure, fails the modules its diagnostics name and runs it again for the others.
  const runUntilClean = async (name: StepName, args: string[], rewrite: (modules: readonly string[]) => void): Promise<void> => {
    while (remaining.length > 0) {
      const result = await step(name, args);
      if (result.ok && (name !== 'test' || /Success! \d+ passed, 0 failed/.test(result.output))) return;
      const found = diagnostics(result.output, remaining);
      const named = new Set(found.map((d) => d.module).filter((m): m is string => m !== undefined));
      // Diagnostics that name no stack fail every stack still in the root, with the whole output.
      const blame = named.size > 0 ? [...named] : remaining;
      for (const module of blame) {
        const own = found.filter((d) => d.module === module);
        failed.set(
          module,
          own.length > 0
            ? own.map((d) => `${label(module)}, resource ${d.resource ?? '(none named)'}: terraform ${name} failed:\n${d.text}`).join('\n\n')
            : `${label(module)}: terraform ${name} failed:\n${result.output}`,
        );
      }
      remaining = remaining.filter((m) => !blame.includes(m));
      if (remaining.length > 0) rewrite(remaining);
    }
  };
  const keep = (modules: readonly string[]) => modules.map((m) => byModule.get(m)).filter((e): e is (typeof entries)[number] => e !== undefined);

  // The test file and its teardown module exist before init, which installs the modules test runs use.
  writeTeardownModule(rootDir, MOCKED_ALIAS);
  writeFileSync(join(rootDir, 'rehearsal.tftest.hcl'), testFile([], [], { resources: {}, data: {} }, [MOCKED_ALIAS]).text);
  const init = await step('init', ['init', '-backend=false', '-input=false', '-no-color']);
  if (!init.ok) {
    for (const m of remaining) failed.set(m, `${label(m)}: terraform init failed:\n${init.output}`);
    remaining = [];
  } else dropLockHashes(rootDir);
  // -no-tests: validate checks the configuration as synthesized; the test file is the mocked run's.
  await runUntilClean('validate', ['validate', '-no-tests', '-no-color'], (modules) => validateRoot(keep(modules)));

  // The mocked run: ephemeral references stubbed, and one mocked provider passed to every module for each
  // of its provider configurations (a mock ignores provider settings such as region and default tags,
  // which validate has just checked against the real provider; one mock means one provider process).
  let mocked = 0;
  const writeMocked = (modules: readonly string[]): void => {
    const roots = writeRoot(keep(modules), rootDir, { transform: (json) => inlineWafRules(stubEphemeral(liftPreventDestroy(json).json).json).json, sharedProvider: MOCKED_ALIAS });
    const index = computedIndex(rootDir, options.cacheDir ?? DEFAULT_CACHE, env, providerKey(availability.pluginDir));
    const types = (pick: (s: RootStack) => readonly string[]) => [...new Set(roots.flatMap(pick))].sort();
    const file = testFile(types((s) => s.resourceTypes), types((s) => s.dataTypes), index, [MOCKED_ALIAS]);
    mocked = file.mocked;
    writeFileSync(join(rootDir, 'rehearsal.tftest.hcl'), file.text);
  };
  if (remaining.length > 0) {
    writeMocked(remaining);
    await runUntilClean('test', ['test', '-no-color'], writeMocked);
  }

  return described.map((s) => {
    const message = failed.get(s.module);
    const json = readStack(byModule.get(s.module)?.dir ?? s.module);
    const ephemeralStubbed = stubEphemeral(json).stubbed;
    const preventDestroyLifted = liftPreventDestroy(json).lifted;
    const rulesInlined = inlineWafRules(json).inlined;
    const common = { ...base(s), steps, ephemeralStubbed, preventDestroyLifted, rulesInlined, mockedTypes: mocked };
    if (message !== undefined) return { ...common, status: 'failed', message };
    return { ...common, status: 'passed', message: `validate + mocked plan/apply of ${s.resources} resources` };
  });
}

/** Rehearses one stack alone (its own root): what `pnpm rehearse <stack>` and the foundation tests use. */
export async function rehearseStack(stackDir: string, workRoot: string, availability: Availability = rehearsalAvailability(), profile?: string): Promise<RehearsalResult> {
  const [result] = await rehearseStacks([stackDir], workRoot, { availability, ...(profile ? { profile } : {}) });
  return result;
}

/** One line about a result: profile/stack, status, resources, its root's time, and what was stubbed. */
export function summarize(result: RehearsalResult): string {
  const seconds = result.steps.reduce((sum, step) => sum + step.seconds, 0).toFixed(1);
  const stubs = result.ephemeralStubbed.length ? `; ephemeral stubbed for the mocked run: ${result.ephemeralStubbed.join(', ')}` : '';
  const n = result.preventDestroyLifted.length;
  const lifted = n ? `; prevent_destroy lifted for the mocked teardown: ${n} resource${n === 1 ? '' : 's'}` : '';
  const r = result.rulesInlined.length;
  const rules = r ? `; WAF rules as rule_json for the mocked run: ${r} web ACL${r === 1 ? '' : 's'}` : '';
  return `${result.profile ? `${result.profile}/` : ''}${result.stack}: ${result.status} (${result.resources} resources; root ${seconds}s)${stubs}${lifted}${rules}`;
}

/** The AWS provider builds in a plugin directory (`<version>/<os_arch>`), naming its cached schema index. */
function providerKey(pluginDir: string): string {
  const dir = join(pluginDir, AWS_PROVIDER_SOURCE);
  return readdirSync(dir).sort().flatMap((version) => readdirSync(join(dir, version)).map((arch) => `${version}_${arch}`)).join('+');
}

/** The one provider configuration of the mocked run's root. */
const MOCKED_ALIAS = 'mocked';
