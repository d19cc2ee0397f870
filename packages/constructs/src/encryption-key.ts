import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import type { BaseStack } from './base-stack';

/** AWS services that may use a stack key, each with the narrowest condition the service supports. */
export type KeyService = 'logs' | 'sns' | 'sqs' | 'events' | 'cloudwatch' | 'dynamodb' | 'lambda' | 'ssm';

export interface EncryptionKeyProps {
  /** Base name; the alias is `alias/<base>-<suffix>`. */
  readonly name: string;
  /** What the key protects. */
  readonly description: string;
  /** Service principals allowed to use the key. @default none (IAM principals of the account only) */
  readonly services?: readonly KeyService[];
  /**
   * Provider of another Region (e.g. a replica bucket's key). The service statements name the stack's
   * Region, so a key in another Region takes no `services`. @default the stack's provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A customer-managed KMS key with rotation on, a deletion window from config (7 days in ephemeral
 * profiles, so a destroyed PR environment frees its key quickly), and a key policy that lets the account
 * administer it and the listed services use it.
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;
  readonly arn: string;

  constructor(stack: BaseStack, id: string, props: EncryptionKeyProps) {
    super(stack, id);
    if (props.provider && (props.services ?? []).length > 0) {
      throw new Error(
        `EncryptionKey ${props.name}: services [${(props.services ?? []).join(', ')}] with a provider of another Region would name the stack's Region in the key policy. Fix: create the key in the stack's Region for those services, or leave services out`,
      );
    }
    const provider = props.provider ? { provider: props.provider } : {};
    const account = stack.accountId;
    const region = stack.regionName;
    const statements: Record<string, unknown>[] = [
      {
        Sid: 'AccountAdministers',
        Effect: 'Allow',
        Principal: { AWS: `arn:${stack.partition}:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ];
    for (const service of props.services ?? []) {
      if (service === 'logs') {
        statements.push({
          Sid: 'CloudWatchLogsEncrypt',
          Effect: 'Allow',
          Principal: { Service: `logs.${region}.amazonaws.com` },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Resource: '*',
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${region}:${account}:log-group:*` } },
        });
      } else if (service === 'events') {
        // EventBridge delivering to a KMS-encrypted queue: the KMS request carries the queue's encryption
        // context but not aws:SourceAccount / aws:SourceArn (unsupported in a key policy for EventBridge
        // delivery, so a statement conditioned on them denies every delivery). The context limits the
        // grant to this account's queues in this Region.
        statements.push({
          Sid: 'EventsUsesKey',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:sqs:arn': `arn:${stack.partition}:sqs:${region}:${account}:*` } },
        });
      } else {
        statements.push({
          Sid: `${service.charAt(0).toUpperCase()}${service.slice(1)}UsesKey`,
          Effect: 'Allow',
          Principal: { Service: `${service}.amazonaws.com` },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': account } },
        });
      }
    }
    const alias = stack.naming.name(props.name, 'kmsAlias');
    this.key = new KmsKey(this, 'key', {
      description: `${props.description} (${stack.config.suffix})`,
      enableKeyRotation: true,
      deletionWindowInDays: stack.config.kms.deletionWindowDays,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      ...provider,
    });
    this.alias = new KmsAlias(this, 'alias', { name: `alias/${alias}`, targetKeyId: this.key.keyId, ...provider });
    this.arn = this.key.arn;
  }
}
