import { block, resources } from '@tap/synth';
import { defineRule } from './define';
import { forBucket } from './s3-buckets';

/** TAP-S3-04 buckets keep overwritten and deleted objects — anchors: NIST-S3BucketVersioningEnabled, CKV_AWS_21, AVD-AWS-0090. */
export const s3Versioning = defineRule(
  {
    id: 'TAP-S3-04',
    severity: 'error',
    description: 'Each aws_s3_bucket has an aws_s3_bucket_versioning with status Enabled',
    anchors: ['NIST-S3BucketVersioningEnabled', 'CKV_AWS_21', 'AVD-AWS-0090'],
  },
  (ctx, report) => {
    for (const bucket of resources(ctx.stack.json, 'aws_s3_bucket')) {
      const ok = forBucket(ctx.stack.json, 'aws_s3_bucket_versioning', bucket).some((v) => block(v.body.versioning_configuration)?.status === 'Enabled');
      if (!ok) report(bucket.address, 'versioning is not Enabled: an overwrite or delete loses the object for good, and replication needs versioning. Fix: aws_s3_bucket_versioning { versioning_configuration { status = "Enabled" } }.');
    }
  },
);
