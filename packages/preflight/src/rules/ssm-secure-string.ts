import { resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-SSM-01 SecureString parameters keep the value out of state (value_wo) and use a CMK — anchors: CKV_AWS_337. */
export const ssmSecureString = defineRule(
  {
    id: 'TAP-SSM-01',
    severity: 'error',
    description: 'aws_ssm_parameter SecureString sets value_wo (not value) and a customer-managed key_id',
    anchors: ['CKV_AWS_337'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_ssm_parameter')) {
      if (r.body.type !== 'SecureString') continue;
      if (r.body.value !== undefined || r.body.insecure_value !== undefined) {
        report(r.address, 'SecureString sets `value`, so the secret is stored in plain text in the Terraform state. Fix: write it through the write-only `value_wo` (with value_wo_version, Terraform >= 1.11), e.g. from an ephemeral random password.');
      }
      if (r.body.key_id === undefined) {
        report(r.address, 'SecureString without key_id is encrypted with the AWS-managed key. Fix: set key_id to the stack\'s customer-managed KMS key.', 'warning');
      }
    }
  },
);
