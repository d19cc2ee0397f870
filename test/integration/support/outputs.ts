/**
 * The one way integration suites learn about the environment under test: cfn-outputs/flat-outputs.json
 * (or FLAT_OUTPUTS). The same suites run against a real deployment (INTEGRATION_TARGET=aws, after
 * `pnpm outputs:flatten`) and against the local environment (default; started by global-setup.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT } from '@tap/synth';

export type Outputs = Record<string, string>;


/** Where the flat outputs are read from: env FLAT_OUTPUTS, else <repo>/cfn-outputs/flat-outputs.json. */
export function outputsPath(): string {
  return resolve(process.env.FLAT_OUTPUTS ?? join(REPO_ROOT, 'cfn-outputs', 'flat-outputs.json'));
}

/** Which environment the suites exercise: env INTEGRATION_TARGET, default `local`. */
export function integrationTarget(): 'local' | 'aws' {
  const target = process.env.INTEGRATION_TARGET ?? 'local';
  if (target !== 'local' && target !== 'aws') throw new Error(`INTEGRATION_TARGET must be "local" or "aws", got "${target}"`);
  return target;
}

const HOW_TO = (): string =>
  integrationTarget() === 'aws'
    ? 'deploy with `pnpm exec cdktf deploy <stacks> --outputs-file cdktf.out/outputs.json`, then `pnpm outputs:flatten`'
    : 'run `pnpm test:integration` (its global setup starts the local environment and writes the file), or `pnpm local` in another shell';

/** Reads every flat output as a string. Throws, saying how to produce the file, when it is absent. */
export function loadOutputs(): Outputs {
  const file = outputsPath();
  if (!existsSync(file)) throw new Error(`integration outputs not found: ${file} does not exist. To produce it, ${HOW_TO()}.`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const outputs: Outputs = {};
  for (const [k, v] of Object.entries(raw)) outputs[k] = String(v);
  return outputs;
}

/** Keys the local environment left out because they need a service it does not emulate (with why). */
function notEmulatedLocally(): Map<string, string> {
  const file = join(dirname(outputsPath()), 'local-environment.json');
  if (integrationTarget() !== 'local' || !existsSync(file)) return new Map();
  const report = JSON.parse(readFileSync(file, 'utf8')) as { omittedOutputs?: { key: string; reason: string }[] };
  return new Map((report.omittedOutputs ?? []).map((o) => [o.key, o.reason]));
}

/**
 * The outputs a suite needs. A missing key fails the suite with an error naming the keys and how to
 * produce them. It is skipped instead (every test reported as skipped, with a printed `SKIPPED:` line)
 * only when explicitly allowed: ALLOW_MISSING_OUTPUTS=1, or, against the local environment, when the
 * environment itself declared those keys not emulated (e.g. vpcId: EC2 is not emulated).
 * Call at the top of the suite file, before `describe`.
 */
export function requireOutputs(keys: readonly string[]): Outputs {
  const outputs = existsSync(outputsPath()) ? loadOutputs() : undefined;
  const missing = keys.filter((k) => outputs?.[k] === undefined || outputs[k] === '');
  if (outputs && missing.length === 0) return outputs;

  const unemulated = notEmulatedLocally();
  const allNotEmulated = missing.length > 0 && missing.every((k) => unemulated.has(k));
  const explanation = outputs
    ? `missing output(s) ${missing.join(', ')} in ${outputsPath()} (target ${integrationTarget()})`
    : `${outputsPath()} does not exist (target ${integrationTarget()})`;
  if (process.env.ALLOW_MISSING_OUTPUTS === '1' || allNotEmulated) {
    const why = allNotEmulated ? `not emulated locally: ${missing.map((k) => `${k} (${unemulated.get(k)})`).join('; ')}` : `${explanation}; ALLOW_MISSING_OUTPUTS=1`;
    process.stdout.write(`SKIPPED: ${expect.getState().testPath ?? 'integration suite'}: ${why}\n`);
    skipSuite();
    return outputs ?? {};
  }
  throw new Error(`${explanation}. Needed: ${keys.join(', ')}. To produce them, ${HOW_TO()}. Set ALLOW_MISSING_OUTPUTS=1 to skip instead.`);
}

/** Turns every describe/it/test registered after this call into a skipped one (reported as skipped). */
function skipSuite(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.describe = describe.skip;
  g.it = it.skip;
  g.test = test.skip;
}
