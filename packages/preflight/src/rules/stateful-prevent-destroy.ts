import { STATEFUL_RESOURCE_TYPES } from '@tap/config';
import { block, bool, resources } from '@tap/synth';
import { defineRule } from './define';

// Ephemeral profiles: no resource may carry prevent_destroy (the environment could not be destroyed).
// Other profiles: a stateful resource without it is a warning, not an error, because a resource released
// for one reviewed change (protection.releasedFromPreventDestroy) is exactly that and must still synthesize.
/** TAP-EPHEMERAL-04 lifecycle.prevent_destroy only and always where it belongs — no public anchor (docs/operations/delivery.md). */
export const statefulPreventDestroy = defineRule(
  {
    id: 'TAP-EPHEMERAL-04',
    severity: 'error',
    description: 'In ephemeral profiles no resource sets lifecycle.prevent_destroy; in other profiles a stateful resource (table, bucket, KMS key, backup vault) without it warns',
    anchors: [],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json)) {
      const protectedByPlan = bool(block(r.body.lifecycle)?.prevent_destroy) === true;
      if (ctx.ephemeral && protectedByPlan) {
        report(r.address, `profile ${ctx.profile ?? '(ephemeral)'} is ephemeral but the resource has lifecycle.prevent_destroy: destroying the environment fails. Fix: protection.preventDestroy only in non-ephemeral profiles (packages/config).`);
      } else if (!ctx.ephemeral && ctx.profile !== undefined && !protectedByPlan && STATEFUL_RESOURCE_TYPES.includes(r.type)) {
        report(r.address, `profile ${ctx.profile} is long-lived but this stateful resource has no lifecycle.prevent_destroy: a destroy or a replacing change deletes its data. Fix: protection.preventDestroy in the profile; a release (protection.releasedFromPreventDestroy) is meant for one reviewed change only.`, 'warning');
      }
    }
  },
);
