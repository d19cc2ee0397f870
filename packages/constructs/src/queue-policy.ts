import type { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';

/** A statement of a queue's resource policy (IAM JSON keys as AWS spells them). */
export type QueuePolicyStatement = Record<string, unknown>;

/**
 * The resource policy of one queue: TLS only, plus the grants added with `grantSendFrom` until synth (the
 * policy is rendered lazily, so a grant can name a resource created after the queue, and its Resource is
 * the queue's own ARN rather than one spelled by hand).
 */
export class QueuePolicy {
  readonly policy: SqsQueuePolicy;
  private readonly statements: QueuePolicyStatement[] = [];

  constructor(
    scope: Construct,
    id: string,
    readonly queue: SqsQueue,
  ) {
    this.policy = new SqsQueuePolicy(scope, id, {
      queueUrl: queue.url,
      policy: Lazy.stringValue({
        produce: () =>
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: queue.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
              ...this.statements,
            ],
          }),
      }),
    });
  }

  /** Lets one AWS service send to the queue on behalf of one source (e.g. `events.amazonaws.com` for one rule's ARN). */
  grantSendFrom(sid: string, service: string, sourceArn: string): void {
    if (this.statements.some((s) => s.Sid === sid)) {
      throw new Error(`QueuePolicy ${this.policy.node.path}: statement id "${sid}" is already in the policy. Fix: give each grant its own sid`);
    }
    this.statements.push({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sqs:SendMessage',
      Resource: this.queue.arn,
      Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
    });
  }
}
