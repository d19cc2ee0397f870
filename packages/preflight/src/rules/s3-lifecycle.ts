import { blocks, resources } from '@tap/synth';
import { defineRule } from './define';
import { forBucket } from './s3-buckets';

/** TAP-S3-05 buckets expire what they keep and abort stale uploads — anchors: CKV2_AWS_61, CKV_AWS_300. */
export const s3Lifecycle = defineRule(
  {
    id: 'TAP-S3-05',
    severity: 'error',
    description: 'Each aws_s3_bucket has an aws_s3_bucket_lifecycle_configuration with an enabled rule that aborts incomplete multipart uploads',
    anchors: ['CKV2_AWS_61', 'CKV_AWS_300'],
  },
  (ctx, report) => {
    for (const bucket of resources(ctx.stack.json, 'aws_s3_bucket')) {
      const configs = forBucket(ctx.stack.json, 'aws_s3_bucket_lifecycle_configuration', bucket);
      const aborts = configs.some((c) => blocks(c.body.rule).some((r) => r.status === 'Enabled' && blocks(r.abort_incomplete_multipart_upload).some((a) => a.days_after_initiation !== undefined)));
      if (!aborts) {
        report(bucket.address, configs.length === 0
          ? 'no lifecycle configuration: old versions and incomplete multipart uploads are kept (and billed) forever. Fix: aws_s3_bucket_lifecycle_configuration with expiration, noncurrent_version_expiration and abort_incomplete_multipart_upload.'
          : 'lifecycle configuration without an enabled abort_incomplete_multipart_upload: parts of failed uploads are billed forever and invisible in listings. Fix: abort_incomplete_multipart_upload { days_after_initiation = 7 }.');
      }
    }
  },
);
