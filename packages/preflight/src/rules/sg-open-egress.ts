import { defineRule } from './define';
import { openCidrs, sgRules } from './sg-open-ingress';

/** TAP-SG-03 no egress to the whole internet — anchors: CKV_AWS_382, AVD-AWS-0104. */
export const sgOpenEgress = defineRule(
  {
    id: 'TAP-SG-03',
    severity: 'error',
    description: 'No security group egress to 0.0.0.0/0 or ::/0: private functions reach AWS through endpoint prefix lists and the VPC CIDR only',
    anchors: ['CKV_AWS_382', 'AVD-AWS-0104'],
  },
  (ctx, report) => {
    for (const { address, rule } of sgRules(ctx.stack.json, 'egress')) {
      const open = openCidrs(rule);
      if (open.length > 0) {
        report(address, `egress to ${open.join(', ')}: code in the group can send data anywhere (exfiltration path, bypasses the endpoints). Fix: egress HTTPS to the gateway endpoints' prefix lists and the VPC CIDR (interface endpoints) only.`);
      }
    }
  },
);
