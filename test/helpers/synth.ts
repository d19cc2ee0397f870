import { Testing, type TerraformStack } from 'cdktf';
import { getEnvironmentConfig, type EnvironmentConfig, type EnvironmentInput } from '@tap/config';
import type { StackJson } from '@tap/synth';

/** Config for tests: any suffix/profile, plus overrides. */
export function testConfig(input: EnvironmentInput = {}): EnvironmentConfig {
  return getEnvironmentConfig({ suffix: 'test', ...input });
}

export function synthJson(stack: TerraformStack): StackJson {
  return JSON.parse(Testing.synth(stack)) as StackJson;
}

/** All resources of one type in a synthesized stack. */
export function resourcesOf(json: StackJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The single resource of a type (fails when there is not exactly one). */
/**
 * The stage default method settings (`*` + `/*`): one per stage. Routes to a function with reserved
 * concurrency add their own method settings beside it (throttles derived in packages/config).
 */
export function stageMethodSettings(json: StackJson): Record<string, unknown> {
  const all = resourcesOf(json, 'aws_api_gateway_method_settings').filter((s) => s.method_path === '*/*');
  if (all.length !== 1) throw new Error(`expected one aws_api_gateway_method_settings on */*, found ${all.length}`);
  return all[0];
}

export function onlyResource(json: StackJson, type: string): Record<string, unknown> {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}
