import { resources } from '../tf';
import { defineRule } from './define';

/** TAP-SNS-01 SNS encrypted with KMS — anchors: NIST-SNSEncryptedKMS, CKV_AWS_26, AVD-AWS-0095, AVD-AWS-0136. */
export const snsEncryption = defineRule(
  {
    id: 'TAP-SNS-01',
    severity: 'error',
    description: 'aws_sns_topic sets kms_master_key_id',
    anchors: ['NIST-SNSEncryptedKMS', 'CKV_AWS_26', 'AVD-AWS-0095', 'AVD-AWS-0136'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_sns_topic')) {
      if (!r.body.kms_master_key_id) {
        report(r.address, 'topic without KMS encryption. Fix: kms_master_key_id = <stack CMK> whose policy lets the publishers (e.g. cloudwatch) use it (AlarmTopic does this).');
      }
    }
  },
);
