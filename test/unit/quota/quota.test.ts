import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { computeCapacity, loadOverrides, measureUsage, parseOverrides, quotaLine, readSynthesizedApp, renderQuotaDocs, type SynthesizedStack } from '@tap/quota';
import type { StackJson } from '@tap/synth';
import { splitProfile } from '../../../packages/quota/src/synth';

const FIXTURE_APP = join(__dirname, 'fixtures/pr-app');

/** A hand-written stack: resource type → logical id → attributes. */
function stack(name: string, resource: Record<string, Record<string, Record<string, unknown>>>): SynthesizedStack {
  return { name, json: { resource } as StackJson };
}

/** A small own network, synthesized by cdktf: VPC, 3 AZs, `nats` NAT gateways with EIPs, one interface and one gateway endpoint. */
function synthesizedNetwork(nats: number): SynthesizedStack {
  const app = Testing.app();
  const s = new TerraformStack(app, 'net');
  new AwsProvider(s, 'aws', { region: 'us-east-1' });
  const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
  new InternetGateway(s, 'igw', { vpcId: vpc.id });
  const subnets = ['a', 'b', 'c'].map((az, i) => new Subnet(s, `public-${az}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: `us-east-1${az}` }));
  for (let i = 0; i < nats; i++) {
    const eip = new Eip(s, `eip-${i}`, { domain: 'vpc' });
    new NatGateway(s, `nat-${i}`, { allocationId: eip.id, subnetId: subnets[i % 3].id });
  }
  new VpcEndpoint(s, 'sqs', { vpcId: vpc.id, serviceName: 'com.amazonaws.us-east-1.sqs', vpcEndpointType: 'Interface', subnetIds: [subnets[0].id] });
  new VpcEndpoint(s, 's3', { vpcId: vpc.id, serviceName: 'com.amazonaws.us-east-1.s3' });
  const role = new IamRole(s, 'role', { assumeRolePolicy: '{}' });
  new LambdaFunction(s, 'fn', { functionName: 'fn', role: role.arn, reservedConcurrentExecutions: 10 });
  new LambdaFunction(s, 'fn-unreserved', { functionName: 'fn2', role: role.arn, reservedConcurrentExecutions: -1 });
  new ApiGatewayRestApi(s, 'regional', { name: 'r', endpointConfiguration: { types: ['REGIONAL'] } });
  new ApiGatewayRestApi(s, 'edge', { name: 'e' });
  new SsmParameter(s, 'param', { name: '/p', type: 'String', value: 'v' });
  new SsmParameter(s, 'advanced', { name: '/a', type: 'String', value: 'v', tier: 'Advanced' });
  return { name: 'net', json: JSON.parse(Testing.synth(s)) as StackJson };
}

describe('quota counting over synthesized JSON', () => {
  it('counts what one environment consumes of each quota', () => {
    const usage = measureUsage([synthesizedNetwork(3)]);
    expect(usage.use).toMatchObject({
      vpcs: 1,
      'internet-gateways': 1,
      'elastic-ips': 3,
      'nat-gateways-per-az': 1,
      'interface-endpoints-per-vpc': 1,
      'gateway-endpoints': 1,
      'security-groups': 1,
      'iam-roles': 1,
      'lambda-concurrency': 10,
      'lambda-functions': 2,
      'rest-apis-regional': 1,
      'rest-apis-edge': 1,
      'ssm-parameters': 1,
    });
    expect(usage.ownsVpc).toBe(true);
    expect(usage.warnings).toEqual([]);
  });

  it('NAT gateways per AZ: two NATs in the same AZ count 2; a counted block spreads over the AZs used', () => {
    const subnets = { a: { availability_zone: 'us-east-1a' }, b: { availability_zone: 'us-east-1b' } };
    const twoInA = stack('net', { aws_subnet: subnets, aws_nat_gateway: { n1: { subnet_id: '${aws_subnet.a.id}' }, n2: { subnet_id: '${aws_subnet.a.id}' }, n3: { subnet_id: '${aws_subnet.b.id}' } } });
    expect(measureUsage([twoInA]).use['nat-gateways-per-az']).toBe(2);
    const counted = stack('net', { aws_subnet: subnets, aws_nat_gateway: { nat: { count: 4, subnet_id: '${aws_subnet.a[count.index].id}' } } });
    expect(measureUsage([counted]).use['nat-gateways-per-az']).toBe(2);
  });

  it('flags a computed count instead of guessing silently', () => {
    const usage = measureUsage([stack('x', { aws_iam_role: { r: { count: '${length(var.names)}' } } })]);
    expect(usage.use['iam-roles']).toBe(1);
    expect(usage.warnings[0]).toContain('computed count');
  });

  it('reads every stack of an app from manifest.json', () => {
    const stacks = readSynthesizedApp(FIXTURE_APP);
    expect(stacks.map((s) => s.name)).toEqual(['orders-api', 'vpc']);
    expect(measureUsage(stacks).use).toMatchObject({ 'iam-roles': 2, 'rest-apis-regional': 1, 'dynamodb-tables': 1, 'interface-endpoints-per-vpc': 1 });
  });
});

describe('capacity: baselines and the binding quota', () => {
  it('the default VPC counts: an environment with one VPC fits 4 (binding VPCs per Region)', () => {
    const result = computeCapacity(measureUsage([synthesizedNetwork(0)]), undefined);
    expect(result.environments).toBe(4);
    expect(result.binding?.id).toBe('vpcs');
  });

  it('NAT per AZ needs an EIP each: 3 NATs bind on Elastic IPs at floor(5 / 3) = 1', () => {
    const result = computeCapacity(measureUsage([synthesizedNetwork(3)]), undefined);
    expect(result.rows.find((r) => r.quota.id === 'elastic-ips')?.fits).toBe(1);
    expect(result.environments).toBe(1);
    expect(result.binding?.id).toBe('elastic-ips');
  });

  it('PIPE-05: reserved concurrency leaves 100 unreserved, so 30 reserved per environment fits floor(900 / 30) = 30', () => {
    const fns = { a: { reserved_concurrent_executions: 20 }, b: { reserved_concurrent_executions: 10 }, c: { reserved_concurrent_executions: -1 } };
    const result = computeCapacity(measureUsage([stack('api', { aws_lambda_function: fns })]), undefined);
    const row = result.rows.find((r) => r.quota.id === 'lambda-concurrency');
    expect(row).toMatchObject({ perEnvironment: 30, accountBaseline: 100, fits: 30 });
    expect(result.binding?.id).toBe('lambda-concurrency');
  });

  it('per-VPC quotas are a fit check for environments with their own VPC', () => {
    const endpoints = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`e${i}`, { vpc_endpoint_type: 'Interface' }]));
    const result = computeCapacity(measureUsage([stack('net', { aws_vpc: { v: {} }, aws_vpc_endpoint: endpoints })]), undefined);
    expect(result.rows.find((r) => r.quota.id === 'interface-endpoints-per-vpc')).toMatchObject({ mode: 'per-vpc', fits: 0 });
    expect(result.environments).toBe(0);
  });

  it('pr: the shared network is a one-time baseline; endpoints each environment adds to it pool in that VPC', () => {
    const perEnv = measureUsage(readSynthesizedApp(FIXTURE_APP).filter((s) => s.name !== 'vpc'));
    const network = measureUsage([synthesizedNetwork(0)]);
    const result = computeCapacity(perEnv, network);
    const vpcs = result.rows.find((r) => r.quota.id === 'vpcs');
    expect(vpcs).toMatchObject({ perEnvironment: 0, accountBaseline: 1, sharedBaseline: 1, fits: Infinity });
    // 50 endpoints per VPC - 1 of the shared network itself = 49 environments adding one each.
    expect(result.rows.find((r) => r.quota.id === 'interface-endpoints-per-vpc')).toMatchObject({ mode: 'pooled', sharedBaseline: 1, fits: 49 });
    expect(result.environments).toBe(49);
    expect(result.binding?.id).toBe('interface-endpoints-per-vpc');
  });

  it('splits a profile by its scope setting: pr counts the vpc stack once, from its own synth and the shared source', () => {
    const own = readSynthesizedApp(FIXTURE_APP);
    const calls: string[] = [];
    const split = splitProfile('pr', own, (profile, suffix) => {
      calls.push(`${profile}/${suffix}`);
      return [{ ...synthesizedNetwork(0), name: 'vpc' }];
    });
    expect(split.perEnvironment.map((s) => s.name)).toEqual(['orders-api']);
    expect(split.shared.map((s) => s.name)).toEqual(['vpc (pr)', 'vpc (shared)']);
    expect(calls).toEqual(['dev/shared']);
    const dev = splitProfile('dev', own, () => {
      throw new Error('dev has no shared stacks');
    });
    expect(dev.shared).toEqual([]);
    expect(dev.perEnvironment).toHaveLength(2);
  });

  it('the closing line names the profile, the figure and the binding quota', () => {
    const result = computeCapacity(measureUsage([synthesizedNetwork(0)]), undefined);
    expect(quotaLine('dev', result)).toBe('quota: dev: 4 environments per account and Region (binding: VPCs per Region)');
  });
});

describe('quota overrides for accounts with raised limits', () => {
  it('a raised VPC quota moves the binding to the next quota', () => {
    const usage = measureUsage([synthesizedNetwork(1)]);
    expect(computeCapacity(usage, undefined).binding?.id).toBe('vpcs');
    const raised = computeCapacity(usage, undefined, parseOverrides({ quotas: { vpcs: 20, 'internet-gateways': 20 } }));
    expect(raised.binding?.id).toBe('elastic-ips');
    expect(raised.environments).toBe(5);
  });

  it('the short form sets limits; accountBaselines replace the table baseline', () => {
    const usage = measureUsage([synthesizedNetwork(0)]);
    expect(computeCapacity(usage, undefined, parseOverrides({ vpcs: 10, 'internet-gateways': 10 })).environments).toBe(9);
    const noDefaultVpc = parseOverrides({ quotas: {}, accountBaselines: { vpcs: 0, 'internet-gateways': 0 } });
    expect(computeCapacity(usage, undefined, noDefaultVpc).environments).toBe(5);
  });

  it('rejects unknown quota ids and bad values, naming them', () => {
    expect(() => parseOverrides({ vpc: 10 })).toThrow(/vpc: unknown quota id/);
    expect(() => parseOverrides({ quotas: { vpcs: -1 } })).toThrow(/vpcs: -1 is not a non-negative number/);
    expect(() => parseOverrides({ quotas: {}, extra: 1 })).toThrow(/unexpected keys extra/);
  });

  it('loads --quotas files and quota-overrides.json at the repo root', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quota-'));
    expect(loadOverrides(undefined, dir)).toEqual({ overrides: {} });
    writeFileSync(join(dir, 'quota-overrides.json'), JSON.stringify({ quotas: { 'elastic-ips': 50 } }));
    expect(loadOverrides(undefined, dir).overrides.quotas).toEqual({ 'elastic-ips': 50 });
    expect(() => loadOverrides(join(dir, 'missing.json'), dir)).toThrow(/file not found/);
  });
});

describe('docs', () => {
  it('docs/quotas.md is generated from the quota table (run `pnpm quota --docs`)', () => {
    const docs = readFileSync(join(__dirname, '../../../docs/quotas.md'), 'utf8');
    expect(docs).toBe(renderQuotaDocs());
  });
});
