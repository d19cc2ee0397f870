import { bool, resources } from '@tap/synth';
import { defineRule } from './define';

/** TAP-VPC-04 no subnet hands out public IPs by default — anchors: CKV_AWS_130, AVD-AWS-0164. */
export const vpcSubnetPublicIp = defineRule(
  {
    id: 'TAP-VPC-04',
    severity: 'error',
    description: 'aws_subnet does not set map_public_ip_on_launch = true (NAT gateways use Elastic IPs; nothing else here needs a public address)',
    anchors: ['CKV_AWS_130', 'AVD-AWS-0164'],
  },
  (ctx, report) => {
    for (const s of resources(ctx.stack.json, 'aws_subnet')) {
      if (bool(s.body.map_public_ip_on_launch) === true) {
        report(s.address, 'map_public_ip_on_launch = true: every ENI started in the subnet gets a public address, reachable from the internet if a security group allows it. Fix: leave it false; NAT gateways take Elastic IPs.');
      }
    }
  },
);
