import { parsePolicy } from '../policy';
import { refersTo, resources } from '@tap/synth';
import { defineRule } from './define';
import { deniesInsecureTransport } from './s3-tls-only';

/** TAP-SNS-02 every topic refuses publishers without TLS — anchors: AS-SNS3. */
export const snsTlsOnly = defineRule(
  {
    id: 'TAP-SNS-02',
    severity: 'error',
    description: 'Each aws_sns_topic has a policy (inline or aws_sns_topic_policy) with a Deny on aws:SecureTransport = false',
    anchors: ['AS-SNS3'],
  },
  (ctx, report) => {
    const json = ctx.stack.json;
    const policiesFor = resources(json, 'aws_sns_topic_policy');
    for (const t of resources(json, 'aws_sns_topic')) {
      const docs = [t.body.policy, ...policiesFor.filter((p) => refersTo(p.body.arn, 'aws_sns_topic', t.name)).map((p) => p.body.policy)];
      if (!docs.some((d) => d !== undefined && (parsePolicy(d, json) ?? []).some(deniesInsecureTransport))) {
        report(t.address, 'no topic policy denying plain-HTTP publishes. Fix: aws_sns_topic_policy with { Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: <topic ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } } (AlarmTopic does).');
      }
    }
  },
);
