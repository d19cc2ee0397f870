import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_PROVIDER_VERSION, REQUIRED_TERRAFORM_VERSION } from '@tap/constructs';
import { buildTags, ConfigError } from '@tap/config';
import { resourcesOf, testConfig } from '../../helpers/synth';
import { byId, PROFILES, ref, synthVpc, tagsOf } from './helpers';
import { REPO_ROOT } from '@tap/synth';

const SUFFIX = 'synth-4f2a';

describe('VPC stack: VPC-01 to VPC-03', () => {
  it('VPC-01: cdktf.json is present and correct for TypeScript', () => {
    const file = join(REPO_ROOT, 'cdktf.json');
    expect(existsSync(file)).toBe(true);
    const cdktf = JSON.parse(readFileSync(file, 'utf8')) as { language: string; app: string; projectId?: string };
    expect(cdktf.language).toBe('typescript');
    expect(cdktf.app).toMatch(/(^|\s)tsx tap\.ts$/);
    expect(existsSync(join(REPO_ROOT, 'tap.ts'))).toBe(true);
    expect(cdktf.projectId).toEqual(expect.any(String));
    // The prebuilt provider pins the version in the synthesized JSON (no `cdktf get` needed).
    const json = synthVpc();
    expect(AWS_PROVIDER_VERSION).toBe('5.100.0');
    expect((json.terraform as { required_providers: { aws: { version: string } } }).required_providers.aws.version).toBe('5.100.0');
  });

  it('VPC-02: tags come from config, no literal Production', () => {
    const config = testConfig({ suffix: SUFFIX, profile: 'production' });
    const json = synthVpc({ suffix: SUFFIX, profile: 'production' });
    const provider = (json.provider?.aws ?? [])[0] as { default_tags: { tags: Record<string, string> }[] };
    expect(provider.default_tags).toEqual([{ tags: { ...buildTags(config), Stack: 'vpc' } }]);
    expect(provider.default_tags[0].tags).toMatchObject({ Environment: SUFFIX, EnvironmentSuffix: SUFFIX, Project: config.project, CostCenter: config.costCenter, Profile: 'production' });
    // Outside the provider's default tags (where `Profile: production` comes from config.profile), no
    // name, tag or other value spells the environment.
    const withoutProvider = JSON.stringify({ ...json, provider: undefined });
    expect(withoutProvider).not.toMatch(/production/i);
    // And an Environment tag of "Production" appears only when config says so.
    const named = synthVpc({ suffix: SUFFIX, profile: 'dev', environmentName: 'Production' });
    const tags = ((named.provider?.aws ?? [])[0] as { default_tags: { tags: Record<string, string> }[] }).default_tags[0].tags;
    expect(tags.Environment).toBe('Production');
    expect(JSON.stringify({ ...named, provider: undefined })).not.toMatch(/production/i);
  });

  it('VPC-03: state locking follows the foundation backend rules', () => {
    const s3 = synthVpc({ suffix: SUFFIX, stateBucket: 'org-tf-state', stateKeyPrefix: 'tap/' });
    expect(s3.terraform).toMatchObject({
      required_version: REQUIRED_TERRAFORM_VERSION,
      backend: { s3: { bucket: 'org-tf-state', key: `tap/${SUFFIX}/vpc.tfstate`, encrypt: true, use_lockfile: true } },
    });
    const backend = (s3.terraform as { backend: { s3: Record<string, unknown> } }).backend.s3;
    expect(backend).not.toHaveProperty('dynamodb_table');
    expect(synthVpc({ stateBucket: 'org-tf-state', stateLockTable: 'legacy-locks' }).terraform).toMatchObject({ backend: { s3: { dynamodb_table: 'legacy-locks', use_lockfile: true } } });
    const local = synthVpc({ suffix: SUFFIX });
    expect(local.terraform).toMatchObject({ required_version: REQUIRED_TERRAFORM_VERSION, backend: { local: { path: `../../../.state/${SUFFIX}/vpc.tfstate` } } });
    expect(local.terraform).not.toHaveProperty('backend.s3');
  });
});

describe.each(['dev', 'production'] as const)('own network, profile %s', (profile) => {
  const config = testConfig({ suffix: SUFFIX, profile });
  const json = synthVpc({ suffix: SUFFIX, profile });
  const subnets = byId(json, 'aws_subnet');
  const tables = byId(json, 'aws_route_table');
  const azData = Object.keys(json.data?.aws_availability_zones ?? {});

  it('3 AZs x 2 subnets, AZs from data.aws_availability_zones, CIDRs from config', () => {
    expect(azData).toHaveLength(1);
    expect(json.data?.aws_availability_zones?.[azData[0]]).toMatchObject({ state: 'available' });
    const list = Object.values(subnets);
    expect(list).toHaveLength(6);
    for (const tier of ['public', 'private']) {
      const ofTier = list.filter((s) => tagsOf(s).Tier === tier);
      expect(ofTier).toHaveLength(3);
      expect(ofTier.map((s) => s.availability_zone)).toEqual([0, 1, 2].map((i) => `\${element(data.aws_availability_zones.${azData[0]}.names, ${i})}`));
      for (const s of ofTier) expect(s.map_public_ip_on_launch).toBe(false);
    }
    // Public i is block i, private i is block azCount + i, in AZ i.
    const byName = (tier: string, i: number) => list.find((s) => tagsOf(s).Name === `vpc-${tier}-${i}-${SUFFIX}`);
    expect([0, 1, 2].map((i) => byName('public', i)?.cidr_block)).toEqual(['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20']);
    expect([0, 1, 2].map((i) => byName('private', i)?.cidr_block)).toEqual(['10.0.48.0/20', '10.0.64.0/20', '10.0.80.0/20']);
    for (const i of [0, 1, 2]) expect(byName('private', i)?.availability_zone).toBe(byName('public', i)?.availability_zone);
    expect(config.network.mode === 'own' && config.network.vpcCidr).toBe(resourcesOf(json, 'aws_vpc')[0].cidr_block);
  });

  it('VPC, subnets and route tables carry the Network tag; subnets and route tables the Tier tag', () => {
    expect(tagsOf(resourcesOf(json, 'aws_vpc')[0]).Network).toBe(SUFFIX);
    for (const r of [...Object.values(subnets), ...Object.values(tables)]) {
      expect(tagsOf(r).Network).toBe(SUFFIX);
      expect(['public', 'private']).toContain(tagsOf(r).Tier);
    }
    expect(Object.values(tables).filter((t) => tagsOf(t).Tier === 'private')).toHaveLength(3);
    expect(Object.values(tables).filter((t) => tagsOf(t).Tier === 'public')).toHaveLength(1);
  });

  it('gateway endpoints (S3, DynamoDB) are associated only with the private route tables', () => {
    const privateRefs = Object.entries(tables).filter(([, t]) => tagsOf(t).Tier === 'private').map(([id]) => ref('aws_route_table', id));
    const gateways = resourcesOf(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Gateway');
    expect(gateways.map((e) => String(e.service_name).split('.').pop()).sort()).toEqual(['dynamodb', 's3']);
    for (const endpoint of gateways) expect([...(endpoint.route_table_ids as string[])].sort()).toEqual([...privateRefs].sort());
    const separate = resourcesOf(json, 'aws_vpc_endpoint_route_table_association');
    for (const a of separate) expect(privateRefs).toContain(a.route_table_id);
  });

  it('public route table routes 0.0.0.0/0 to the internet gateway and holds the public subnets', () => {
    const [publicId] = Object.entries(tables).find(([, t]) => tagsOf(t).Tier === 'public') ?? [];
    const routes = resourcesOf(json, 'aws_route').filter((r) => r.route_table_id === ref('aws_route_table', String(publicId)));
    expect(routes).toEqual([expect.objectContaining({ destination_cidr_block: '0.0.0.0/0', gateway_id: expect.stringContaining('aws_internet_gateway.') })]);
    const publicSubnetRefs = Object.entries(subnets).filter(([, s]) => tagsOf(s).Tier === 'public').map(([id]) => ref('aws_subnet', id));
    const assoc = resourcesOf(json, 'aws_route_table_association').filter((a) => a.route_table_id === ref('aws_route_table', String(publicId)));
    expect(assoc.map((a) => a.subnet_id).sort()).toEqual(publicSubnetRefs.sort());
  });

  it('flow log role policy is scoped to the log group ARN (no *), trust limited to this account', () => {
    const [groupId, group] = Object.entries(byId(json, 'aws_cloudwatch_log_group'))[0];
    expect(group).toMatchObject({ retention_in_days: config.logs.retentionDays, kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/) });
    expect(String(group.name)).toBe(`/aws/vpc/flow-logs/vpc-${SUFFIX}`);
    const arn = ref('aws_cloudwatch_log_group', groupId, 'arn');
    const policy = JSON.parse(String(resourcesOf(json, 'aws_iam_role_policy')[0].policy)) as { Statement: { Action: string[]; Resource: string[] }[] };
    const resources = policy.Statement.flatMap((s) => s.Resource);
    expect(resources.sort()).toEqual([arn, `${arn}:*`].sort());
    for (const s of policy.Statement) for (const action of s.Action) expect(action).toMatch(/^logs:[A-Za-z]+$/);
    expect(JSON.stringify(policy)).not.toMatch(/"\*"/);
    const trust = JSON.parse(String(resourcesOf(json, 'aws_iam_role')[0].assume_role_policy)) as { Statement: { Principal: { Service: string }; Condition: Record<string, Record<string, string>> }[] };
    expect(trust.Statement[0].Principal.Service).toBe('vpc-flow-logs.amazonaws.com');
    expect(trust.Statement[0].Condition.StringEquals['aws:SourceAccount']).toBe('${data.aws_caller_identity.current_identity.account_id}');
    const flowLog = resourcesOf(json, 'aws_flow_log')[0];
    expect(flowLog).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs', log_destination: arn, vpc_id: expect.stringContaining('aws_vpc.') });
    const key = JSON.parse(String(resourcesOf(json, 'aws_kms_key')[0].policy)) as { Statement: { Principal: { Service?: string } }[] };
    expect(key.Statement.some((s) => s.Principal.Service === 'logs.${data.aws_region.current_region.id}.amazonaws.com')).toBe(true);
  });

  it('the default security group is adopted with no ingress and no egress', () => {
    const sg = resourcesOf(json, 'aws_default_security_group');
    expect(sg).toHaveLength(1);
    expect(sg[0].ingress).toEqual([]);
    expect(sg[0].egress).toEqual([]);
  });
});

describe('NAT gateways follow the profile', () => {
  const privateRoutes = (json: ReturnType<typeof synthVpc>) => {
    const privateIds = Object.entries(byId(json, 'aws_route_table')).filter(([, t]) => tagsOf(t).Tier === 'private').map(([id]) => ref('aws_route_table', id));
    return resourcesOf(json, 'aws_route').filter((r) => privateIds.includes(String(r.route_table_id)));
  };

  it('dev: no NAT gateway, no EIP, no default route in private subnets, empty output', () => {
    const json = synthVpc({ profile: 'dev' });
    expect(resourcesOf(json, 'aws_nat_gateway')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(0);
    expect(privateRoutes(json)).toHaveLength(0);
    expect(json.output?.vpcNatGatewayIds.value).toBe('');
  });

  it('production: one NAT per AZ in the public subnets, AZ i routes through NAT i', () => {
    const json = synthVpc({ profile: 'production' });
    const nats = byId(json, 'aws_nat_gateway');
    expect(Object.keys(nats)).toHaveLength(3);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(3);
    const publicSubnets = Object.entries(byId(json, 'aws_subnet')).filter(([, s]) => tagsOf(s).Tier === 'public').map(([id]) => ref('aws_subnet', id));
    expect(Object.values(nats).map((n) => n.subnet_id)).toEqual(publicSubnets);
    const natRefs = Object.keys(nats).map((id) => ref('aws_nat_gateway', id));
    expect(privateRoutes(json).map((r) => [r.destination_cidr_block, r.nat_gateway_id])).toEqual(natRefs.map((n) => ['0.0.0.0/0', n]));
    expect(String(json.output?.vpcNatGatewayIds.value)).toMatch(/^\$\{join\(",", \[aws_nat_gateway\./);
  });

  it('an override of 1: one NAT shared by every private route table', () => {
    const json = synthVpc({ profile: 'production', overrides: { network: { natGateways: 1 } } });
    const nats = Object.keys(byId(json, 'aws_nat_gateway'));
    expect(nats).toHaveLength(1);
    expect(resourcesOf(json, 'aws_eip')).toHaveLength(1);
    expect(privateRoutes(json).map((r) => r.nat_gateway_id)).toEqual([0, 1, 2].map(() => ref('aws_nat_gateway', nats[0])));
  });

  it('a count over the AZ count fails at synth naming the field', () => {
    expect(() => synthVpc({ profile: 'production', overrides: { network: { natGateways: 4 } } })).toThrow(/network\.natGateways: 4 is outside 0\.\.3/);
  });
});

describe('interface endpoints only when configured', () => {
  it('dev: SQS in the first private subnet only, private DNS on, HTTPS from the VPC CIDR only', () => {
    const json = synthVpc({ profile: 'dev' });
    const interfaces = resourcesOf(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');
    expect(interfaces).toHaveLength(1);
    const privateZero = Object.entries(byId(json, 'aws_subnet')).find(([, s]) => tagsOf(s).Name === 'vpc-private-0-test')?.[0];
    expect(interfaces[0]).toMatchObject({ service_name: 'com.amazonaws.${data.aws_region.current_region.id}.sqs', private_dns_enabled: true, subnet_ids: [ref('aws_subnet', String(privateZero))] });
    const rules = resourcesOf(json, 'aws_vpc_security_group_ingress_rule');
    expect(rules).toEqual([expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: expect.stringMatching(/^\$\{aws_vpc\..+\.cidr_block\}$/) })]);
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toHaveLength(0);
    const vpc = resourcesOf(json, 'aws_vpc')[0];
    expect(vpc).toMatchObject({ enable_dns_support: true, enable_dns_hostnames: true });
  });

  it('production (NAT, none configured): no interface endpoint and no endpoint security group', () => {
    const json = synthVpc({ profile: 'production' });
    expect(resourcesOf(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_security_group')).toHaveLength(0);
  });

  it('more services and AZs when asked', () => {
    const json = synthVpc({ profile: 'dev', overrides: { network: { interfaceEndpoints: ['sqs', 'ssm'], interfaceEndpointAzs: 2 } } });
    const interfaces = resourcesOf(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');
    expect(interfaces).toHaveLength(2);
    for (const e of interfaces) expect(e.subnet_ids).toHaveLength(2);
  });

  it('an endpoint AZ count outside 1..azCount fails naming the field', () => {
    expect(() => synthVpc({ profile: 'dev', overrides: { network: { interfaceEndpointAzs: 4 } } })).toThrow(ConfigError);
    expect(() => synthVpc({ profile: 'dev', overrides: { network: { interfaceEndpointAzs: 0 } } })).toThrow(/network\.interfaceEndpointAzs: 0 is outside 1\.\.3/);
  });
});

describe('CIDR validation at synth', () => {
  it.each([
    [{ vpcCidr: '10.0.0.0/8' }, /network\.vpcCidr: 10\.0\.0\.0\/8 is a \/8/],
    [{ vpcCidr: '10.0.0.300/16' }, /network\.vpcCidr: "10\.0\.0\.300\/16"/],
    [{ subnetNewBits: 2 }, /network\.subnetNewBits: 6 subnets/],
    [{ vpcCidr: '10.0.0.0/24', subnetNewBits: 6 }, /network\.subnetNewBits: .*smaller than the \/28/],
  ])('%j fails with a ConfigError naming the field', (network, message) => {
    expect(() => synthVpc({ profile: 'dev', overrides: { network } })).toThrow(message);
    expect(() => synthVpc({ profile: 'dev', overrides: { network } })).toThrow(ConfigError);
  });

  it('another VPC block moves every subnet with it', () => {
    const json = synthVpc({ profile: 'dev', overrides: { network: { vpcCidr: '172.20.0.0/16', subnetNewBits: 8 } } });
    expect(resourcesOf(json, 'aws_subnet').map((s) => s.cidr_block).sort()).toEqual(['172.20.0.0/24', '172.20.1.0/24', '172.20.2.0/24', '172.20.3.0/24', '172.20.4.0/24', '172.20.5.0/24']);
  });
});

describe('shared network (pr profile, FND-08)', () => {
  const json = synthVpc({ suffix: 'pr4821', profile: 'pr' });

  it('creates no VPC, NAT gateway, EIP or any other resource', () => {
    expect(json.resource ?? {}).toEqual({});
  });

  it('reads the shared VPC and its subnets by the tag contract', () => {
    expect(Object.values(json.data?.aws_vpc ?? {})).toEqual([expect.objectContaining({ tags: { Network: 'shared' } })]);
    const subnets = Object.values(json.data?.aws_subnets ?? {});
    expect(subnets.map((s) => s.tags)).toEqual(expect.arrayContaining([{ Tier: 'public' }, { Tier: 'private' }]));
    expect(subnets).toHaveLength(2);
    const vpcRef = `\${data.aws_vpc.${Object.keys(json.data?.aws_vpc ?? {})[0]}.id}`;
    for (const s of subnets) expect(s.filter).toEqual([{ name: 'vpc-id', values: [vpcRef] }]);
    expect(json.output?.vpcNetworkName.value).toBe('shared');
    expect(json.output?.vpcNetworkMode.value).toBe('shared');
  });

  it('follows SHARED_NETWORK_NAME', () => {
    const named = synthVpc({ suffix: 'pr4821', profile: 'pr', sharedNetworkName: 'pr-net' });
    expect(Object.values(named.data?.aws_vpc ?? {})[0]).toMatchObject({ tags: { Network: 'pr-net' } });
  });
});

describe.each(PROFILES)('every profile: %s', (profile) => {
  const json = synthVpc({ suffix: SUFFIX, profile });

  it('every name carries the suffix', () => {
    const names: string[] = [];
    for (const byType of Object.values(json.resource ?? {})) {
      for (const r of Object.values(byType)) {
        for (const key of ['name', 'name_prefix']) if (typeof r[key] === 'string') names.push(String(r[key]));
        const tagName = tagsOf(r).Name;
        if (tagName !== undefined) names.push(tagName);
      }
    }
    if (profile !== 'pr') expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect(name).toContain(SUFFIX);
    expect(JSON.stringify(json)).not.toMatch(/\b\d{12}\b/);
  });

  it('flat scalar outputs with stable vpc-prefixed keys', () => {
    const keys = Object.keys(json.output ?? {}).sort();
    const expected = ['vpcCidr', 'vpcId', 'vpcNatGatewayIds', 'vpcNetworkMode', 'vpcNetworkName', 'vpcPrivateSubnetIds', 'vpcPublicSubnetIds'];
    expect(keys).toEqual((profile === 'pr' ? expected : [...expected, 'vpcFlowLogGroupName']).sort());
    for (const [key, output] of Object.entries(json.output ?? {})) {
      expect(key).toMatch(/^vpc[A-Z][A-Za-z]*$/);
      expect(typeof output.value).toBe('string');
    }
  });
});
