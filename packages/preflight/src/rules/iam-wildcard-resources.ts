import { policies } from '../policy';
import { defineRule } from './define';

/**
 * Actions that have no resource-level permissions, so `Resource: "*"` is the only valid form (documented
 * exceptions): X-Ray trace upload, and the ENI management a VPC Lambda needs.
 */
export const STAR_RESOURCE_ACTIONS = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
].map((a) => a.toLowerCase());

/** TAP-IAM-02 no `*` resources in identity policies except documented exceptions — anchors: AS-IAM5, SL-LambdaStarPermissions, CKV_AWS_355, CKV_AWS_356, AVD-AWS-0057 (VPC-04). */
export const iamWildcardResources = defineRule(
  {
    id: 'TAP-IAM-02',
    severity: 'error',
    description: 'Identity policies scope Allow statements to ARNs; Resource "*" only for X-Ray and VPC ENI actions (KMS key policies are exempt: their "*" is the key itself)',
    anchors: ['AS-IAM5', 'SL-LambdaStarPermissions', 'CKV_AWS_355', 'CKV_AWS_356', 'AVD-AWS-0057'],
  },
  (ctx, report) => {
    for (const doc of policies(ctx.stack.json)) {
      if (doc.kind !== 'identity') continue;
      for (const s of doc.statements ?? []) {
        if (s.effect !== 'Allow' || !s.resources.includes('*')) continue;
        const scopedNeeded = s.actions.filter((a) => !STAR_RESOURCE_ACTIONS.includes(a.toLowerCase()));
        if (scopedNeeded.length === 0) continue;
        report(doc.resource.address, `${doc.attribute}${s.sid ? ` statement ${s.sid}` : ''} allows ${scopedNeeded.join(', ')} on Resource "*": the role can touch every such resource in the account. Fix: scope Resource to the ARNs it uses (e.g. the log group ARN and "<arn>:*" for log streams).`);
      }
    }
  },
);
