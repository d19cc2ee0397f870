import { num, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-EPHEMERAL-03 KMS deletion window 7 days in ephemeral profiles — no public anchor (FND-10). */
export const ephemeralKmsWindow = defineRule(
  {
    id: 'TAP-EPHEMERAL-03',
    severity: 'error',
    description: 'In ephemeral profiles aws_kms_key.deletion_window_in_days = 7 (the default is 30)',
    anchors: [],
  },
  (ctx, report) => {
    if (!ctx.ephemeral) return;
    for (const r of resources(ctx.stack.json, 'aws_kms_key')) {
      const days = r.body.deletion_window_in_days === undefined ? 30 : num(r.body.deletion_window_in_days);
      if (days !== undefined && days !== 7) {
        report(r.address, `profile ${ctx.profile ?? '(ephemeral)'} is ephemeral but the key waits ${days} days before deletion: each destroyed environment leaves a billed pending key for a month. Fix: deletion_window_in_days = 7 (config kms.deletionWindowDays).`);
      }
    }
  },
);
