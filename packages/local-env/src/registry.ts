import { apigw } from './apigw/emulator';
import { dynamodb } from './dynamodb/emulator';
import type { Emulator, EmulatedType, Placement, TextOf } from './emulator';
import { events } from './events/emulator';
import { lambdaEventSources } from './lambda/event-source-emulator';
import { lambda } from './lambda/emulator';
import { sqs } from './sqs/emulator';
import { ssm } from './ssm/emulator';
import type { StackResource as TfResource } from '@tap/synth';

/**
 * Every emulator, in provisioning order: tables, queues, parameters, functions, rules (their targets
 * are queues and functions), APIs, then the SQS pollers (queues and functions). Adding an emulated
 * Terraform type is one entry in its emulator's `types`; adding a service is one folder and one line here.
 */
export const EMULATORS: readonly Emulator[] = [dynamodb, sqs, ssm, lambda, events, apigw, lambdaEventSources];

const BY_TYPE: ReadonlyMap<string, EmulatedType> = new Map(EMULATORS.flatMap((e) => e.types.map((t) => [t.type, t] as const)));

/** Resource types the local environment runs (everything else is listed as not emulated). */
export const EMULATED_TYPES: ReadonlySet<string> = new Set(BY_TYPE.keys());

/** Attributes of an emulated resource (its emulator's), or undefined when the type is not emulated. */
export function attributesOf(r: TfResource, at: Placement, text: TextOf): Record<string, unknown> | undefined {
  return BY_TYPE.get(r.type)?.attributes(r, at, text) as Record<string, unknown> | undefined;
}
