import { resources, type StackDoc } from '@tap/synth';
import type { Finding } from './types';

/** Rule id of the check on suppressions themselves (cannot be suppressed). */
export const SUPPRESSION_RULE_ID = 'TAP-SUPPRESS-01';

/** A suppression on a resource: `"//": { "preflight": { "suppress": [{ "id", "reason" }] } }`. */
export interface Suppression {
  readonly id: string;
  readonly reason: string;
}

/**
 * Reads the suppressions of every resource in a stack. cdktf writes them when a construct calls
 * `resource.addOverride('//.preflight.suppress', [{ id, reason }])`; Terraform ignores `//` keys.
 * A suppression without an id or a reason is reported as an error finding instead of being applied.
 */
export function readSuppressions(stack: StackDoc, knownIds: ReadonlySet<string>): { byAddress: Map<string, Suppression[]>; problems: Finding[] } {
  const byAddress = new Map<string, Suppression[]>();
  const problems: Finding[] = [];
  for (const resource of resources(stack.json)) {
    const meta = resource.body['//'];
    const preflight = meta && typeof meta === 'object' ? (meta as Record<string, unknown>).preflight : undefined;
    const raw = preflight && typeof preflight === 'object' ? (preflight as Record<string, unknown>).suppress : undefined;
    if (raw === undefined) continue;
    const problem = (message: string): void => {
      problems.push({ ruleId: SUPPRESSION_RULE_ID, severity: 'error', stack: stack.name, address: resource.address, message });
    };
    if (!Array.isArray(raw)) {
      problem('preflight.suppress must be a list of { id, reason }. Fix: addOverride(\'//.preflight.suppress\', [{ id: \'TAP-…\', reason: \'why this is safe\' }])');
      continue;
    }
    const valid: Suppression[] = [];
    for (const entry of raw) {
      const e = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
      const id = typeof e.id === 'string' ? e.id.trim() : '';
      const reason = typeof e.reason === 'string' ? e.reason.trim() : '';
      if (!id) {
        problem('a suppression has no rule id. Fix: give { id: \'TAP-…\', reason: \'…\' }');
      } else if (!reason) {
        problem(`suppression of ${id} has no reason. Fix: add reason: '<why this resource is safe as it is>' (a suppression without a reason is not applied)`);
      } else if (id === SUPPRESSION_RULE_ID) {
        problem(`${SUPPRESSION_RULE_ID} cannot be suppressed. Fix: remove that entry`);
      } else {
        if (!knownIds.has(id)) problem(`suppression names unknown rule ${id}. Fix: use one of the ids printed by preflight`);
        valid.push({ id, reason });
      }
    }
    byAddress.set(resource.address, valid);
  }
  return { byAddress, problems };
}
