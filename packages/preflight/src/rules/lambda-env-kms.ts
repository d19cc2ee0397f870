import { block, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-LAMBDA-04 Lambda environment encrypted with an explicit KMS key — anchors: CKV_AWS_173 (REST-03). */
export const lambdaEnvKms = defineRule(
  {
    id: 'TAP-LAMBDA-04',
    severity: 'error',
    description: 'A Lambda with environment variables sets kms_key_arn',
    anchors: ['CKV_AWS_173'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_lambda_function')) {
      const variables = block(r.body.environment)?.variables;
      const hasVariables = variables !== undefined && (typeof variables === 'string' || Object.keys(variables as object).length > 0);
      if (hasVariables && !r.body.kms_key_arn) {
        report(r.address, 'environment variables are encrypted only with the AWS-managed key (docs/failures.md REST-03). Fix: set kms_key_arn to the stack\'s customer-managed key (NodejsFunction environmentKeyArn) and grant the role kms:Decrypt on it.');
      }
    }
  },
);
