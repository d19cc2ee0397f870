import { block, bool, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-DDB-02 long-lived tables can be restored to any second — anchors: AS-DDB3, CKV_AWS_28, AVD-AWS-0024. */
export const dynamodbPitr = defineRule(
  {
    id: 'TAP-DDB-02',
    severity: 'error',
    description: 'Outside ephemeral profiles, aws_dynamodb_table sets point_in_time_recovery.enabled = true (ephemeral dev/pr tables are destroyed with the environment)',
    anchors: ['AS-DDB3', 'CKV_AWS_28', 'AVD-AWS-0024'],
  },
  (ctx, report) => {
    if (ctx.ephemeral) return;
    for (const t of resources(ctx.stack.json, 'aws_dynamodb_table')) {
      if (bool(block(t.body.point_in_time_recovery)?.enabled) !== true) {
        report(t.address, `point-in-time recovery is off in profile ${ctx.profile ?? '?'}: a bad deploy or a faulty batch that overwrites items cannot be undone. Fix: point_in_time_recovery { enabled = true } (config.dynamodb.pointInTimeRecovery, on in production).`);
      }
    }
  },
);
