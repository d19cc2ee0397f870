import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEARDOWN_MODULE } from './root';

/** The fake account and region the mocked apply runs in. */
export const MOCK_ACCOUNT = '123456789012';
export const MOCK_REGION = 'us-east-1';

interface SchemaAttribute {
  type?: unknown;
  computed?: boolean;
  optional?: boolean;
  required?: boolean;
}
interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
}
interface ProviderSchema {
  provider_schemas: Record<string, { resource_schemas: Record<string, { block: SchemaBlock }>; data_source_schemas: Record<string, { block: SchemaBlock }> }>;
}

/** Computed string attributes per resource/data type: the ones a mocked apply must fill with realistic shapes. */
export interface ComputedIndex {
  readonly resources: Record<string, string[]>;
  readonly data: Record<string, string[]>;
}

/**
 * Reads (once per provider build, then from a cache file) which attributes of each type are computed
 * strings. Needs a directory already initialised with the provider. `key` names the provider build
 * (e.g. its version): a different provider never reads another's index.
 */
export function computedIndex(initialisedDir: string, cacheDir: string, env: NodeJS.ProcessEnv, key = 'default'): ComputedIndex {
  const cache = join(cacheDir, `aws-computed-attributes-${key.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as ComputedIndex;
  const run = spawnSync('terraform', ['providers', 'schema', '-json'], { cwd: initialisedDir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`terraform providers schema failed: ${run.stderr}`);
  const schema = JSON.parse(run.stdout) as ProviderSchema;
  const aws = Object.entries(schema.provider_schemas).find(([source]) => source.endsWith('hashicorp/aws'))?.[1];
  if (!aws) throw new Error('provider schema has no hashicorp/aws');
  const pick = (types: Record<string, { block: SchemaBlock }>): Record<string, string[]> =>
    Object.fromEntries(
      Object.entries(types).map(([type, { block }]) => [
        type,
        Object.entries(block.attributes ?? {})
          .filter(([, a]) => a.computed && a.type === 'string')
          .map(([name]) => name),
      ]),
    );
  const index: ComputedIndex = { resources: pick(aws.resource_schemas), data: pick(aws.data_source_schemas) };
  mkdirSync(cacheDir, { recursive: true });
  // Written aside then renamed: rehearsals running side by side never read a half-written index.
  const temp = `${cache}.${process.pid}`;
  writeFileSync(temp, JSON.stringify(index));
  renameSync(temp, cache);
  return index;
}

function service(type: string): string {
  const map: Record<string, string> = { cloudwatch: 'logs', api: 'apigateway', iam: 'iam', dynamodb: 'dynamodb', sqs: 'sqs', sns: 'sns', kms: 'kms', lambda: 'lambda', s3: 's3', ssm: 'ssm', vpc: 'ec2', subnet: 'ec2', route: 'ec2', nat: 'ec2', eip: 'ec2', internet: 'ec2', flow: 'ec2', security: 'ec2', default: 'ec2', network: 'ec2', cloudwatch_event: 'events', acm: 'acm', route53: 'route53', backup: 'backup', xray: 'xray', pipes: 'pipes', scheduler: 'scheduler' };
  const parts = type.replace(/^aws_/, '').split('_');
  if (parts[0] === 'cloudwatch' && parts[1] === 'event') return 'events';
  if (parts[0] === 'cloudwatch' && parts[1] === 'metric') return 'cloudwatch';
  return map[parts[0]] ?? parts[0];
}

/** A realistic value for one computed attribute, or undefined to leave Terraform's random string. */
function mockValue(type: string, attribute: string): unknown {
  const arn = (svc: string, rest: string) => `arn:aws:${svc}:${svc === 'iam' || svc === 's3' || svc === 'route53' ? '' : MOCK_REGION}:${svc === 's3' || svc === 'route53' ? '' : MOCK_ACCOUNT}:${rest}`;
  if (attribute === 'account_id' || attribute === 'owner_id') return MOCK_ACCOUNT;
  if (attribute === 'invoke_arn') return `arn:aws:apigateway:${MOCK_REGION}:lambda:path/2015-03-31/functions/${arn('lambda', 'function:mock')}/invocations`;
  if (attribute === 'execution_arn') return arn('execute-api', 'mockapi');
  if (attribute === 'qualified_arn' || attribute === 'qualified_invoke_arn') return arn('lambda', 'function:mock:1');
  if (attribute === 'arn' || attribute.endsWith('_arn')) {
    const svc = service(type);
    if (svc === 'iam') return arn('iam', type.includes('policy') ? 'policy/mock' : 'role/mock');
    if (svc === 'lambda') return arn('lambda', type.includes('layer') ? 'layer:mock:1' : 'function:mock');
    if (svc === 'logs') return arn('logs', 'log-group:mock');
    if (svc === 's3') return 'arn:aws:s3:::mock-bucket';
    return arn(svc, `${type.replace(/^aws_/, '')}/mock`);
  }
  if (attribute === 'region' || (type === 'aws_region' && (attribute === 'id' || attribute === 'name'))) return MOCK_REGION;
  if (attribute === 'url' && type === 'aws_sqs_queue') return `https://sqs.${MOCK_REGION}.amazonaws.com/${MOCK_ACCOUNT}/mock`;
  if (attribute === 'invoke_url') return `https://mockapi.execute-api.${MOCK_REGION}.amazonaws.com/api`;
  if (attribute === 'cidr_block') return '10.0.0.0/16';
  // A layer version is a number held in a string; resources such as layer permissions convert it.
  if (type === 'aws_lambda_layer_version' && attribute === 'version') return '1';
  // A published function version is a number too; an alias points at it.
  if (type === 'aws_lambda_function' && attribute === 'version') return '1';
  return undefined;
}

/** Non-string computed values data sources need (lists the stacks iterate over). */
const DATA_LIST_DEFAULTS: Record<string, Record<string, unknown>> = {
  aws_availability_zones: { names: [`${MOCK_REGION}a`, `${MOCK_REGION}b`, `${MOCK_REGION}c`], zone_ids: ['use1-az1', 'use1-az2', 'use1-az4'] },
  aws_subnets: { ids: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2', 'subnet-0aaaaaaaaaaaaaaa3'] },
  aws_route_tables: { ids: ['rtb-0aaaaaaaaaaaaaaa1', 'rtb-0aaaaaaaaaaaaaaa2', 'rtb-0aaaaaaaaaaaaaaa3'] },
  aws_security_groups: { ids: ['sg-0aaaaaaaaaaaaaaa1'] },
};

/** Non-string computed values resources need (a certificate's DNS validation record, read by index). */
const RESOURCE_LIST_DEFAULTS: Record<string, Record<string, unknown>> = {
  aws_acm_certificate: {
    domain_validation_options: [
      { domain_name: 'mock.example.org', resource_record_name: '_mock.mock.example.org.', resource_record_type: 'CNAME', resource_record_value: '_mock.acm-validations.aws.' },
    ],
  },
};

function defaultsFor(type: string, attributes: readonly string[], data: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const attribute of attributes) {
    const value = mockValue(type, attribute);
    if (value !== undefined) out[attribute] = value;
  }
  return { ...out, ...(data ? (DATA_LIST_DEFAULTS[type] ?? {}) : (RESOURCE_LIST_DEFAULTS[type] ?? {})) };
}

function hcl(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(hcl).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${hcl(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

/**
 * The `terraform test` file of the rehearsal: a mocked AWS provider per provider alias of the root, with
 * realistic shapes for the computed attributes of every type the stacks use, then an apply run (which
 * plans first) over the whole graph, then a teardown run applying the root's teardown module (only the
 * provider configuration, see writeTeardownModule) to the same state.
 */
export function testFile(resourceTypes: readonly string[], dataTypes: readonly string[], index: ComputedIndex, aliases: readonly string[]): { text: string; mocked: number } {
  const blocks: string[] = [];
  for (const type of resourceTypes) {
    const defaults = defaultsFor(type, index.resources[type] ?? [], false);
    if (Object.keys(defaults).length) blocks.push(`  mock_resource ${JSON.stringify(type)} {\n    defaults = ${hcl(defaults)}\n  }`);
  }
  for (const type of dataTypes) {
    const defaults = defaultsFor(type, index.data[type] ?? [], true);
    if (Object.keys(defaults).length) blocks.push(`  mock_data ${JSON.stringify(type)} {\n    defaults = ${hcl(defaults)}\n  }`);
  }
  // Every provider configuration of the root (one per stack, one per replica region...) needs its own
  // mock, or Terraform configures a real one.
  const mockProvider = (alias: string) => `mock_provider "aws" {\n  alias = ${JSON.stringify(alias)}\n${blocks.join('\n')}\n}\n`;
  const text = `# Generated by the deploy rehearsal: mocked AWS, real provider schema and validation.
${aliases.map(mockProvider).join('\n')}
# An apply run plans first, so one run covers the plan and the apply (a separate plan-only run walks
# the same graph again and finds nothing the apply's plan does not).
run "apply" {
  command   = apply
  state_key = "rehearsal"
}

# The teardown: the same state applied with a configuration of no resources deletes everything the apply
# created, in dependency order. Terraform's own cleanup would first refresh and re-plan the whole graph
# (the costliest walk of the run); after this run it finds the state empty.
run "teardown" {
  command   = apply
  state_key = "rehearsal"
  module {
    source = "./${TEARDOWN_MODULE}"
  }
  plan_options {
    refresh = false
  }
}
`;
  return { text, mocked: blocks.length };
}
