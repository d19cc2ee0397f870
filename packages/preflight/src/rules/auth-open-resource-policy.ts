import { resources } from '@tap/synth';
import { defineRule } from './define';

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Condition?: Record<string, unknown>;
  Resource?: string | string[];
}

const isEveryone = (p: unknown): boolean =>
  p === '*' || (typeof p === 'object' && p !== null && [(p as { AWS?: unknown }).AWS].flat().some((a) => a === '*'));

/** A statement about CORS preflights only: browsers never sign an OPTIONS preflight, so it cannot be narrowed by principal. */
const optionsOnly = (s: Statement): boolean => {
  const list = [s.Resource ?? []].flat();
  return list.length > 0 && list.every((r) => /\/OPTIONS\//.test(r));
};

/** Parsed policy statements of a policy string; undefined when the policy is an expression, not JSON. */
function statements(policy: unknown): Statement[] | undefined {
  if (typeof policy !== 'string') return undefined;
  try {
    const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    return [doc.Statement ?? []].flat();
  } catch {
    return undefined;
  }
}

/** TAP-AUTH-03 An API resource policy never allows Principal * without a condition — no public anchor. */
// An Allow that covers only the OPTIONS method (CORS preflights, which carry no credentials) is the one exception.
export const authOpenResourcePolicy = defineRule(
  {
    id: 'TAP-AUTH-03',
    severity: 'error',
    description: 'an API resource policy Allow with Principal * has a Condition (e.g. aws:PrincipalOrgID, aws:SourceVpce), unless it covers only OPTIONS',
    anchors: [],
  },
  (ctx, report) => {
    const policies = [
      ...resources(ctx.stack.json, 'aws_api_gateway_rest_api_policy').map((r) => ({ address: r.address, policy: r.body.policy })),
      ...resources(ctx.stack.json, 'aws_api_gateway_rest_api').map((r) => ({ address: r.address, policy: r.body.policy })),
    ];
    for (const { address, policy } of policies) {
      for (const s of statements(policy) ?? []) {
        if (s.Effect !== 'Allow' || !isEveryone(s.Principal) || optionsOnly(s)) continue;
        if (!s.Condition || Object.keys(s.Condition).length === 0) {
          report(address, 'resource policy allows Principal * with no condition: any AWS account (or anyone, for methods without IAM) may invoke. Fix: name the principals (account ids, role ARNs) or add a condition such as aws:PrincipalOrgID.');
        }
      }
    }
  },
);
