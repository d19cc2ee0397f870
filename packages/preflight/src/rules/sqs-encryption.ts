import { bool, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-SQS-01 SQS encrypted at rest — anchors: AS-SQS2, CKV_AWS_27, AVD-AWS-0096 (PIPE-11). */
export const sqsEncryption = defineRule(
  {
    id: 'TAP-SQS-01',
    severity: 'error',
    description: 'aws_sqs_queue sets kms_master_key_id or sqs_managed_sse_enabled = true',
    anchors: ['AS-SQS2', 'CKV_AWS_27', 'AVD-AWS-0096'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_sqs_queue')) {
      if (!r.body.kms_master_key_id && bool(r.body.sqs_managed_sse_enabled) !== true) {
        report(r.address, 'queue without encryption at rest (docs/failures.md PIPE-11): messages are stored in plain text. Fix: kms_master_key_id = <stack CMK> (SecureQueue does this), or at least sqs_managed_sse_enabled = true.');
      }
    }
  },
);
