import { isStatefulResourceType } from '@tap/config';
import type { PlanJson, PlanResourceChange } from './plan-json';

/** What a resource change amounts to; a delete + create pair (either order) is one replacement. */
export type ChangeKind = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op' | 'forget';

export interface SummarizedChange {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** A table, bucket, KMS key or backup vault (`STATEFUL_RESOURCE_TYPES`). */
  readonly stateful: boolean;
  /** Terraform's `action_reason`, e.g. `replace_because_cannot_update`. */
  readonly reason?: string;
  /** Updates: the top-level attributes that change. Replacements: the attributes forcing it. */
  readonly attributes: readonly string[];
  /** An update that changes only `tags` / `tags_all`. */
  readonly tagsOnly: boolean;
}

export interface StackSummary {
  readonly stack: string;
  readonly counts: { readonly create: number; readonly update: number; readonly delete: number; readonly replace: number };
  /** Managed resources that change (no-ops and data reads left out). */
  readonly changes: readonly SummarizedChange[];
  /** Resources changed outside Terraform since the last apply (`resource_drift`). */
  readonly drift: readonly SummarizedChange[];
  /** Stateful resources this plan destroys or replaces: data loss unless someone meant it. */
  readonly statefulLosses: readonly SummarizedChange[];
  /** Terraform reported the plan as errored (incomplete). */
  readonly errored: boolean;
}

const TAG_ATTRIBUTES = new Set(['tags', 'tags_all']);

export function changeKind(actions: readonly string[]): ChangeKind {
  const key = actions.join(',');
  if (key === 'delete,create' || key === 'create,delete') return 'replace';
  if (actions.length === 1 && ['create', 'update', 'delete', 'read', 'no-op', 'forget'].includes(actions[0])) return actions[0] as ChangeKind;
  throw new Error(`unknown action list [${key}]`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Top-level attributes whose value differs between before and after, or becomes known only at apply. */
function changedAttributes(before: unknown, after: unknown, afterUnknown: unknown): string[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const unknown = isObject(afterUnknown) ? afterUnknown : {};
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const changed = [...keys].filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null) && !(k in unknown && !(k in a)));
  for (const [k, v] of Object.entries(unknown)) if (v === true && k in b && !changed.includes(k) && b[k] !== null) changed.push(k);
  return changed.sort();
}

function summarizeChange(rc: PlanResourceChange): SummarizedChange {
  const kind = changeKind(rc.change.actions);
  let attributes: string[] = [];
  if (kind === 'replace') {
    attributes = [...new Set((rc.change.replace_paths ?? []).map((p) => p.join('.')))].sort();
  } else if (kind === 'update') {
    attributes = changedAttributes(rc.change.before, rc.change.after, rc.change.after_unknown);
  }
  return {
    address: rc.address,
    type: rc.type,
    kind,
    stateful: rc.mode === 'managed' && isStatefulResourceType(rc.type),
    ...(rc.action_reason ? { reason: rc.action_reason } : {}),
    attributes,
    tagsOnly: kind === 'update' && attributes.length > 0 && attributes.every((a) => TAG_ATTRIBUTES.has(a)),
  };
}

/** Summarizes one stack's plan. */
export function summarizePlan(stack: string, plan: PlanJson): StackSummary {
  const managed = (plan.resource_changes ?? []).filter((rc) => rc.mode === 'managed').map(summarizeChange);
  const changes = managed.filter((c) => c.kind !== 'no-op' && c.kind !== 'read');
  const count = (kind: ChangeKind): number => changes.filter((c) => c.kind === kind).length;
  return {
    stack,
    counts: { create: count('create'), update: count('update'), delete: count('delete'), replace: count('replace') },
    changes,
    drift: (plan.resource_drift ?? []).filter((rc) => rc.mode === 'managed').map(summarizeChange),
    statefulLosses: changes.filter((c) => c.stateful && (c.kind === 'delete' || c.kind === 'replace')),
    errored: plan.errored === true,
  };
}

const VERB: Record<ChangeKind, string> = { create: 'create', update: 'update', delete: 'DESTROY', replace: 'REPLACE', read: 'read', 'no-op': 'no-op', forget: 'forget' };

function detail(c: SummarizedChange): string {
  const parts: string[] = [];
  if (c.tagsOnly) parts.push('tags only');
  else if (c.attributes.length > 0) parts.push(c.kind === 'replace' ? `forced by ${c.attributes.join(', ')}` : c.attributes.join(', '));
  if (c.reason) parts.push(c.reason);
  return parts.join('; ');
}

/** `rest-api: 1 to add, 2 to change, 0 to destroy, 1 to replace` (Terraform's wording, plus replacements). */
export function countsLine(s: StackSummary): string {
  const { create, update, delete: del, replace } = s.counts;
  return `${s.stack}: ${create} to add, ${update} to change, ${del} to destroy, ${replace} to replace`;
}

export function renderText(summaries: readonly StackSummary[]): string {
  const lines: string[] = [];
  for (const s of summaries) {
    lines.push(countsLine(s) + (s.errored ? ' (PLAN ERRORED: incomplete)' : ''));
    for (const c of s.changes) {
      const flag = c.stateful && (c.kind === 'delete' || c.kind === 'replace') ? '!! STATEFUL ' : '   ';
      const d = detail(c);
      lines.push(`  ${flag}${VERB[c.kind]} ${c.address}${d ? ` (${d})` : ''}`);
    }
    for (const c of s.drift) lines.push(`   drifted ${c.address} (changed outside Terraform${c.attributes.length ? `: ${c.attributes.join(', ')}` : c.kind === 'delete' ? ': deleted' : ''})`);
  }
  lines.push(verdictLine(summaries));
  return lines.join('\n');
}

/** The closing line: what a reviewer must not miss. */
export function verdictLine(summaries: readonly StackSummary[]): string {
  const losses = summaries.flatMap((s) => s.statefulLosses.map((c) => `${s.stack} ${c.address} (${c.kind === 'delete' ? 'destroy' : 'replace'})`));
  const drift = summaries.reduce((n, s) => n + s.drift.length, 0);
  const driftText = drift > 0 ? `; ${drift} resource${drift === 1 ? '' : 's'} drifted` : '';
  if (losses.length > 0) return `plan-summary: ${losses.length} stateful resource${losses.length === 1 ? '' : 's'} destroyed or replaced: ${losses.join(', ')}${driftText}`;
  const total = summaries.reduce((n, s) => n + s.changes.length, 0);
  return total === 0 ? `plan-summary: no changes${driftText}` : `plan-summary: ${total} change${total === 1 ? '' : 's'}, no stateful resource destroyed or replaced${driftText}`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderMarkdown(summaries: readonly StackSummary[], title: string): string {
  const out: string[] = [`### ${title}`, '', '| stack | add | change | destroy | replace | drifted |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const s of summaries) out.push(`| \`${s.stack}\`${s.errored ? ' (plan errored)' : ''} | ${s.counts.create} | ${s.counts.update} | ${s.counts.delete} | ${s.counts.replace} | ${s.drift.length} |`);
  const losses = summaries.flatMap((s) => s.statefulLosses.map((c) => ({ stack: s.stack, c })));
  if (losses.length > 0) {
    out.push('', '> [!CAUTION]', '> **Stateful resources destroyed or replaced: their data or keys are lost.** In production `prevent_destroy` refuses this plan; see docs/operations/delivery.md for the reviewed override.');
    for (const { stack, c } of losses) out.push(`> - \`${stack}\` \`${c.address}\`: **${c.kind === 'delete' ? 'destroyed' : 'replaced'}**${detail(c) ? ` (${detail(c)})` : ''}`);
  }
  for (const s of summaries) {
    if (s.changes.length === 0 && s.drift.length === 0) continue;
    out.push('', `<details><summary><code>${s.stack}</code>: ${s.changes.length} change${s.changes.length === 1 ? '' : 's'}${s.drift.length ? `, ${s.drift.length} drifted` : ''}</summary>`, '', '| action | resource | detail |', '| --- | --- | --- |');
    for (const c of s.changes) out.push(`| ${c.stateful && (c.kind === 'delete' || c.kind === 'replace') ? `**${VERB[c.kind]} (stateful)**` : VERB[c.kind]} | \`${cell(c.address)}\` | ${cell(detail(c))} |`);
    for (const c of s.drift) out.push(`| drifted | \`${cell(c.address)}\` | changed outside Terraform${c.attributes.length ? `: ${cell(c.attributes.join(', '))}` : ''} |`);
    out.push('', '</details>');
  }
  out.push('', verdictLine(summaries));
  return out.join('\n');
}
