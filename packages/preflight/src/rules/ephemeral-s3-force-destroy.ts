import { bool, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-EPHEMERAL-01 buckets of ephemeral profiles are force_destroy (and only those) — no public anchor (FND-10). */
export const ephemeralS3ForceDestroy = defineRule(
  {
    id: 'TAP-EPHEMERAL-01',
    severity: 'error',
    description: 'In ephemeral profiles (Profile dev/pr or --ephemeral) aws_s3_bucket.force_destroy = true; warns when set in a non-ephemeral profile',
    anchors: [],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_s3_bucket')) {
      const force = bool(r.body.force_destroy) === true;
      if (ctx.ephemeral && !force) {
        report(r.address, `profile ${ctx.profile ?? '(ephemeral)'} is ephemeral but the bucket is not force_destroy: destroy fails with BucketNotEmpty and leaves the environment half-deleted. Fix: forceDestroy from config (ephemeral profiles).`);
      } else if (!ctx.ephemeral && ctx.profile !== undefined && force) {
        report(r.address, `profile ${ctx.profile} is not ephemeral but the bucket is force_destroy: one destroy deletes its data. Fix: forceDestroy only in ephemeral profiles.`, 'warning');
      }
    }
  },
);
