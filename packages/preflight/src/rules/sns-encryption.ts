import { resources } from '@tap/synth';
import { resolveKey, unresolvedMessage } from '../resolve';
import { defineRule } from './define';

/** TAP-SNS-01 SNS encrypted with KMS — anchors: NIST-SNSEncryptedKMS, CKV_AWS_26, AVD-AWS-0095, AVD-AWS-0136. */
export const snsEncryption = defineRule(
  {
    id: 'TAP-SNS-01',
    severity: 'error',
    description: 'aws_sns_topic sets kms_master_key_id to a customer-managed key of the stack (the AWS-managed alias/aws/sns is an error; an unresolved key a warning)',
    anchors: ['NIST-SNSEncryptedKMS', 'CKV_AWS_26', 'AVD-AWS-0095', 'AVD-AWS-0136'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_sns_topic')) {
      if (!r.body.kms_master_key_id) {
        report(r.address, 'topic without KMS encryption. Fix: kms_master_key_id = <stack CMK> whose policy lets the publishers (e.g. cloudwatch) use it (AlarmTopic does this).');
        continue;
      }
      const key = resolveKey(r.body.kms_master_key_id, ctx.stack);
      if (key.kind === 'aws-managed') report(r.address, `kms_master_key_id is the AWS-managed ${key.alias}: its key policy cannot grant CloudWatch or EventBridge kms:GenerateDataKey, so alarms and rules cannot publish to the topic. Fix: the stack's customer-managed key with a policy for the publishing service.`);
      else if (key.kind === 'unresolved') report(r.address, unresolvedMessage('kms_master_key_id', key, 'that publishers can use the topic\'s key'), 'warning');
    }
  },
);
