import { sgDescriptions, sgOpenEgress, sgOpenIngress, vpcDefaultSgClosed, vpcFlowLogs, vpcGatewayEndpointsPrivate, vpcSubnetPublicIp } from '@tap/preflight';
import { check, stack, title } from './helpers';

const sg = { name: 'fns-dev', description: 'Functions: HTTPS egress only', vpc_id: '${aws_vpc.v.id}' };
const egress = (extra: Record<string, unknown>) => ({ security_group_id: '${aws_security_group.sg.id}', ip_protocol: 'tcp', from_port: 443, to_port: 443, description: 'HTTPS to the VPC', ...extra });

describe(title(sgDescriptions), () => {
  it('compliant: group and rules describe themselves', () => {
    expect(check(sgDescriptions, stack({ resource: { aws_security_group: { sg }, aws_vpc_security_group_egress_rule: { e: egress({ cidr_ipv4: '10.0.0.0/16' }) } } }))).toEqual([]);
  });
  it('a group with the default or no description, and a rule without one, are errors', () => {
    const s = stack({
      resource: {
        aws_security_group: { sg: { ...sg, description: 'Managed by Terraform' }, bare: { name: 'b-dev', ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'] }] } },
        aws_vpc_security_group_egress_rule: { e: egress({ description: undefined, cidr_ipv4: '10.0.0.0/16' }) },
      },
    });
    expect(check(sgDescriptions, s).map((f) => f.address)).toEqual(['aws_security_group.sg', 'aws_security_group.bare', 'aws_security_group.bare', 'aws_vpc_security_group_egress_rule.e']);
  });
});

describe(title(sgOpenIngress), () => {
  it('compliant: ingress from the VPC CIDR', () => {
    expect(check(sgOpenIngress, stack({ resource: { aws_vpc_security_group_ingress_rule: { i: egress({ cidr_ipv4: '${aws_vpc.v.cidr_block}' }) } } }))).toEqual([]);
  });
  it('ingress from 0.0.0.0/0 or ::/0, inline or as a rule resource, is an error', () => {
    const s = stack({
      resource: {
        aws_security_group: { sg: { ...sg, ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', ipv6_cidr_blocks: ['::/0'], description: 'ssh' }] } },
        aws_vpc_security_group_ingress_rule: { i: egress({ cidr_ipv4: '0.0.0.0/0' }) },
        aws_security_group_rule: { r: { type: 'ingress', cidr_blocks: ['0.0.0.0/0'], from_port: 80, to_port: 80, protocol: 'tcp', security_group_id: 'x' } },
      },
    });
    expect(check(sgOpenIngress, s)).toHaveLength(3);
  });
});

describe(title(sgOpenEgress), () => {
  it('compliant: egress to a prefix list and the VPC CIDR', () => {
    expect(check(sgOpenEgress, stack({ resource: { aws_vpc_security_group_egress_rule: { a: egress({ prefix_list_id: '${data.aws_ec2_managed_prefix_list.s3.id}' }), b: egress({ cidr_ipv4: '10.0.0.0/16' }) } } }))).toEqual([]);
  });
  it('egress to 0.0.0.0/0 is an error', () => {
    expect(check(sgOpenEgress, stack({ resource: { aws_vpc_security_group_egress_rule: { a: egress({ cidr_ipv4: '0.0.0.0/0' }) } } }))).toMatchObject([{ address: 'aws_vpc_security_group_egress_rule.a' }]);
  });
});

const vpc = { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } } };
describe(title(vpcFlowLogs), () => {
  it('compliant: the VPC has a flow log', () => {
    expect(check(vpcFlowLogs, stack({ resource: { ...vpc, aws_flow_log: { f: { vpc_id: '${aws_vpc.v.id}', traffic_type: 'ALL' } } } }))).toEqual([]);
  });
  it('a VPC without one is an error', () => expect(check(vpcFlowLogs, stack({ resource: vpc }))).toMatchObject([{ address: 'aws_vpc.v' }]));
});

describe(title(vpcDefaultSgClosed), () => {
  it('compliant: default group with no rules', () => {
    expect(check(vpcDefaultSgClosed, stack({ resource: { ...vpc, aws_default_security_group: { d: { vpc_id: '${aws_vpc.v.id}', ingress: [], egress: [] } } } }))).toEqual([]);
  });
  it('a missing or open default group is an error', () => {
    expect(check(vpcDefaultSgClosed, stack({ resource: vpc }))).toMatchObject([{ address: 'aws_vpc.v' }]);
    expect(check(vpcDefaultSgClosed, stack({ resource: { ...vpc, aws_default_security_group: { d: { vpc_id: '${aws_vpc.v.id}', egress: [{ protocol: '-1', cidr_blocks: ['0.0.0.0/0'] }] } } } }))).toMatchObject([{ address: 'aws_default_security_group.d' }]);
  });
});

describe(title(vpcGatewayEndpointsPrivate), () => {
  const net = (tables: string[]) =>
    stack({
      resource: {
        aws_route_table: { pub: { vpc_id: 'v' }, priv: { vpc_id: 'v' } },
        aws_route: { pub_default: { route_table_id: '${aws_route_table.pub.id}', destination_cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.igw.id}' } },
        aws_vpc_endpoint: { s3: { vpc_endpoint_type: 'Gateway', service_name: 'com.amazonaws.${data.aws_region.r.id}.s3', route_table_ids: tables } },
      },
    });
  it('compliant: only private route tables', () => expect(check(vpcGatewayEndpointsPrivate, net(['${aws_route_table.priv.id}']))).toEqual([]));
  it('PAY-03: a gateway endpoint on the public route table (or on none) is an error', () => {
    expect(check(vpcGatewayEndpointsPrivate, net(['${aws_route_table.pub.id}']))[0].message).toMatch(/public route table aws_route_table.pub/);
    expect(check(vpcGatewayEndpointsPrivate, net([]))).toHaveLength(1);
  });
});

describe(title(vpcSubnetPublicIp), () => {
  it('compliant: no public IPs by default', () => expect(check(vpcSubnetPublicIp, stack({ resource: { aws_subnet: { s: { vpc_id: 'v', cidr_block: '10.0.0.0/24', map_public_ip_on_launch: false } } } }))).toEqual([]));
  it('map_public_ip_on_launch = true is an error', () => expect(check(vpcSubnetPublicIp, stack({ resource: { aws_subnet: { s: { vpc_id: 'v', cidr_block: '10.0.0.0/24', map_public_ip_on_launch: true } } } }))).toHaveLength(1));
});
