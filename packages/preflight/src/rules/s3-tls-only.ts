import { parsePolicy } from '../policy';
import { resources } from '@tap/synth';
import { defineRule } from './define';
import { forBucket } from './s3-buckets';

/** True when a statement denies requests made without TLS (`aws:SecureTransport` = false). */
export function deniesInsecureTransport(statement: { effect: string; condition?: unknown }): boolean {
  if (statement.effect !== 'Deny' || !statement.condition || typeof statement.condition !== 'object') return false;
  const bool = (statement.condition as Record<string, unknown>).Bool;
  if (!bool || typeof bool !== 'object') return false;
  const value = (bool as Record<string, unknown>)['aws:SecureTransport'];
  return value === 'false' || value === false || (Array.isArray(value) && value.map(String).includes('false'));
}

/** TAP-S3-03 S3 bucket policy denies non-TLS requests — anchors: AS-S10. */
export const s3TlsOnly = defineRule(
  {
    id: 'TAP-S3-03',
    severity: 'error',
    description: 'Each aws_s3_bucket has a bucket policy with a Deny on aws:SecureTransport = false',
    anchors: ['AS-S10'],
  },
  (ctx, report) => {
    for (const bucket of resources(ctx.stack.json, 'aws_s3_bucket')) {
      const ok = forBucket(ctx.stack.json, 'aws_s3_bucket_policy', bucket).some((p) => (parsePolicy(p.body.policy, ctx.stack.json) ?? []).some(deniesInsecureTransport));
      if (!ok) {
        report(bucket.address, 'no bucket policy denying plain-HTTP requests. Fix: aws_s3_bucket_policy with { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN/*], Condition: { Bool: { "aws:SecureTransport": "false" } } }.');
      }
    }
  },
);
