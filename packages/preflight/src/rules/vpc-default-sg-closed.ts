import { blocks, refersTo, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-VPC-02 the default security group of every VPC admits nothing — anchors: NIST-VPCDefaultSecurityGroupClosed, CKV2_AWS_12, AVD-AWS-0173. */
export const vpcDefaultSgClosed = defineRule(
  {
    id: 'TAP-VPC-02',
    severity: 'error',
    description: 'Each aws_vpc has an aws_default_security_group with no ingress and no egress rules',
    anchors: ['NIST-VPCDefaultSecurityGroupClosed', 'CKV2_AWS_12', 'AVD-AWS-0173'],
  },
  (ctx, report) => {
    const defaults = resources(ctx.stack.json, 'aws_default_security_group');
    for (const vpc of resources(ctx.stack.json, 'aws_vpc')) {
      const sg = defaults.find((d) => refersTo(d.body.vpc_id, 'aws_vpc', vpc.name));
      if (!sg) {
        report(vpc.address, 'no aws_default_security_group: the VPC\'s default group keeps its allow-all-within-group ingress and allow-all egress, and anything launched without a group gets it. Fix: aws_default_security_group { vpc_id } with no ingress or egress (the Network construct does).');
      } else if (blocks(sg.body.ingress).length > 0 || blocks(sg.body.egress).length > 0) {
        report(sg.address, 'the default security group has rules: anything launched without an explicit group gets them. Fix: ingress = [] and egress = [].');
      }
    }
  },
);
