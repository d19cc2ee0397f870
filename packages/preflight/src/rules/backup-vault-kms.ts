import { resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-BACKUP-01 backups are encrypted with the stack's key — anchors: CKV_AWS_166. */
export const backupVaultKms = defineRule(
  {
    id: 'TAP-BACKUP-01',
    severity: 'error',
    description: 'aws_backup_vault sets kms_key_arn (a customer-managed key)',
    anchors: ['CKV_AWS_166'],
  },
  (ctx, report) => {
    for (const v of resources(ctx.stack.json, 'aws_backup_vault')) {
      if (typeof v.body.kms_key_arn !== 'string' || v.body.kms_key_arn === '') {
        report(v.address, 'backup vault without kms_key_arn: recovery points are encrypted with the AWS-managed key, which the stack cannot scope or audit. Fix: kms_key_arn = the stack\'s CMK.');
      }
    }
  },
);
