import { Construct } from 'constructs';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { BaseStack } from '../base-stack';

/** Folder of the runbooks every alarm links to (one page per alarm). */
export const RUNBOOK_DIR = 'docs/runbooks';

export interface AlarmTopicProps {
  /** Base name; the topic is `<name>-<suffix>`. */
  readonly name: string;
  /** KMS key ARN (the key must allow `cloudwatch` to use it, so alarms can publish). */
  readonly kmsKeyArn: string;
}

/**
 * The stack's alarm topic: KMS-encrypted, TLS-only, CloudWatch may publish, and the alert email from
 * config subscribed (no email configured → no subscription; never a literal address).
 */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(stack: BaseStack, id: string, props: AlarmTopicProps) {
    super(stack, id);
    this.topic = new SnsTopic(this, 'topic', { name: stack.naming.name(props.name, 'snsTopic'), kmsMasterKeyId: props.kmsKeyArn });
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { StringEquals: { 'aws:SourceAccount': stack.accountId } },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    if (stack.config.alarms.email) {
      new SnsTopicSubscription(this, 'email', { topicArn: this.topic.arn, protocol: 'email', endpoint: stack.config.alarms.email });
    }
  }
}
