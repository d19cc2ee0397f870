import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blocks, readStack, type StackJson } from '@tap/synth';

/** One stack as a module of a rehearsal root. */
export interface RootStack {
  /** Stack name. */
  readonly stack: string;
  /** Its module's name in the root (also the name of its default provider alias). */
  readonly module: string;
  /** Aliases the stack declares itself (e.g. a replica region). */
  readonly aliases: readonly string[];
  /** Resources in the stack. */
  readonly resources: number;
  readonly resourceTypes: readonly string[];
  readonly dataTypes: readonly string[];
}

export interface RootOptions {
  /** Rewrites each stack's JSON first (e.g. the ephemeral stubs of the mocked run). Default: as synthesized. */
  readonly transform?: (json: StackJson) => StackJson;
  /**
   * Passes this one provider configuration to every module for all of its provider configurations instead
   * of hoisting each stack's own (the mocked run: a mock ignores provider settings). Default: hoisted.
   */
  readonly sharedProvider?: string;
  /**
   * Hoists one provider configuration per distinct block instead of one per stack (validate): blocks that
   * differ only in their literal region and default tag values count as one (see providerShape). Terraform
   * starts a provider process per configuration. Default: one per stack.
   */
  readonly groupProviders?: boolean;
}

/**
 * What a provider block is validated as: the block without its alias, its literal region and default tag
 * values blanked. The AWS provider checks neither when it validates (the region only when it configures,
 * which the rehearsal never does; the tags are a map of strings); a value holding a template sequence is
 * kept, since Terraform parses it. Blocks with the same shape share one configuration.
 */
export function providerShape(provider: Record<string, unknown>): string {
  const { alias: _alias, ...rest } = provider;
  const literal = (v: unknown): v is string => typeof v === 'string' && !v.includes('${') && !v.includes('%{');
  const blank = (tags: unknown): unknown => (tags && typeof tags === 'object' && !Array.isArray(tags) ? Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, literal(v) ? '' : v])) : tags);
  if (literal(rest.region)) rest.region = '';
  const blankBlock = (block: unknown): unknown => (block && typeof block === 'object' && !Array.isArray(block) ? { ...block, tags: blank((block as { tags?: unknown }).tags) } : block);
  const tags = rest.default_tags;
  return JSON.stringify({ ...rest, ...(tags !== undefined ? { default_tags: Array.isArray(tags) ? tags.map(blankBlock) : blankBlock(tags) } : {}) });
}

/** The root provider alias standing for one of a module's provider configurations. */
export function rootAlias(module: string, alias?: string): string {
  return alias ? `${module}_${alias}` : module;
}

const countResources = (json: StackJson): number => Object.values(json.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);

/**
 * Turns a stack's JSON into a child module: no backend (nothing is stored), no provider blocks (the root
 * configures them and passes them in), and the stack's own aliases declared as configuration aliases.
 */
export function asModule(json: StackJson): { module: StackJson; providers: Record<string, unknown>[] } {
  const providers = blocks(json.provider?.aws);
  const aliases = providers.map((p) => p.alias).filter((a): a is string => typeof a === 'string');
  const module: StackJson = { ...json, terraform: { ...json.terraform } };
  delete module.terraform?.backend;
  delete module.provider;
  const required = { ...(module.terraform?.required_providers ?? {}) };
  required.aws = { ...(required.aws ?? { source: 'hashicorp/aws' }), ...(aliases.length ? { configuration_aliases: aliases.map((a) => `aws.${a}`) } : {}) };
  module.terraform = { ...module.terraform, required_providers: required };
  return { module, providers };
}

/** A stack directory to place in a root, under a module name unique in that root. */
export interface RootModule {
  /** The synthesized stack directory (`cdktf.out/stacks/<stack>`). */
  readonly dir: string;
  /** Module name (a Terraform identifier). Default: the stack's name. */
  readonly name?: string;
}

/** The stack name of a synthesized stack directory. */
export const stackName = (dir: string): string => dir.split('/').filter(Boolean).pop() ?? dir;

/**
 * Writes one Terraform root holding every given stack as a module (`stacks/<module>/cdk.tf.json`), with
 * each stack's provider blocks hoisted to the root as aliases and passed to its module. Terraform then
 * starts and loads the AWS provider once per command for all of them instead of once per stack.
 */
export function writeRoot(targets: readonly RootModule[], rootDir: string, options: RootOptions = {}): RootStack[] {
  const transform = options.transform ?? ((json: StackJson) => json);
  // Rewriting keeps what `terraform init` installed (.terraform): the mocked run reuses it.
  for (const generated of ['stacks', 'assets', 'main.tf.json']) rmSync(join(rootDir, generated), { recursive: true, force: true });
  mkdirSync(join(rootDir, 'assets'), { recursive: true });
  const rootProviders: Record<string, unknown>[] = [];
  // With groupProviders: the root alias already standing for each provider shape.
  const byShape = new Map<string, string>();
  const modules: Record<string, unknown> = {};
  const stacks: RootStack[] = [];
  let requiredAws: Record<string, unknown> = { source: 'hashicorp/aws' };
  let requiredVersion: string | undefined;
  for (const target of targets) {
    const stack = stackName(target.dir);
    const name = target.name ?? stack;
    if (name in modules) throw new Error(`two stacks would be module ${name} of one rehearsal root: give them distinct names`);
    const { module, providers } = asModule(transform(readStack(target.dir)));
    const aliases: string[] = [];
    const passed: Record<string, string> = {};
    for (const provider of providers) {
      const alias = typeof provider.alias === 'string' ? provider.alias : undefined;
      if (alias) aliases.push(alias);
      let target = options.sharedProvider ?? rootAlias(name, alias);
      if (!options.sharedProvider) {
        const shape = options.groupProviders ? providerShape(provider) : undefined;
        const existing = shape === undefined ? undefined : byShape.get(shape);
        if (existing !== undefined) target = existing;
        else {
          rootProviders.push({ ...provider, alias: target });
          if (shape !== undefined) byShape.set(shape, target);
        }
      }
      passed[alias ? `aws.${alias}` : 'aws'] = `aws.${target}`;
    }
    const { configuration_aliases: _aliases, ...aws } = (module.terraform?.required_providers?.aws ?? {}) as Record<string, unknown>;
    requiredAws = { ...requiredAws, ...aws };
    requiredVersion ??= module.terraform?.required_version;
    const moduleDir = join(rootDir, 'stacks', name);
    mkdirSync(moduleDir, { recursive: true });
    writeFileSync(join(moduleDir, 'cdk.tf.json'), JSON.stringify(module, null, 2));
    // Asset paths (`assets/<asset>/<content hash>/...`) are relative to Terraform's working directory, the
    // root: link each stack's asset folders there. A content hash names the same files in every stack.
    const assets = join(target.dir, 'assets');
    for (const asset of existsSync(assets) ? readdirSync(assets) : []) {
      mkdirSync(join(rootDir, 'assets', asset), { recursive: true });
      for (const hash of readdirSync(join(assets, asset))) {
        const link = join(rootDir, 'assets', asset, hash);
        if (!existsSync(link)) symlinkSync(join(assets, asset, hash), link);
      }
    }
    modules[name] = { source: `./stacks/${name}`, providers: passed };
    stacks.push({ stack, module: name, aliases, resources: countResources(module), resourceTypes: Object.keys(module.resource ?? {}), dataTypes: Object.keys(module.data ?? {}) });
  }
  const root = {
    terraform: { required_providers: { aws: requiredAws }, ...(requiredVersion ? { required_version: requiredVersion } : {}) },
    provider: { aws: options.sharedProvider ? [{ alias: options.sharedProvider }] : rootProviders },
    module: modules,
  };
  writeFileSync(join(rootDir, 'main.tf.json'), JSON.stringify(root, null, 2));
  return stacks;
}

/** Where the mocked run's teardown module lives in a rehearsal root (see the test file in mocks.ts). */
export const TEARDOWN_MODULE = 'teardown';

/**
 * Writes the teardown module: the root's provider requirements and its one shared provider configuration,
 * no resources. Applying it over the mocked run's state deletes everything that run created.
 */
export function writeTeardownModule(rootDir: string, sharedProvider: string): void {
  const root = JSON.parse(readFileSync(join(rootDir, 'main.tf.json'), 'utf8')) as StackJson;
  const dir = join(rootDir, TEARDOWN_MODULE);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: root.terraform, provider: { aws: [{ alias: sharedProvider }] } }, null, 2));
}
