import { refersTo, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-VPC-01 every VPC records its traffic — anchors: AS-VPC7, CKV2_AWS_11, AVD-AWS-0178. */
export const vpcFlowLogs = defineRule(
  {
    id: 'TAP-VPC-01',
    severity: 'error',
    description: 'Each aws_vpc has an aws_flow_log (vpc_id referencing it)',
    anchors: ['AS-VPC7', 'CKV2_AWS_11', 'AVD-AWS-0178'],
  },
  (ctx, report) => {
    const logs = resources(ctx.stack.json, 'aws_flow_log');
    for (const vpc of resources(ctx.stack.json, 'aws_vpc')) {
      if (!logs.some((l) => refersTo(l.body.vpc_id, 'aws_vpc', vpc.name))) {
        report(vpc.address, 'VPC without a flow log: rejected and accepted connections leave no record for an incident or a connectivity bug. Fix: aws_flow_log { vpc_id, traffic_type = "ALL" } to a KMS-encrypted log group with retention (the Network construct\'s FlowLogs).');
      }
    }
  },
);
