import { s3BucketNameProblem } from '@tap/config';
import { block, hasToken } from '@tap/synth';
import { defineRule } from './define';

/** TAP-BACKEND-03 the S3 state bucket is a valid bucket name — no public anchor (terraform init fails on it, after the plan was reviewed). */
export const stateBucketName = defineRule(
  {
    id: 'TAP-BACKEND-03',
    severity: 'error',
    description: 'terraform.backend.s3.bucket is a valid S3 bucket name (3-63 of a-z, 0-9, "-", "."; no uppercase or "_")',
    anchors: [],
  },
  (ctx, report) => {
    const s3 = block((block(ctx.stack.json.terraform?.backend) ?? {}).s3);
    const bucket = s3?.bucket;
    if (typeof bucket !== 'string' || hasToken(bucket)) return;
    const problem = s3BucketNameProblem(bucket);
    if (problem) report('terraform.backend.s3', `state bucket "${bucket}" ${problem}: terraform init cannot use it. Fix: set TF_STATE_BUCKET to the name of an existing bucket, e.g. my-org-tf-state.`);
  },
);
