import { blocks, resources } from '@tap/synth';
import { defineRule } from './define';
import { forBucket } from './s3-buckets';

/** TAP-S3-01 S3 bucket default encryption configured (KMS) — anchors: NIST-S3DefaultEncryptionKMS, CKV_AWS_19, CKV_AWS_145, AVD-AWS-0088, AVD-AWS-0132. */
export const s3Encryption = defineRule(
  {
    id: 'TAP-S3-01',
    severity: 'error',
    description: 'Each aws_s3_bucket has an aws_s3_bucket_server_side_encryption_configuration (aws:kms preferred)',
    anchors: ['NIST-S3DefaultEncryptionKMS', 'CKV_AWS_19', 'CKV_AWS_145', 'AVD-AWS-0088', 'AVD-AWS-0132'],
  },
  (ctx, report) => {
    for (const bucket of resources(ctx.stack.json, 'aws_s3_bucket')) {
      const configs = forBucket(ctx.stack.json, 'aws_s3_bucket_server_side_encryption_configuration', bucket);
      if (configs.length === 0) {
        report(bucket.address, 'bucket without an aws_s3_bucket_server_side_encryption_configuration. Fix: add one with rule { apply_server_side_encryption_by_default { sse_algorithm = "aws:kms", kms_master_key_id = <CMK> }, bucket_key_enabled = true }.');
        continue;
      }
      const kms = configs.some((c) => blocks(c.body.rule).some((rule) => blocks(rule.apply_server_side_encryption_by_default).some((d) => String(d.sse_algorithm).startsWith('aws:kms'))));
      if (!kms) report(bucket.address, 'bucket encrypted with SSE-S3 only. Fix: sse_algorithm = "aws:kms" with the stack\'s key.', 'warning');
    }
  },
);
