import { blocks, resources } from '@tap/synth';
import { defineRule } from './define';

/** CIDRs that mean "anyone on the internet". */
export const OPEN_CIDRS = ['0.0.0.0/0', '::/0'];

/** The open CIDRs an inline rule or a rule resource admits. */
export function openCidrs(rule: Record<string, unknown>): string[] {
  const values = [rule.cidr_ipv4, rule.cidr_ipv6, ...[rule.cidr_blocks, rule.ipv6_cidr_blocks].flatMap((v) => (Array.isArray(v) ? v : []))];
  return values.filter((v): v is string => typeof v === 'string' && OPEN_CIDRS.includes(v.trim()));
}

/** Every rule of one direction in the stack: inline blocks of security groups and standalone rule resources. */
export function sgRules(json: Parameters<typeof resources>[0], direction: 'ingress' | 'egress'): { address: string; rule: Record<string, unknown> }[] {
  const out: { address: string; rule: Record<string, unknown> }[] = [];
  for (const sg of resources(json, 'aws_security_group')) blocks(sg.body[direction]).forEach((rule) => out.push({ address: `${sg.address}`, rule }));
  for (const r of resources(json, `aws_vpc_security_group_${direction}_rule`)) out.push({ address: r.address, rule: r.body });
  for (const r of resources(json, 'aws_security_group_rule')) if (r.body.type === direction) out.push({ address: r.address, rule: r.body });
  return out;
}

/** TAP-SG-02 no ingress from the whole internet — anchors: AS-EC23, CKV_AWS_24, CKV_AWS_25, CKV_AWS_260, CKV_AWS_277, AVD-AWS-0107. */
export const sgOpenIngress = defineRule(
  {
    id: 'TAP-SG-02',
    severity: 'error',
    description: 'No security group ingress from 0.0.0.0/0 or ::/0 (any port): nothing in this app is reached directly from the internet',
    anchors: ['AS-EC23', 'CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277', 'AVD-AWS-0107'],
  },
  (ctx, report) => {
    for (const { address, rule } of sgRules(ctx.stack.json, 'ingress')) {
      const open = openCidrs(rule);
      if (open.length > 0) {
        report(address, `ingress from ${open.join(', ')} (ports ${String(rule.from_port ?? 'all')}-${String(rule.to_port ?? 'all')}): every host on the internet can reach it. Fix: admit the VPC CIDR, a prefix list or a source security group instead (API Gateway fronts the functions; nothing is reached from the internet directly).`);
      }
    }
  },
);
