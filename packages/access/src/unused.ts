import { existsSync, readFileSync } from 'node:fs';
import type { AccessReport } from './engine';
import { keyPolicy, MANAGED_POLICIES } from './identity';
import type { NamedPolicy } from './simulate';

/** Where the local environment records every call each function made (`pnpm local`, integration runs). */
export const DEFAULT_CALLS_FILE = '.build/access/calls.json';

/** One call a function made, as the local environment recorded it. */
export interface RecordedCall {
  /** Function name, e.g. `payment-api-create-dev`. */
  readonly function: string;
  readonly action: string;
  readonly resource: string;
}

/**
 * Grants that stay although nothing the check models uses them, each with the reason. Keyed by
 * statement Sid and action.
 */
export const KEPT_GRANTS: Readonly<Record<string, string>> = {
  'UseTableKeyViaDynamoDb kms:Encrypt': 'DynamoDB uses the table key with the caller\'s permissions (kms:ViaService) for writes it encrypts; AWS documents Encrypt, GenerateDataKey and DescribeKey for that principal',
  'UseTableKeyViaDynamoDb kms:GenerateDataKey': 'see UseTableKeyViaDynamoDb kms:Encrypt',
  'UseTableKeyViaDynamoDb kms:DescribeKey': 'see UseTableKeyViaDynamoDb kms:Encrypt',
};

export interface Grant {
  readonly principal: string;
  readonly policy: string;
  readonly sid: string;
  readonly action: string;
  /** Why it stays, when it is on the kept list. */
  readonly kept?: string;
}

export interface UnusedReport {
  readonly callsFile: string;
  readonly recordedCalls: number;
  readonly grants: readonly Grant[];
}

interface Stmt { Sid?: string; Effect?: string; Action?: string | string[] }

/** Every allowed (role, statement, action) of the identity policies the check saw. */
function allGrants(reports: readonly AccessReport[]): Map<string, Grant & { policies: NamedPolicy[] }> {
  const out = new Map<string, Grant & { policies: NamedPolicy[] }>();
  for (const report of reports) {
    for (const r of report.results) {
      for (const q of r.interaction.requests) {
        if (!q.principal.startsWith('arn:aws:iam::')) continue;
        for (const p of q.identity) {
          const raw = p.policy.Statement;
          const list = (Array.isArray(raw) ? raw : [raw]) as Stmt[];
          list.forEach((s, i) => {
            if (s.Effect !== 'Allow') return;
            for (const action of Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : []) {
              const sid = s.Sid ?? String(i + 1);
              const key = `${q.principal}|${p.name}|${sid}|${action}`;
              if (!out.has(key)) out.set(key, { principal: q.principal, policy: p.name, sid, action, policies: q.identity as NamedPolicy[] });
            }
          });
        }
      }
    }
  }
  return out;
}

/** `policy#Sid` labels that allowed a request (from the simulator's reasons). */
function usedLabels(reports: readonly AccessReport[]): Set<string> {
  const used = new Set<string>();
  for (const report of reports) {
    for (const r of report.results) {
      for (const q of r.requests) {
        if (q.decision !== 'ALLOW') continue;
        for (const label of q.reason.replace(/^allowed by /, '').split(' + ')) used.add(`${q.request.principal}|${label}|${q.request.action}`);
      }
    }
  }
  return used;
}

const actionMatches = (pattern: string, action: string): boolean => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(action);

/**
 * Grants of the execution roles that no modelled interaction (handler contracts, Lambda basics,
 * service deliveries) and no recorded call uses (a recorded call counts for the role's statements
 * granting its action).
 */
export function unusedGrants(reports: readonly AccessReport[], callsFile: string): UnusedReport {
  const grants = allGrants(reports);
  const used = usedLabels(reports);
  const calls: RecordedCall[] = existsSync(callsFile) ? (JSON.parse(readFileSync(callsFile, 'utf8')) as { calls?: RecordedCall[] }).calls ?? [] : [];
  // A recorded call counts for every statement of the calling role that grants its action.
  const recordedBy = new Map<string, RecordedCall[]>();
  for (const c of calls) recordedBy.set(c.function, [...(recordedBy.get(c.function) ?? []), c]);
  const roleOfFunction = new Map<string, string>();
  for (const report of reports) for (const r of report.results) if (r.interaction.kind === 'lambda-trust') {
    const m = /assumes (\S+) for (\S+)$/.exec(r.interaction.summary);
    if (m) roleOfFunction.set(m[2], m[1]);
  }
  const recordedActions = new Set<string>();
  for (const [fn, list] of recordedBy) {
    const role = roleOfFunction.get(fn);
    if (role) for (const c of list) recordedActions.add(`${role}|${c.action}`);
  }
  const out: Grant[] = [...unusedKeyStatements(reports, used)];
  for (const g of grants.values()) {
    const usedByCheck = [...used].some((u) => {
      const [principal, label, action] = u.split('|');
      return principal === g.principal && label === `${g.policy}#${g.sid}` && actionMatches(g.action, action);
    });
    const usedByCall = [...recordedActions].some((u) => {
      const [principal, action] = u.split('|');
      return principal === g.principal && actionMatches(g.action, action);
    });
    if (usedByCheck || usedByCall) continue;
    const kept = KEPT_GRANTS[`${g.sid} ${g.action}`] ?? (MANAGED_POLICIES[`arn:aws:iam::aws:policy/service-role/${g.policy}`] ? `part of the AWS managed policy ${g.policy}, attached as a whole (AWS keeps it current)` : undefined);
    out.push({ principal: g.principal, policy: g.policy, sid: g.sid, action: g.action, ...(kept ? { kept } : {}) });
  }
  return { callsFile, recordedCalls: calls.length, grants: out };
}

/**
 * Key policy statements for service principals (`events.amazonaws.com` may use the key) that no
 * modelled delivery used: a service that reaches the key with the caller's permissions (DynamoDB, SQS,
 * SSM, Lambda environments) needs no statement of its own.
 */
function unusedKeyStatements(reports: readonly AccessReport[], used: Set<string>): Grant[] {
  const out = new Map<string, Grant>();
  const usedKeys = new Set([...used].map((u) => u.split('|')[1]));
  for (const report of reports) {
    for (const key of report.model.ofType('aws_kms_key')) {
      const policy = keyPolicy(report.model, key);
      const raw = policy.policy.Statement;
      for (const st of (Array.isArray(raw) ? raw : [raw]) as (Stmt & { Principal?: { Service?: string | string[] } })[]) {
        const services = st.Principal?.Service;
        if (!services || st.Effect !== 'Allow') continue;
        const sid = st.Sid ?? '?';
        const name = `${key.stack}:${sid}`;
        if (usedKeys.has(`${policy.name}#${sid}`)) { out.delete(name); continue; }
        if (![...out.keys()].includes(name) && !reports.some((r) => r.model.ofType('aws_kms_key').some((k) => k.stack === key.stack && usedKeys.has(`${keyPolicy(r.model, k).name}#${sid}`)))) {
          out.set(name, { principal: String(services), policy: `${key.stack}:${key.address}.policy`, sid, action: String(st.Action) });
        }
      }
    }
  }
  return [...out.values()];
}

export function formatUnused(report: UnusedReport): string {
  const lines = [`access --unused: ${report.recordedCalls} recorded calls from ${report.callsFile}${report.recordedCalls ? '' : ' (none: run the integration suite against the local environment first)'}`];
  for (const g of report.grants) lines.push(`  ${g.kept ? 'kept  ' : 'UNUSED'} ${g.action} in ${g.policy}#${g.sid} (${g.principal.split('/').pop()})${g.kept ? `: ${g.kept}` : ''}`);
  const unused = report.grants.filter((g) => !g.kept).length;
  lines.push(`access --unused: ${unused} unused grant(s), ${report.grants.length - unused} kept with a reason`);
  return lines.join('\n');
}

