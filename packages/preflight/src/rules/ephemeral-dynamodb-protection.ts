import { bool, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-EPHEMERAL-02 DynamoDB deletion protection off in ephemeral profiles — no public anchor (FND-10). */
export const ephemeralDynamodbProtection = defineRule(
  {
    id: 'TAP-EPHEMERAL-02',
    severity: 'error',
    description: 'In ephemeral profiles aws_dynamodb_table.deletion_protection_enabled is not true',
    anchors: [],
  },
  (ctx, report) => {
    if (!ctx.ephemeral) return;
    for (const r of resources(ctx.stack.json, 'aws_dynamodb_table')) {
      if (bool(r.body.deletion_protection_enabled) === true) {
        report(r.address, `profile ${ctx.profile ?? '(ephemeral)'} is ephemeral but the table has deletion protection: destroy fails and the environment cannot be removed. Fix: deletionProtectionEnabled from config (on only in production-like profiles).`);
      }
    }
  },
);
