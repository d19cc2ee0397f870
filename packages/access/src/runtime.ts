import type { ContractResource } from '@tap/lambda-kit';
import type { StackDoc } from '@tap/synth';
import { decideInteraction } from './engine';
import { callRequests, eventSources, functions, type FunctionInfo } from './interactions/lambda';
import { eventTargets } from './interactions/services';
import { AppModel, type Res } from './model';
import { arnPath } from './interactions/apigw';
import { lambdaPolicy } from './interactions/resource-policies';
import { ACCOUNT_ID } from './arns';
import { reach, type NetworkResult, type NetworkService } from './network';
import { decide, type Decision } from './simulate';
import type { Interaction, InteractionResult } from './types';

/** One call a function makes at run time, as the local AWS endpoint sees it. */
export interface RuntimeCall {
  /** The calling function's name (`payment-api-create-dev`). */
  readonly functionName: string;
  /** IAM action, e.g. `sqs:SendMessage`. */
  readonly action: string;
  readonly resource: ContractResource;
  /** The resource's name: table, queue, bus or parameter name (not a local URL). */
  readonly name: string;
  /** A DynamoDB index the call reads. */
  readonly indexName?: string;
  /** SSM: the call asks for decryption. */
  readonly decrypt?: boolean;
}

/**
 * One invocation API Gateway makes at run time: a method's integration (its stage, method and resource
 * path, e.g. `/payments/{id}`) or a Lambda authorizer (named as in the synth).
 */
export type ApiInvocation =
  | { readonly api: string; readonly invokeArn: string; readonly stage: string; readonly method: string; readonly path: string }
  | { readonly api: string; readonly invokeArn: string; readonly authorizer: string };

export interface RuntimeVerdict {
  readonly decision: Decision;
  /** `iam` when a policy denies it, `network` when no path reaches the service. */
  readonly deniedBy?: 'iam' | 'network';
  readonly reason: string;
  readonly roleArn?: string;
  readonly resourceArn?: string;
  readonly network?: NetworkResult;
}

/** The deliveries services perform that the local environment asks about. */
export type DeliveryKind = 'eventbridge-target' | 'sqs-event-source';

const SERVICE: Record<ContractResource, NetworkService> = { 'dynamodb-table': 'dynamodb', 'sqs-queue': 'sqs', 'event-bus': 'events', 'ssm-parameter': 'ssm', 's3-bucket': 's3' };
const NAME_ATTR: Record<ContractResource, [string, string]> = {
  'dynamodb-table': ['aws_dynamodb_table', 'name'],
  'sqs-queue': ['aws_sqs_queue', 'name'],
  'event-bus': ['aws_cloudwatch_event_bus', 'name'],
  'ssm-parameter': ['aws_ssm_parameter', 'name'],
  's3-bucket': ['aws_s3_bucket', 'bucket'],
};

/**
 * The same decisions as `pnpm access`, for calls made at run time: the local environment asks it for
 * every call a function makes (any action, any resource, not only the declared ones) and for the
 * service deliveries it performs. Decisions are cached per function, action and resource.
 */
export class RuntimeAuthorizer {
  readonly model: AppModel;
  private readonly infos: FunctionInfo[];
  private readonly cache = new Map<string, Promise<RuntimeVerdict>>();
  /** The interactions of each delivery kind, derived once; each decided on first use, then cached. */
  private readonly deliveries = new Map<DeliveryKind, readonly Interaction[]>();
  private readonly decided = new Map<Interaction, Promise<InteractionResult>>();

  constructor(stacks: readonly StackDoc[], networkStacks: readonly StackDoc[] = []) {
    this.model = new AppModel(stacks, networkStacks.map((s) => ({ ...s, name: `network:${s.name}` })));
    // Run-time calls are decided by the function's role, whatever the handler does: its contract (what
    // the static check proves complete) is not read here, so the handler runtime is never loaded.
    this.infos = functions(this.model, []);
  }

  /** Role ARN of a function of the synth (undefined for a name the app does not create). */
  roleOf(functionName: string): string | undefined {
    return this.infos.find((i) => i.name === functionName)?.role?.arn;
  }

  authorize(call: RuntimeCall): Promise<RuntimeVerdict> {
    return cachedIn(this.cache, JSON.stringify(call), () => this.decideCall(call));
  }

  private async decideCall(call: RuntimeCall): Promise<RuntimeVerdict> {
    const info = this.infos.find((i) => i.name === call.functionName);
    if (!info?.role) return { decision: 'UNKNOWN', reason: `function ${call.functionName} has no role in this synth` };
    const [type, attr] = NAME_ATTR[call.resource];
    const res: Res | undefined = this.model.ofType(type).find((r) => this.model.attrs(r)?.[attr] === call.name);
    if (!res) return { decision: 'UNKNOWN', roleArn: info.role.arn, reason: `${call.name} is not a ${call.resource} of this synth` };
    const base = String(this.model.attrs(res)?.arn);
    const arn = call.indexName ? `${base}/index/${call.indexName}` : base;
    const results = await Promise.all(callRequests(this.model, info, call, res, arn).map((r) => decide(r)));
    const denied = results.find((r) => r.decision === 'DENY');
    if (denied) return { decision: 'DENY', deniedBy: 'iam', roleArn: info.role.arn, resourceArn: denied.request.resource, reason: `${denied.request.action} on ${denied.request.resource}: ${denied.reason}` };
    const network = reach(this.model, info.fn, SERVICE[call.resource]);
    if (network.decision === 'DENY') return { decision: 'DENY', deniedBy: 'network', roleArn: info.role.arn, resourceArn: arn, reason: network.reason, network };
    return { decision: results.some((r) => r.decision === 'UNKNOWN') || network.decision === 'UNKNOWN' ? 'UNKNOWN' : 'ALLOW', roleArn: info.role.arn, resourceArn: arn, reason: results.map((r) => r.reason).join('; '), network };
  }

  /**
   * API Gateway invoking a function at run time, decided as `pnpm access` decides `apigw-invoke` and
   * `apigw-authorizer`: `lambda:InvokeFunction` by `apigateway.amazonaws.com` on the exact alias (or
   * function) the invoke ARN names, against the function's resource policy assembled from its
   * `aws_lambda_permission`s, with the source ARN AWS sends (`<execution_arn>/<stage>/<METHOD>/<path>`,
   * each path parameter a sample value as in the static check, or `<execution_arn>/authorizers/<id>`).
   * Decided once per route and cached: a simulation per request would slow the local front enough to
   * spread out a burst. The invoke ARN may carry local names: only the function name and qualifier are
   * read from it, everything else comes from the synth's stand-ins.
   */
  invocation(call: ApiInvocation): Promise<RuntimeVerdict> {
    return cachedIn(this.cache, `invoke|${JSON.stringify(call)}`, () => this.decideInvocation(call));
  }

  private async decideInvocation(call: ApiInvocation): Promise<RuntimeVerdict> {
    const fnArn = /functions\/(.+)\/invocations$/.exec(call.invokeArn)?.[1] ?? call.invokeArn;
    const [, , , , , , name, qualifier] = fnArn.split(':');
    const fn = this.model.ofType('aws_lambda_function').find((f) => this.model.attrs(f)?.function_name === name);
    if (!fn) return { decision: 'UNKNOWN', reason: `function ${name ?? fnArn} is not created by this synth` };
    const alias = qualifier ? this.model.ofType('aws_lambda_alias').find((a) => this.model.attrs(a)?.name === qualifier && this.model.target(a.stack, a.body.function_name) === fn) : undefined;
    if (qualifier && !alias) return { decision: 'DENY', deniedBy: 'iam', reason: `${name} has no alias ${qualifier} in this synth (ResourceNotFoundException)` };
    const resourceArn = String(this.model.attrs(alias ?? fn)?.arn);
    const api = this.model.ofType('aws_api_gateway_rest_api').find((a) => this.model.attrs(a)?.name === call.api);
    if (!api) return { decision: 'UNKNOWN', resourceArn, reason: `API ${call.api} is not created by this synth` };
    const apiAttrs = this.model.attrs(api) ?? {};
    let sourceArn: string;
    if ('authorizer' in call) {
      const auth = this.model.ofType('aws_api_gateway_authorizer').find((a) => a.stack === api.stack && this.model.attrs(a)?.name === call.authorizer && this.model.attrs(a)?.rest_api_id === apiAttrs.id);
      if (!auth) return { decision: 'UNKNOWN', resourceArn, reason: `API ${call.api} has no authorizer ${call.authorizer} in this synth` };
      sourceArn = `${String(apiAttrs.execution_arn)}/authorizers/${String(this.model.attrs(auth)?.id)}`;
    } else {
      sourceArn = `${String(apiAttrs.execution_arn)}/${call.stage}/${call.method}${arnPath(call.path)}`;
    }
    const result = await decide({
      principal: 'apigateway.amazonaws.com',
      action: 'lambda:InvokeFunction',
      resource: resourceArn,
      identity: [],
      resourcePolicy: lambdaPolicy(this.model, fn),
      context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': ACCOUNT_ID },
    });
    const reason = `apigateway.amazonaws.com lambda:InvokeFunction on ${resourceArn} from ${sourceArn}: ${result.reason}`;
    return { decision: result.decision, ...(result.decision === 'DENY' ? { deniedBy: 'iam' as const } : {}), resourceArn, reason };
  }

  /**
   * The decision for a delivery a service performs: an interaction of `kind` whose summary names
   * every one of `names` (rule and queue, queue and function), decided as the static check decides it
   * (only the interactions of that kind are derived, not the whole check). UNKNOWN when there is none.
   */
  async delivery(kind: DeliveryKind, names: readonly string[]): Promise<{ decision: Decision; reason: string }> {
    const all = cachedIn(this.deliveries, kind, () => (kind === 'sqs-event-source' ? eventSources(this.model, this.infos) : eventTargets(this.model)));
    const found = all.filter((i) => names.every((n) => i.summary.includes(n)));
    if (found.length === 0) return { decision: 'UNKNOWN', reason: `no ${kind} interaction names ${names.join(' and ')}` };
    const results = await Promise.all(found.map((i) => cachedIn(this.decided, i, () => decideInteraction(this.model, i))));
    const denied = results.find((r) => r.decision === 'DENY');
    return denied ? { decision: 'DENY', reason: denied.reason } : { decision: results[0].decision, reason: results[0].reason };
  }
}

/** The value `cache` holds for `key`, computed and kept on first use. */
function cachedIn<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as V;
}
