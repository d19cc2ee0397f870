import type { ApiFront } from './apigw/server';
import type { AwsEndpoint } from './aws/endpoint';
import type { EventBus, RuleSpec } from './events/bus';
import type { Faults } from './faults';
import type { AccessEnforcer } from './iam/enforcer';
import type { SqsPoller } from './lambda/event-source';
import type { InvokeResult, LocalFunction } from './lambda/runtime';
import type { LocalEnvironmentOptions } from './options';
import type { Resolver } from './refs';
import type { QueueSpec, SqsEngine } from './sqs/engine';
import type { SsmStore } from './ssm/store';
import type { SynthStack, StackResource as TfResource } from '@tap/synth';

/** Where the emulated resources live, so their URLs and ARNs can be computed (every port is bound first). */
export interface Placement {
  readonly region: string;
  readonly accountId: string;
  /** Port of the AWS endpoint (SQS queue URLs carry it). */
  readonly awsPort: number;
  /** Port of each REST API's front, by `<stack>|<resource name>`. */
  readonly apiPorts: ReadonlyMap<string, number>;
}

/** Resolves a config value that may itself be a token. */
export type TextOf = (value: unknown) => string;

/** One emulated Terraform resource type and what its references (`${<type>.<name>.<attribute>}`) resolve to. */
export interface EmulatedType<A extends object = object> {
  readonly type: string;
  /** Its attributes, from its synthesized config and where it runs; undefined when they cannot be known locally. */
  attributes(r: TfResource, at: Placement, text: TextOf): A | undefined;
}

/** One row of the README's table of what the synthesized stacks become locally (generated from the registry). */
export interface EmulatorDoc {
  readonly declared: string;
  readonly locally: string;
}

/**
 * One emulated service: its engine and wire protocol (in its folder) and the Terraform types it
 * provisions. The registry (registry.ts) lists them in provisioning order; what a synth declares and
 * no emulator's `types` lists is reported as not emulated (not-emulated.ts).
 */
export interface Emulator {
  /** The service, as start-up and the README name it. */
  readonly service: string;
  readonly types: readonly EmulatedType[];
  readonly doc: EmulatorDoc;
  /**
   * Before the resolver is built: its servers, their ports, its protocol on the AWS endpoint. Returns how
   * it brings up the declared resources once every name, URL and ARN resolves (run in registry order).
   */
  start(context: EmulatorContext): Promise<Provision> | Provision;
}

/** Brings up one emulator's declared resources. */
export type Provision = (context: ProvisionContext) => Promise<void> | void;

/** The engines and resources the emulators share (a function is invoked by APIs, rules and pollers). */
export interface LocalState {
  readonly sqs: SqsEngine;
  readonly ssm: SsmStore;
  /** By function name. */
  readonly functions: Map<string, LocalFunction>;
  /** By queue ARN. */
  readonly queues: Map<string, QueueSpec>;
  /** By `<stack>|<name>` of the aws_api_gateway_rest_api. */
  readonly fronts: Map<string, ApiFront>;
  readonly rules: RuleSpec[];
  readonly pollers: SqsPoller[];
  events?: EventBus;
  readonly faults: Faults;
  /** Start-up report: what is declared and not emulated, then warnings (listed after the services' notes). */
  readonly notEmulated: string[];
  readonly warnings: string[];
  /** Invokes a function by ARN or API Gateway invoke ARN (ResourceNotFoundException when it is not running). */
  invoke(arnOrInvokeArn: string, event: unknown): Promise<InvokeResult>;
}

/** What every emulator reads: the synth, the options, the shared state. */
export interface EmulatorContext {
  readonly stacks: readonly SynthStack[];
  readonly options: LocalEnvironmentOptions;
  readonly region: string;
  readonly accountId: string;
  readonly stateDir: string;
  readonly log: (line: string) => void;
  readonly endpoint: AwsEndpoint;
  /** IAM and network enforcement (iam/); absent when turned off. */
  readonly enforcer?: AccessEnforcer;
  readonly state: LocalState;
  /** Every resource of a type across the stacks. */
  all(type: string): TfResource[];
  /** Run on stop, in reverse order of registration. */
  onStop(stop: () => Promise<void>): void;
}

/** After the ports: tokens resolve to the local names, URLs and ARNs. */
export interface ProvisionContext extends EmulatorContext {
  readonly resolver: Resolver;
  readonly at: Placement;
  /** Environment variables that point SDK v3 clients at the local servers. */
  readonly endpoints: Readonly<Record<string, string>>;
}
