import { resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-LOGS-02 log groups encrypted with a CMK (warning) — anchors: NIST-CloudWatchLogGroupEncrypted, CKV_AWS_158, AVD-AWS-0017. */
export const logsKms = defineRule(
  {
    id: 'TAP-LOGS-02',
    severity: 'warning',
    description: 'aws_cloudwatch_log_group sets kms_key_id',
    anchors: ['NIST-CloudWatchLogGroupEncrypted', 'CKV_AWS_158', 'AVD-AWS-0017'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_cloudwatch_log_group')) {
      if (!r.body.kms_key_id) {
        report(r.address, 'log group encrypted only with the CloudWatch-managed key. Fix: kms_key_id = <stack CMK> whose policy admits logs.<region>.amazonaws.com (EncryptionKey services: [\'logs\']).');
      }
    }
  },
);
