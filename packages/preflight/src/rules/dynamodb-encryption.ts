import { block, bool, resources } from '@tap/synth';
import { resolveKey, unresolvedMessage } from '../resolve';
import { defineRule } from './define';

/** TAP-DDB-01 DynamoDB encrypted with a customer-managed key — anchors: CKV_AWS_119, AVD-AWS-0025 (REST-01). */
export const dynamodbEncryption = defineRule(
  {
    id: 'TAP-DDB-01',
    severity: 'error',
    description: 'aws_dynamodb_table server_side_encryption { enabled = true, kms_key_arn = <CMK> } (resolved to an aws_kms_key of the stack, directly or through its alias; an unresolved key is a warning)',
    anchors: ['CKV_AWS_119', 'AVD-AWS-0025'],
  },
  (ctx, report) => {
    for (const r of resources(ctx.stack.json, 'aws_dynamodb_table')) {
      const sse = block(r.body.server_side_encryption);
      if (!sse || bool(sse.enabled) !== true || !sse.kms_key_arn) {
        report(r.address, 'table not encrypted with a customer-managed key (server_side_encryption missing, disabled or without kms_key_arn). Fix: serverSideEncryption: { enabled: true, kmsKeyArn: key.arn } — an object, not an array (docs/failures.md REST-01).');
        continue;
      }
      const key = resolveKey(sse.kms_key_arn, ctx.stack);
      if (key.kind === 'aws-managed') report(r.address, `kms_key_arn is the AWS-managed ${key.alias}, not a customer-managed key: its policy cannot be scoped and its use is not audited per stack. Fix: kms_key_arn = the stack's aws_kms_key.`);
      else if (key.kind === 'unresolved') report(r.address, unresolvedMessage('server_side_encryption.kms_key_arn', key, 'that the table uses a customer-managed key'), 'warning');
    }
  },
);
