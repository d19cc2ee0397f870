import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { getEnvironmentConfig, PROFILES, type EnvironmentInput, type ProfileName } from '@tap/config';
import { PaymentApiStack } from '@tap/stack-payment-api';
import { CREATE_PAYMENT_SCHEMA } from '@tap/lambda-payment-api';
import { resourcesOf, synthJson } from '../../helpers/synth';
import { REPO_ROOT as REPO, type StackJson } from '@tap/synth';

const SUFFIX = 'synth-4f2a';
const PROFILE_LIST: ProfileName[] = ['dev', 'pr', 'production'];

function synth(profile: ProfileName, input: EnvironmentInput = {}): StackJson {
  const stack = new PaymentApiStack(Testing.app(), 'payment-api', { config: getEnvironmentConfig({ suffix: SUFFIX, profile, ...input }) });
  return synthJson(stack);
}

const synthesized = {} as Record<ProfileName, StackJson>;
beforeAll(() => {
  for (const profile of PROFILE_LIST) synthesized[profile] = synth(profile);
});

type Resource = Record<string, unknown>;
const byName = (json: StackJson, type: string, attr: string, value: string): Resource => {
  const found = resourcesOf(json, type).find((r) => r[attr] === value);
  if (!found) throw new Error(`no ${type} with ${attr}=${value}`);
  return found;
};
/** Every string anywhere under a value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => (k === '//' ? undefined : strings(v, out)));
  return out;
}
interface Statement {
  Sid: string;
  Action: string[];
  Resource: string[];
}
const policyOf = (json: StackJson, fn: string): Statement[] =>
  (JSON.parse(byName(json, 'aws_iam_role_policy', 'name', `payment-api-${fn}-policy-${SUFFIX}`).policy as string) as { Statement: Statement[] }).Statement;
/** Actions a handler's own statements grant (the construct adds logs, X-Ray and env decryption to every function). */
const BASE_SIDS = new Set(['WriteOwnLogs', 'PublishTraces', 'DecryptEnvironment']);
const ownActions = (json: StackJson, fn: string): Record<string, string[]> =>
  Object.fromEntries(policyOf(json, fn).filter((s) => !BASE_SIDS.has(s.Sid)).map((s) => [s.Sid, s.Action]));

describe('payment API stack (PAY-01 to PAY-10)', () => {
  it('PAY-01: no invalid backend option for the pinned Terraform', () => {
    // Local state by default: no S3 backend, no use_lockfile.
    const local = synthesized.dev.terraform as { backend: Record<string, Record<string, unknown>>; required_version: string };
    expect(Object.keys(local.backend)).toEqual(['local']);
    expect(JSON.stringify(local)).not.toContain('use_lockfile');
    // With a state bucket: S3 with native lock files, only under a Terraform pin that has them (>= 1.11 here).
    const s3 = synth('dev', { stateBucket: 'tap-state-bucket' }).terraform as typeof local;
    expect(s3.backend.s3).toMatchObject({ bucket: 'tap-state-bucket', use_lockfile: true, encrypt: true });
    expect(s3.backend.s3).not.toHaveProperty('dynamodb_table');
    const pinned = /^>=\s*(\d+)\.(\d+)/.exec(s3.required_version);
    expect(pinned).not.toBeNull();
    const [major, minor] = [Number(pinned?.[1]), Number(pinned?.[2])];
    expect(major > 1 || (major === 1 && minor >= 11)).toBe(true);
  });

  it.each(PROFILE_LIST)('PAY-02: no prod in the stage Name tag (%s)', (profile) => {
    const json = synthesized[profile];
    const [stage] = resourcesOf(json, 'aws_api_gateway_stage');
    expect(stage.tags).toEqual({ Name: `payment-api-${SUFFIX}` });
    expect(stage.stage_name).toBe(PROFILES[profile].api.stageName);
    expect(byName(json, 'aws_api_gateway_rest_api', 'name', `payment-api-${SUFFIX}`)).toBeDefined();
    // No name, tag or other value of any resource or data source spells "prod" under this suffix.
    expect(strings([json.resource, json.data, json.output]).filter((s) => /prod/i.test(s))).toEqual([]);
    // Provider default tags: "prod" only where config supplied it (the production profile's Profile tag).
    const tags = (json.provider?.aws?.[0] as { default_tags: { tags: Record<string, string> }[] }).default_tags[0].tags;
    const prodTags = Object.entries(tags).filter(([, v]) => /prod/i.test(v));
    expect(prodTags).toEqual(profile === 'production' ? [['Profile', 'production']] : []);
  });

  it.each(PROFILE_LIST)('FND-08: no VPC, subnet, NAT, EIP or endpoint of its own (%s); finds the network by its Network tag', (profile) => {
    const json = synthesized[profile];
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_nat_gateway', 'aws_eip', 'aws_internet_gateway', 'aws_vpc_endpoint', 'aws_route_table']) {
      expect(resourcesOf(json, type)).toHaveLength(0);
    }
    const vpc = Object.values(json.data?.aws_vpc ?? {});
    expect(vpc).toHaveLength(1);
    expect(vpc[0].tags).toEqual({ Network: profile === 'pr' ? 'shared' : SUFFIX });
  });

  it.each(PROFILE_LIST)('Lambdas run in the private subnets from the lookup with the stack security group (%s)', (profile) => {
    const json = synthesized[profile];
    const fns = resourcesOf(json, 'aws_lambda_function');
    expect(fns).toHaveLength(2);
    const subnets = Object.entries(json.data?.aws_subnets ?? {});
    expect(subnets).toHaveLength(1);
    expect(subnets[0][1].tags).toEqual({ Tier: 'private' });
    const sgId = Object.keys(json.resource?.aws_security_group ?? {})[0];
    for (const fn of fns) {
      expect(fn.vpc_config).toEqual({ subnet_ids: `\${data.aws_subnets.${subnets[0][0]}.ids}`, security_group_ids: [`\${aws_security_group.${sgId}.id}`] });
      expect(fn.timeout).toBe(30);
      // Not reserved in any profile by default.
      expect(fn).not.toHaveProperty('reserved_concurrent_executions');
    }
  });

  it('IAM actions per function: exactly what each handler does; no Scan, no * actions, ARN-scoped resources', () => {
    const json = synthesized.dev;
    expect(ownActions(json, 'create')).toEqual({
      IdempotencyRecords: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
      StorePayment: ['dynamodb:PutItem'],
      ArchiveAuditRecord: ['dynamodb:PutItem'],
    });
    expect(ownActions(json, 'status')).toEqual({ ReadPaymentByKey: ['dynamodb:GetItem'] });
    // Resources: the payments table for the status function is the only table it may touch.
    const status = policyOf(json, 'status').find((s) => s.Sid === 'ReadPaymentByKey');
    expect(status?.Resource).toEqual([expect.stringMatching(/^\$\{aws_dynamodb_table\.payments_table_[A-F0-9]+\.arn\}$/)]);
    for (const fn of ['create', 'status']) {
      for (const s of policyOf(json, fn)) {
        for (const action of s.Action) {
          expect(action).not.toMatch(/\*/);
          expect(action).not.toMatch(/^dynamodb:Scan$/);
        }
        for (const resource of s.Resource) {
          // X-Ray has no resource-level permissions: the one documented `*`.
          if (s.Sid === 'PublishTraces') expect(resource).toBe('*');
          else expect(resource).toMatch(/^(\$\{[a-z_]+\.[A-Za-z0-9_-]+\.arn\}(:\*)?|arn:aws:)/);
        }
      }
    }
    expect(JSON.stringify(json)).not.toContain('dynamodb:Scan');
  });

  it('KMS: one rotating customer key on every table, the topic, every log group and every Lambda environment', () => {
    const json = synthesized.dev;
    const keys = Object.keys(json.resource?.aws_kms_key ?? {});
    expect(keys).toHaveLength(1);
    const keyArn = `\${aws_kms_key.${keys[0]}.arn}`;
    expect(resourcesOf(json, 'aws_kms_key')[0].enable_key_rotation).toBe(true);
    const tables = resourcesOf(json, 'aws_dynamodb_table');
    expect(tables).toHaveLength(3);
    for (const t of tables) expect(t.server_side_encryption).toEqual({ enabled: true, kms_key_arn: keyArn });
    expect(resourcesOf(json, 'aws_sns_topic')[0].kms_master_key_id).toBe(keyArn);
    const logGroups = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(logGroups).toHaveLength(3); // two functions + API access logs
    for (const g of logGroups) expect(g.kms_key_id).toBe(keyArn);
    for (const f of resourcesOf(json, 'aws_lambda_function')) expect(f.kms_key_arn).toBe(keyArn);
  });

  it.each(PROFILE_LIST)('every physical name carries the suffix (%s)', (profile) => {
    const json = synthesized[profile];
    const names: [string, string][] = [];
    for (const [type, resources] of Object.entries(json.resource ?? {})) {
      // Model names are scoped to their API (which carries the suffix) and must be alphanumeric.
      // Alias names (`live`) are scoped to their function, whose name carries the suffix.
      if (type === 'aws_api_gateway_model' || type === 'aws_lambda_alias') continue;
      for (const r of Object.values(resources)) {
        for (const attr of ['name', 'function_name', 'alarm_name']) {
          if (typeof r[attr] === 'string' && !(r[attr] as string).startsWith('${')) names.push([type, r[attr] as string]);
        }
      }
    }
    expect(names.length).toBeGreaterThan(20);
    for (const [type, name] of names) expect(`${type}: ${name}`).toContain(SUFFIX);
  });

  it('PAY-05: CORS origins from config, never *', () => {
    for (const profile of PROFILE_LIST) {
      for (const fn of resourcesOf(synthesized[profile], 'aws_lambda_function')) {
        expect((fn.environment as { variables: Record<string, string> }).variables.CORS_ORIGINS).toBe(PROFILES[profile].api.corsOrigins.join(','));
      }
    }
    const custom = synth('dev', { corsOrigins: ['https://pay.example.org', 'https://admin.example.org'] });
    const origins = resourcesOf(custom, 'aws_lambda_function').map((f) => (f.environment as { variables: Record<string, string> }).variables.CORS_ORIGINS);
    expect(origins.filter(Boolean)).toEqual(['https://pay.example.org,https://admin.example.org', 'https://pay.example.org,https://admin.example.org']);
    expect(strings(synthesized.dev.resource)).not.toContain('*.CORS');
  });

  it('PAY-09: alert email from config, never admin@example.com', () => {
    expect(resourcesOf(synthesized.dev, 'aws_sns_topic_subscription')).toHaveLength(0);
    const withEmail = synth('dev', { alertEmail: 'oncall@example.org' });
    expect(resourcesOf(withEmail, 'aws_sns_topic_subscription')).toEqual([expect.objectContaining({ protocol: 'email', endpoint: 'oncall@example.org' })]);
    for (const profile of PROFILE_LIST) expect(JSON.stringify(synthesized[profile])).not.toContain('admin@example.com');
  });

  it('PAY-08: a request validator and a JSON-schema model guard POST /payments', () => {
    const json = synthesized.dev;
    const [validator] = resourcesOf(json, 'aws_api_gateway_request_validator');
    expect(validator).toMatchObject({ validate_request_body: true, validate_request_parameters: true });
    const [model] = resourcesOf(json, 'aws_api_gateway_model');
    const schema = JSON.parse(model.schema as string) as { required: string[]; properties: Record<string, Record<string, unknown>>; additionalProperties: boolean };
    expect(schema.required.sort()).toEqual(['amount', 'currency', 'customerReference', 'merchantReference']);
    expect(schema.properties.amount).toMatchObject({ type: 'integer', minimum: 1 });
    expect(schema.properties.currency).toMatchObject({ type: 'string', pattern: '^[A-Z]{3}$' });
    expect(schema.properties.description).toMatchObject({ maxLength: 140 });
    expect(schema.additionalProperties).toBe(false);
    const post = resourcesOf(json, 'aws_api_gateway_method').find((m) => m.http_method === 'POST');
    expect(post).toMatchObject({
      request_validator_id: expect.stringContaining('aws_api_gateway_request_validator.'),
      request_models: { 'application/json': expect.stringContaining('aws_api_gateway_model.') },
      request_parameters: { 'method.request.header.Idempotency-Key': true },
    });
    expect(resourcesOf(json, 'aws_api_gateway_method').map((m) => m.http_method).sort()).toEqual(['GET', 'OPTIONS', 'OPTIONS', 'POST']);
    // The gateway's own 400s speak the repo's error shape, and the deployment snapshots them.
    const responses = resourcesOf(json, 'aws_api_gateway_gateway_response');
    expect(responses.map((r) => r.response_type).sort()).toEqual(['BAD_REQUEST_BODY', 'BAD_REQUEST_PARAMETERS']);
    const [deployment] = resourcesOf(json, 'aws_api_gateway_deployment');
    expect((deployment.depends_on as string[]).filter((d) => d.startsWith('aws_api_gateway_gateway_response.'))).toHaveLength(2);
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
  });

  it('a change to the body model redeploys the API (model and validator feed the deployment trigger)', () => {
    const trigger = (json: StackJson) => (resourcesOf(json, 'aws_api_gateway_deployment')[0].triggers as Record<string, string>).redeployment;
    // Stable: the same app synthesizes the same trigger, whatever was built before it in the process.
    expect(trigger(synth('dev'))).toBe(trigger(synthesized.dev));
    // A model change (here: a shorter description limit) changes the trigger, so the stage gets a new deployment.
    const description = CREATE_PAYMENT_SCHEMA.properties.description as { maxLength: number };
    const original = description.maxLength;
    try {
      description.maxLength = 100;
      expect(trigger(synth('dev'))).not.toBe(trigger(synthesized.dev));
    } finally {
      description.maxLength = original;
    }
  });

  it('PAY-10: status is read by key (GetItem), no Scan in any handler', () => {
    const src = join(REPO, 'lambdas/payment-api/src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(`${f}: ${readFileSync(join(src, f), 'utf8')}`).not.toMatch(/Scan(Command|Input)|\.scan\(/);
    expect(readFileSync(join(src, 'get-payment/get.ts'), 'utf8')).toContain('new GetCommand(');
  });

  it('a payment cannot exist without its audit record: no queue between them, the create function writes the archive itself', () => {
    const json = synthesized.dev;
    expect(resourcesOf(json, 'aws_sqs_queue')).toEqual([]);
    expect(resourcesOf(json, 'aws_lambda_event_source_mapping')).toEqual([]);
    const create = byName(json, 'aws_lambda_function', 'function_name', `payment-api-create-${SUFFIX}`);
    const audit = Object.keys(json.resource?.aws_dynamodb_table ?? {}).find((k) => k.startsWith('audit'));
    expect((create.environment as { variables: Record<string, string> }).variables.AUDIT_TABLE).toBe(`\${aws_dynamodb_table.${audit}.name}`);
    // The handler writes payment, audit record and idempotency completion in one TransactWriteItems.
    const handler = readFileSync(join(REPO, 'lambdas/payment-api/src/create-payment/create.ts'), 'utf8');
    expect(handler).toContain('new TransactWriteCommand(');
    expect(handler).not.toMatch(/new PutCommand\(/);
  });

  it('PAY-06: alarms are rates where a count misleads and scale with the profile multiplier', () => {
    const thresholds = (json: StackJson) =>
      Object.fromEntries(resourcesOf(json, 'aws_cloudwatch_metric_alarm').map((a) => [(a.alarm_name as string).replace(`-${SUFFIX}`, ''), a.threshold as number]));
    const dev = thresholds(synthesized.dev);
    const production = thresholds(synthesized.production);
    expect(Object.keys(dev).sort()).toEqual(
      [
        'payment-api-5xx-rate',
        'payment-api-audit-table-throttles',
        'payment-api-create-error-rate',
        'payment-api-create-throttle-rate',
        'payment-api-idempotency-table-throttles',
        'payment-api-payments-table-throttles',
        'payment-api-status-error-rate',
        'payment-api-status-throttle-rate',
      ].sort(),
    );
    const multiplier = PROFILES.production.alarms.thresholdMultiplier;
    expect(multiplier).not.toBe(PROFILES.dev.alarms.thresholdMultiplier);
    for (const [name, value] of Object.entries(dev)) expect([name, production[name]]).toEqual([name, Math.round(value * multiplier * 100) / 100]);
    const alarms = resourcesOf(synthesized.dev, 'aws_cloudwatch_metric_alarm');
    const rates = alarms.filter((a) => /rate/.test(a.alarm_name as string));
    expect(rates).toHaveLength(5);
    for (const a of rates) {
      const expression = (a.metric_query as { expression?: string; return_data?: boolean }[]).find((q) => q.return_data)?.expression;
      expect(expression).toMatch(/^100 \* \w+ \/ /);
    }
    const topicArn = `\${aws_sns_topic.${Object.keys(synthesized.dev.resource?.aws_sns_topic ?? {})[0]}.arn}`;
    for (const a of alarms) expect(a.alarm_actions).toEqual([topicArn]);
  });

  it('every alarm links a runbook that exists in docs/runbooks', () => {
    for (const a of resourcesOf(synthesized.dev, 'aws_cloudwatch_metric_alarm')) {
      const link = /Runbook: (docs\/runbooks\/[a-z0-9-]+\.md)/.exec(a.alarm_description as string)?.[1];
      expect(link).toBeDefined();
      expect(existsSync(join(REPO, link as string))).toBe(true);
    }
  });

  it('outputs are flat, scalar and prefixed paymentApi', () => {
    const outputs = synthesized.dev.output ?? {};
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'paymentApiAlarmTopicArn',
        'paymentApiAuditTableName',
        'paymentApiClientPolicy',
        'paymentApiIdempotencyTableName',
        'paymentApiPaymentsTableName',
        'paymentApiUrl',
      ].sort(),
    );
    for (const o of Object.values(outputs)) expect(typeof o.value).toBe('string');
  });

  it('reserved concurrency comes from config only (none by default; the configured amount when set)', () => {
    const reserved = synth('dev', { overrides: { concurrency: { reserved: { 'payment-api.create': 5 } } } });
    const create = byName(reserved, 'aws_lambda_function', 'function_name', `payment-api-create-${SUFFIX}`);
    expect(create.reserved_concurrent_executions).toBe(5);
  });
});
