import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketReplicationConfigurationA, type S3BucketReplicationConfigurationRuleDestination } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { assumeRolePolicy, EncryptionKey, policyDocument, SecureBucket, type BaseStack } from '@tap/constructs';
import { buildTags } from '@tap/config';

/**
 * Terraform addresses the replica key and its alias had when this construct wrote them by hand; the moved
 * blocks carry an existing replica key (and so the replicas it encrypts) over to the EncryptionKey.
 */
const PREVIOUS_KEY_ADDRESSES = { key: 'aws_kms_key.replication_replica-key_94D40B04', alias: 'aws_kms_alias.replication_replica-key-alias_CE693B7A' } as const;

export interface ReplicationProps {
  /** The source bucket (versioned, SSE-KMS). */
  readonly source: SecureBucket;
  /** ARN of the source bucket's KMS key. */
  readonly sourceKeyArn: string;
}

/**
 * Cross-region replication of the data bucket (FND-03), created only when config turns it on: a
 * second provider for the replica region, a replica bucket with the same protections and its own key
 * in that region, a least-privilege role, and a replication rule with delete-marker replication.
 * Replication Time Control and its metrics are a premium feature: only when config asks.
 */
export class BucketReplication extends Construct {
  readonly replica: SecureBucket;
  readonly provider: AwsProvider;

  constructor(stack: BaseStack, id: string, props: ReplicationProps) {
    super(stack, id);
    const { config, naming } = stack;
    const replication = config.storage.replication;
    if (!replication.region) {
      // Config validation already refuses this; the check keeps the construct safe on its own.
      throw new Error('BucketReplication: ENABLE_REPLICATION=true needs a replica region (REPLICATION_REGION). Fix: set REPLICATION_REGION (e.g. us-west-2)');
    }
    this.provider = new AwsProvider(this, 'replica-provider', {
      alias: 'replica',
      region: replication.region,
      // The same single { tags } object as the stack's provider (FND-02, FND-07).
      defaultTags: [{ tags: { ...buildTags(config), Stack: stack.node.id } }],
    });

    // The replica region's own key: S3 re-encrypts replicas with it; no service statements (none uses it directly).
    const replicaKey = new EncryptionKey(stack, 'replica-key', { name: 'rest-api-replica-key', description: 'REST API replica bucket', provider: this.provider });
    replicaKey.key.moveFromId(PREVIOUS_KEY_ADDRESSES.key);
    replicaKey.alias.moveFromId(PREVIOUS_KEY_ADDRESSES.alias);

    this.replica = new SecureBucket(stack, 'replica-bucket', {
      bucketName: naming.bucket('rest-api-replica', stack.accountId),
      kmsKeyArn: replicaKey.arn,
      provider: this.provider,
    });

    const sourceArn = props.source.bucket.arn;
    const replicaArn = this.replica.bucket.arn;
    const role = new IamRole(this, 'role', {
      name: naming.name('rest-api-replication', 'iamRole'),
      assumeRolePolicy: assumeRolePolicy('s3.amazonaws.com', stack.accountId),
    });
    new IamRolePolicy(this, 'policy', {
      name: naming.name('rest-api-replication', 'iamPolicy'),
      role: role.id,
      policy: policyDocument([
        // S3 reads the rule set and lists the source bucket to find objects to replicate.
        { sid: 'ReadSourceConfiguration', actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [sourceArn] },
        // S3 reads each source object version with its ACL and tags to copy them.
        {
          sid: 'ReadSourceObjectVersions',
          actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
          resources: [`${sourceArn}/*`],
        },
        // S3 writes object versions, delete markers and tags into the replica only.
        { sid: 'WriteReplicaObjects', actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], resources: [`${replicaArn}/*`] },
        // Source objects are SSE-KMS: S3 decrypts them with the source key, through S3 only.
        {
          sid: 'DecryptSourceObjects',
          actions: ['kms:Decrypt'],
          resources: [props.sourceKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.regionName}.amazonaws.com` } },
        },
        // Replicas are re-encrypted with the replica region's key, through S3 only.
        {
          sid: 'EncryptReplicaObjects',
          actions: ['kms:Encrypt'],
          resources: [replicaKey.arn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${replication.region}.amazonaws.com` } },
        },
      ]),
    });

    const destination: S3BucketReplicationConfigurationRuleDestination = {
      bucket: replicaArn,
      storageClass: 'STANDARD',
      encryptionConfiguration: { replicaKmsKeyId: replicaKey.arn },
      ...(replication.replicationTimeControl
        ? { replicationTime: { status: 'Enabled', time: { minutes: 15 } }, metrics: { status: 'Enabled', eventThreshold: { minutes: 15 } } }
        : {}),
    };
    new S3BucketReplicationConfigurationA(this, 'configuration', {
      bucket: props.source.bucket.id,
      role: role.arn,
      rule: [
        {
          id: 'replicate-all',
          status: 'Enabled',
          priority: 1,
          filter: {},
          deleteMarkerReplication: { status: 'Enabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination,
        },
      ],
      // Both buckets must be versioned before S3 accepts a replication configuration.
      dependsOn: [props.source.versioning, this.replica.versioning],
    });
  }
}
