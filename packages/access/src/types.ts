import type { NetworkResult, NetworkService } from './network';
import type { Res } from './model';
import type { AccessRequest, Decision, RequestResult } from './simulate';

/** Every kind of runtime interaction the check derives from a synth (README "Interaction kinds"). */
export type InteractionKind =
  | 'sdk-call'
  | 'lambda-trust'
  | 'lambda-logs'
  | 'lambda-xray'
  | 'lambda-eni'
  | 'lambda-env-key'
  | 'sqs-event-source'
  | 'apigw-invoke'
  | 'apigw-authorizer'
  | 'apigw-stage-logs'
  | 'logs-cmk'
  | 'alarm-topic'
  | 'eventbridge-target'
  | 'flow-log'
  | 'backup'
  | 's3-replication';

/** One runtime interaction: the authorization requests AWS makes for it, and the network path it needs. */
export interface Interaction {
  readonly kind: InteractionKind;
  readonly stack: string;
  /** Who acts (function name, service) and on what, in words. */
  readonly summary: string;
  readonly requests: readonly AccessRequest[];
  /** A VPC-attached function reaching a service endpoint. */
  readonly network?: { readonly fn: Res; readonly service: NetworkService };
  /** Decided before any request: a fact the synth lacks (UNKNOWN) or a missing piece (DENY). */
  readonly preset?: { readonly decision: Decision; readonly reason: string };
}

export interface InteractionResult {
  readonly interaction: Interaction;
  readonly decision: Decision;
  /** Why: the deciding statements, or what is missing. */
  readonly reason: string;
  readonly requests: readonly RequestResult[];
  readonly network?: NetworkResult;
}
