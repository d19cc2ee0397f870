import { bool, resources } from '@tap/synth';
import { defineRule } from './define';
import { forBucket } from './s3-buckets';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

/** TAP-S3-02 S3 public access blocked — anchors: AS-S2, CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56, CKV2_AWS_6, AVD-AWS-0086, 0087, 0091, 0093, 0094. */
export const s3PublicAccess = defineRule(
  {
    id: 'TAP-S3-02',
    severity: 'error',
    description: 'Each aws_s3_bucket has an aws_s3_bucket_public_access_block with all four flags true',
    anchors: ['AS-S2', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56', 'CKV2_AWS_6', 'AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093', 'AVD-AWS-0094'],
  },
  (ctx, report) => {
    for (const bucket of resources(ctx.stack.json, 'aws_s3_bucket')) {
      const blocks = forBucket(ctx.stack.json, 'aws_s3_bucket_public_access_block', bucket);
      const complete = blocks.some((b) => FLAGS.every((f) => bool(b.body[f]) === true));
      if (!complete) {
        const missing = blocks.length === 0 ? 'no aws_s3_bucket_public_access_block' : `public access block without all of ${FLAGS.join(', ')}`;
        report(bucket.address, `${missing}: one ACL or policy mistake makes the data public. Fix: aws_s3_bucket_public_access_block for this bucket with ${FLAGS.map((f) => `${f} = true`).join(', ')}.`);
      }
    }
  },
);
