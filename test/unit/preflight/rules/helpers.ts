import { runPreflight, type Finding, type PreflightOptions, type Rule } from '@tap/preflight';
import type { StackDoc, StackJson } from '@tap/synth';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

export interface StackSpec {
  readonly name?: string;
  readonly resource?: Resources;
  readonly data?: Resources;
  readonly output?: Record<string, Record<string, unknown>>;
  readonly terraform?: Record<string, unknown>;
  /** Provider default tags. Default: suffix `dev`, profile `dev`. */
  readonly tags?: Record<string, string>;
  /** Raw provider block (replaces the default). */
  readonly provider?: StackJson['provider'];
}

/** A synthesized stack as cdktf would write it, minimal: provider with default tags + the given blocks. */
export function stack(spec: StackSpec): StackDoc {
  const tags = spec.tags ?? { EnvironmentSuffix: 'dev', Environment: 'dev', Profile: 'dev', Project: 'tap' };
  const json: StackJson = {
    provider: spec.provider ?? { aws: [{ region: 'us-east-1', default_tags: [{ tags }] }] },
    terraform: spec.terraform ?? { required_version: '>= 1.11.0', backend: { local: { path: 'x.tfstate' } } },
    ...(spec.resource ? { resource: spec.resource } : {}),
    ...(spec.data ? { data: spec.data } : {}),
    ...(spec.output ? { output: spec.output } : {}),
  };
  return { name: spec.name ?? 'app', json, path: '' };
}

/** Runs one rule over the given stacks and returns its findings (suppressions applied). */
export function check(rule: Rule, stacks: StackDoc | StackDoc[], options: PreflightOptions = {}): Finding[] {
  return runPreflight(Array.isArray(stacks) ? stacks : [stacks], options, [rule]).findings.filter((f) => f.ruleId === rule.id);
}

/** A Lambda function body that passes every Lambda rule; override what a test needs. */
export function goodFunction(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    function_name: name,
    role: '${aws_iam_role.r.arn}',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    timeout: 30,
    kms_key_arn: '${aws_kms_key.k.arn}',
    tracing_config: { mode: 'Active' },
    environment: { variables: { TABLE: 'items-dev' } },
    ...overrides,
  };
}

/** Every rule file documents its anchors in a one-line comment; tests use this to print the rule. */
export const title = (rule: Rule): string => `${rule.id} (${rule.anchors.join(', ') || 'no public anchor'})`;
