import type { AuthorizerModel } from './model';

/** What an authorizer decided for one request. */
export type AuthDecision =
  | { readonly kind: 'allow'; readonly principalId?: string; readonly context: Record<string, unknown>; readonly usageIdentifierKey?: string }
  | { readonly kind: 'deny'; readonly status: number; readonly message: string | null };

/** Authorizer output as a Lambda returns it. */
interface Policy {
  principalId?: string;
  policyDocument?: { Statement?: { Effect?: string; Action?: string | string[]; Resource?: string | string[] }[] };
  context?: Record<string, unknown>;
  usageIdentifierKey?: string;
}

/** Evaluates an authorizer's IAM policy for a method ARN: explicit Deny wins, then Allow, else deny. */
export function evaluatePolicy(output: unknown, methodArn: string): AuthDecision {
  const policy = (output ?? {}) as Policy;
  const statements = policy.policyDocument?.Statement;
  if (!Array.isArray(statements)) return { kind: 'deny', status: 500, message: null };
  const applies = (s: { Action?: string | string[]; Resource?: string | string[] }): boolean => {
    const actions = ([] as string[]).concat(s.Action ?? []);
    const resources = ([] as string[]).concat(s.Resource ?? []);
    return actions.some((a) => wildcard(a, 'execute-api:Invoke')) && resources.some((r) => wildcard(r, methodArn));
  };
  if (statements.some((s) => s.Effect === 'Deny' && applies(s))) return { kind: 'deny', status: 403, message: 'User is not authorized to access this resource with an explicit deny' };
  if (statements.some((s) => s.Effect === 'Allow' && applies(s))) {
    return { kind: 'allow', principalId: policy.principalId, context: policy.context ?? {}, usageIdentifierKey: policy.usageIdentifierKey };
  }
  return { kind: 'deny', status: 403, message: 'User is not authorized to access this resource' };
}

function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

/** Cached authorizer outputs per identity, for authorizer_result_ttl_in_seconds (API Gateway caches the policy, not the decision). */
export class AuthorizerCache {
  private readonly entries = new Map<string, { output: unknown; expires: number }>();

  get(authorizer: AuthorizerModel, identity: string): unknown {
    const e = this.entries.get(`${authorizer.id}|${identity}`);
    return e && e.expires > Date.now() ? e.output : undefined;
  }

  set(authorizer: AuthorizerModel, identity: string, output: unknown): void {
    if (authorizer.ttlSeconds > 0) this.entries.set(`${authorizer.id}|${identity}`, { output, expires: Date.now() + authorizer.ttlSeconds * 1000 });
  }
}
