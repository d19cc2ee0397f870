import { parsePolicy } from '../policy';
import { refersTo, resources } from '@tap/synth';
import { defineRule } from './define';
import { deniesInsecureTransport } from './s3-tls-only';

/** TAP-SQS-04 every queue refuses requests without TLS — anchors: AS-SQS4. */
export const sqsTlsOnly = defineRule(
  {
    id: 'TAP-SQS-04',
    severity: 'error',
    description: 'Each aws_sqs_queue has a policy (inline or aws_sqs_queue_policy) with a Deny on aws:SecureTransport = false',
    anchors: ['AS-SQS4'],
  },
  (ctx, report) => {
    const json = ctx.stack.json;
    const policiesFor = resources(json, 'aws_sqs_queue_policy');
    for (const q of resources(json, 'aws_sqs_queue')) {
      const docs = [q.body.policy, ...policiesFor.filter((p) => refersTo(p.body.queue_url, 'aws_sqs_queue', q.name)).map((p) => p.body.policy)];
      if (!docs.some((d) => d !== undefined && (parsePolicy(d, json) ?? []).some(deniesInsecureTransport))) {
        report(q.address, 'no queue policy denying plain-HTTP requests: messages can be sent and received without TLS. Fix: aws_sqs_queue_policy with { Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: <queue ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } } (SecureQueue does).');
      }
    }
  },
);
