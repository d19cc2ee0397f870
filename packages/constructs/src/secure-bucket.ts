import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { BaseStack } from './base-stack';

/** Days after which incomplete multipart uploads are aborted (they are billed but invisible). */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

export interface SecureBucketProps {
  /** Full bucket name (from `naming.bucket`). */
  readonly bucketName: string;
  /** KMS key ARN for SSE-KMS (in the bucket's region). */
  readonly kmsKeyArn: string;
  /** Provider for another region (the replica). @default the stack's provider */
  readonly provider?: TerraformProvider;
}

/**
 * A bucket with every protection a data bucket needs: versioning, SSE-KMS with a bucket key (fewer KMS
 * calls), all four public-access blocks, a TLS-only policy, lifecycle expiry from config with noncurrent
 * version expiry and abort of incomplete uploads, and `force_destroy` only in ephemeral profiles.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;

  constructor(stack: BaseStack, id: string, props: SecureBucketProps) {
    super(stack, id);
    const { config } = stack;
    const provider = props.provider ? { provider: props.provider } : {};
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: config.ephemeral, ...provider });
    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
      ...provider,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
      ...provider,
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      ...provider,
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
      // S3 rejects policy writes racing the public-access block on a new bucket; order them.
      dependsOn: [publicAccess],
      ...provider,
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-and-clean-up',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days: config.storage.bucketLifecycleDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: config.storage.bucketLifecycleDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
        },
      ],
      // Lifecycle rules on noncurrent versions need versioning in place first.
      dependsOn: [this.versioning],
      ...provider,
    });
  }
}
