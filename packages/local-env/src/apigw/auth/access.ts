import { anonymousPrincipal, runSimulation } from '@cloud-copilot/iam-simulate';
import type { LocalClient, PolicyDocument } from './clients';
import { verifySigV4, type Refusal, type SignedRequest } from './sigv4';

/** `requestContext.identity` fields API Gateway fills for an IAM-authorized caller. */
export interface CallerIdentity {
  readonly accountId: string;
  readonly caller: string;
  readonly user: string;
  readonly userArn: string;
  readonly accessKey: string;
}

export interface AccessRequest extends SignedRequest {
  /** The method's `authorization` (`AWS_IAM`, `NONE`, `CUSTOM`, ...). */
  readonly authorization: string;
  /** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path>`. */
  readonly methodArn: string;
  /** The route the request matched (`/payments/{id}`): verdicts are cached per route, not per id. */
  readonly route: string;
}

export interface AccessOptions {
  readonly region: string;
  readonly accountId: string;
  readonly clients: readonly LocalClient[];
  /** The API's resource policy, if it has one. */
  readonly resourcePolicy?: PolicyDocument;
  readonly now?: () => number;
}

/**
 * API Gateway's access checks for one REST API, in its order: SigV4 on `AWS_IAM` methods (missing,
 * malformed, unknown key, expired, mismatch), then the caller's identity policies together with the
 * API's resource policy, evaluated by @cloud-copilot/iam-simulate (same-account callers need an allow
 * in either, cross-account callers in both, an explicit deny wins). Methods without IAM are checked
 * against the resource policy as the anonymous principal. Refusals carry API Gateway's bodies.
 */
export class ApiAccess {
  /**
   * Verdicts by principal, method and route: the policies are fixed for the environment's life and name
   * routes (path parameters as `*`), so one evaluation per route serves every id, and a burst is not
   * slowed by one simulation per request.
   */
  private readonly verdicts = new Map<string, Promise<string>>();

  constructor(private readonly options: AccessOptions) {}

  async check(request: AccessRequest): Promise<{ readonly kind: 'allow'; readonly identity?: CallerIdentity } | ({ readonly kind: 'refuse' } & Refusal)> {
    const { resourcePolicy } = this.options;
    if (request.authorization !== 'AWS_IAM') {
      if (!resourcePolicy) return { kind: 'allow' };
      const verdict = await this.evaluate(undefined, request);
      return verdict === 'Allowed' ? { kind: 'allow' } : { kind: 'refuse', ...denied('anonymous', request.methodArn, verdict) };
    }
    const signed = await verifySigV4(request, this.options.clients, this.options.region, (this.options.now ?? Date.now)());
    if (!('client' in signed)) return { kind: 'refuse', ...signed };
    const { client } = signed;
    const verdict = await this.evaluate(client, request);
    if (verdict !== 'Allowed') return { kind: 'refuse', ...denied(client.sessionArn, request.methodArn, verdict) };
    return {
      kind: 'allow',
      identity: { accountId: client.accountId, caller: `${client.roleId}:local`, user: `${client.roleId}:local`, userArn: client.sessionArn, accessKey: client.accessKeyId },
    };
  }

  /**
   * Evaluates every client (and the anonymous caller) against every route in the background, so the
   * first requests of a burst do not wait for the simulator's first load. Resolves once all are
   * evaluated (a failed one is evaluated again on its first request).
   */
  async warm(routes: readonly { readonly method: string; readonly route: string; readonly methodArn: string }[]): Promise<void> {
    const pending: Promise<unknown>[] = [];
    for (const r of routes) {
      for (const client of [undefined, ...this.options.clients]) pending.push(this.evaluate(client, r).catch(() => undefined));
    }
    await Promise.all(pending);
  }

  private evaluate(client: LocalClient | undefined, request: Pick<AccessRequest, 'method' | 'route' | 'methodArn'>): Promise<string> {
    const key = `${client?.accessKeyId ?? 'anonymous'}|${request.method}|${request.route}`;
    let verdict = this.verdicts.get(key);
    if (!verdict) {
      verdict = this.simulate(client, request.methodArn);
      this.verdicts.set(key, verdict);
      verdict.catch(() => this.verdicts.delete(key));
    }
    return verdict;
  }

  private async simulate(client: LocalClient | undefined, methodArn: string): Promise<string> {
    const result = await runSimulation(
      {
        request: { principal: client ? client.sessionArn : anonymousPrincipal, action: 'execute-api:Invoke', resource: { resource: methodArn, accountId: this.options.accountId }, contextVariables: {} },
        identityPolicies: client ? client.identityPolicies.map((policy, i) => ({ name: `${client.name}-${i}`, policy })) : [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        ...(this.options.resourcePolicy ? { resourcePolicy: this.options.resourcePolicy } : {}),
      },
      {},
    );
    if (result.resultType === 'error') throw new Error(`resource or identity policy does not evaluate: ${JSON.stringify(result.errors).slice(0, 500)}`);
    return result.overallResult;
  }
}

function denied(who: string, methodArn: string, verdict: string): Refusal {
  const explicit = verdict === 'ExplicitlyDenied' ? ' with an explicit deny' : '';
  // API Gateway spells this key with a capital M (unlike its other 403 bodies).
  return { status: 403, body: { Message: `User: ${who} is not authorized to perform: execute-api:Invoke on resource: ${methodArn}${explicit}` }, errorType: 'AccessDeniedException' };
}
