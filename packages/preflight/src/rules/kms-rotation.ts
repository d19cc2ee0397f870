import { bool, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-KMS-01 symmetric KMS keys rotate — anchors: AS-KMS5, CKV_AWS_7, AVD-AWS-0065. */
export const kmsRotation = defineRule(
  {
    id: 'TAP-KMS-01',
    severity: 'error',
    description: 'aws_kms_key (symmetric) sets enable_key_rotation = true',
    anchors: ['AS-KMS5', 'CKV_AWS_7', 'AVD-AWS-0065'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_kms_key')) {
      const spec = r.body.customer_master_key_spec;
      if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') continue;
      if (bool(r.body.enable_key_rotation) !== true) {
        report(r.address, 'key without automatic rotation. Fix: enable_key_rotation = true (EncryptionKey does this).');
      }
    }
  },
);
