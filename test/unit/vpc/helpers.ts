import { Testing } from 'cdktf';
import type { EnvironmentInput } from '@tap/config';
import { VpcStack } from '@tap/stack-vpc';
import { synthJson, testConfig } from '../../helpers/synth';
import type { StackJson } from '@tap/synth';

export const PROFILES = ['dev', 'pr', 'production'] as const;

/** Synthesizes the VPC stack for a test config (suffix `test` unless given). */
export function synthVpc(input: EnvironmentInput = {}): StackJson {
  return synthJson(new VpcStack(Testing.app(), 'vpc', { config: testConfig(input) }));
}

/** Resources of a type keyed by their logical id. */
export function byId(json: StackJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** `${aws_x.id.attr}` for a resource's logical id. */
export function ref(type: string, id: string, attribute = 'id'): string {
  return `\${${type}.${id}.${attribute}}`;
}

export function tagsOf(resource: Record<string, unknown>): Record<string, string> {
  return (resource.tags ?? {}) as Record<string, string>;
}
