import { TerraformOutput, Testing } from 'cdktf';
import { BaseStack, NetworkLookup } from '@tap/constructs';
import { resourcesOf, synthJson, testConfig } from '../../helpers/synth';
import { synthVpc, tagsOf } from './helpers';

function lookupStack(profile: string, suffix = 'pr4821'): { stack: BaseStack; lookup: NetworkLookup } {
  const stack = new BaseStack(Testing.app(), 'payment-api', { config: testConfig({ suffix, profile }) });
  return { stack, lookup: new NetworkLookup(stack, 'network', { name: 'payment-functions' }) };
}

describe('NetworkLookup: attach to the environment\'s one network', () => {
  it.each([
    ['pr', 'shared'],
    ['dev', 'pr4821'],
    ['production', 'pr4821'],
  ])('profile %s finds the VPC tagged Network=%s and its private subnets; creates no VPC', (profile, networkName) => {
    const { stack, lookup } = lookupStack(profile);
    new TerraformOutput(stack, 'subnets', { value: lookup.attachment.privateSubnetIds, staticId: true });
    new TerraformOutput(stack, 'cidr', { value: lookup.attachment.vpcCidr, staticId: true });
    const json = synthJson(stack);
    const vpcs = Object.entries(json.data?.aws_vpc ?? {});
    expect(vpcs).toHaveLength(1);
    expect(vpcs[0][1]).toMatchObject({ tags: { Network: networkName } });
    const subnets = Object.values(json.data?.aws_subnets ?? {});
    expect(subnets).toEqual([expect.objectContaining({ tags: { Tier: 'private' }, filter: [{ name: 'vpc-id', values: [`\${data.aws_vpc.${vpcs[0][0]}.id}`] }] })]);
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_nat_gateway', 'aws_eip', 'aws_internet_gateway']) expect(resourcesOf(json, type)).toHaveLength(0);
    // The list token renders as the data source's ids: usable as Lambda vpc_config.subnet_ids.
    expect(json.output?.subnets.value).toMatch(/^\$\{data\.aws_subnets\..+\.ids\}$/);
    expect(json.output?.cidr.value).toBe(`\${data.aws_vpc.${vpcs[0][0]}.cidr_block}`);
  });

  it('the security group allows HTTPS egress only (VPC CIDR, S3 and DynamoDB prefix lists) and no ingress', () => {
    const { stack } = lookupStack('dev');
    const json = synthJson(stack);
    const [sg] = resourcesOf(json, 'aws_security_group');
    expect(sg).toMatchObject({ name: 'payment-functions-pr4821' });
    expect(sg.ingress ?? []).toEqual([]);
    expect(sg.egress ?? []).toEqual([]);
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
    const egress = resourcesOf(json, 'aws_vpc_security_group_egress_rule');
    expect(egress).toHaveLength(3);
    for (const rule of egress) expect(rule).toMatchObject({ ip_protocol: 'tcp', from_port: 443, to_port: 443 });
    expect(egress.filter((r) => String(r.cidr_ipv4).includes('data.aws_vpc.'))).toHaveLength(1);
    expect(egress.filter((r) => String(r.prefix_list_id).includes('data.aws_ec2_managed_prefix_list.'))).toHaveLength(2);
    const lists = Object.values(json.data?.aws_ec2_managed_prefix_list ?? {}).map((l) => l.name);
    expect(lists.sort()).toEqual(['com.amazonaws.${data.aws_region.current_region.id}.dynamodb', 'com.amazonaws.${data.aws_region.current_region.id}.s3']);
    expect(JSON.stringify(egress)).not.toContain('0.0.0.0/0');
  });

  it('own mode: the tags it looks for are the tags the VPC stack of the same suffix writes', () => {
    const { stack } = lookupStack('dev', 'alice');
    const wanted = Object.values(synthJson(stack).data?.aws_vpc ?? {})[0].tags as Record<string, string>;
    const vpcJson = synthVpc({ suffix: 'alice', profile: 'dev' });
    expect(tagsOf(resourcesOf(vpcJson, 'aws_vpc')[0])).toMatchObject(wanted);
    const wantedSubnetTags = Object.values(synthJson(stack).data?.aws_subnets ?? {})[0].tags as Record<string, string>;
    expect(resourcesOf(vpcJson, 'aws_subnet').filter((s) => Object.entries(wantedSubnetTags).every(([k, v]) => tagsOf(s)[k] === v))).toHaveLength(3);
  });
});
