import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { ConfigError, getEnvironmentConfig, PROFILE_NAMES, validateConcurrencyBudget, type EnvironmentConfig, type EnvironmentInput, type ProfileName } from '@tap/config';
import { ALARM_BASE, ITEMS_TIMEOUT_SECONDS, LIST_INDEX_NAME, RestApiStack } from '@tap/stack-rest-api';
import { onlyResource, resourcesOf, stageMethodSettings, synthJson } from '../../helpers/synth';
import { type StackJson, REPO_ROOT } from '@tap/synth';

// Each synth bundles the handler with esbuild; on a busy machine a few synths exceed jest's 5 s default.
jest.setTimeout(60_000);

const SUFFIX = 'synth-4f2a';
const PROFILES: ProfileName[] = ['dev', 'production'];
const cache = new Map<string, StackJson>();

function config(input: EnvironmentInput = {}): EnvironmentConfig {
  return getEnvironmentConfig({ suffix: SUFFIX, ...input });
}

/** Synthesizes the stack for a config (cached per input: each synth bundles the handler). */
function synth(input: EnvironmentInput = {}): StackJson {
  const key = JSON.stringify(input);
  let json = cache.get(key);
  if (!json) {
    json = synthJson(new RestApiStack(Testing.app(), 'rest-api', { config: config(input) }));
    cache.set(key, json);
  }
  return json;
}

const byProfile = (profile: ProfileName) => synth({ profile });
const ref = (type: string, json: StackJson, predicate: (r: Record<string, unknown>) => boolean = () => true) => {
  const entry = Object.entries(json.resource?.[type] ?? {}).find(([, r]) => predicate(r));
  if (!entry) throw new Error(`no ${type}`);
  return `${type}.${entry[0]}`;
};
/** The stack key: the KMS key on the default provider. */
const stackKeyRef = (json: StackJson) => `\${${ref('aws_kms_key', json, (r) => r.provider === undefined)}.arn}`;
const policies = (json: StackJson) =>
  resourcesOf(json, 'aws_iam_role_policy').map((p) => JSON.parse(String(p.policy)) as { Statement: { Sid: string; Action: string[]; Resource: string[]; Condition?: unknown }[] });
const itemsPolicy = (json: StackJson) => {
  const fn = onlyResource(json, 'aws_iam_role_policy');
  return JSON.parse(String(fn.policy)) as { Statement: { Sid: string; Action: string[]; Resource: string[]; Condition?: unknown }[] };
};

describe.each(PROFILES)('rest-api stack, profile %s, suffix synth-4f2a', (profile) => {
  const json = byProfile(profile);
  const cfg = config({ profile });

  it('REST-01: server-side encryption is an object with the stack KMS key', () => {
    const table = onlyResource(json, 'aws_dynamodb_table');
    expect(Array.isArray(table.server_side_encryption)).toBe(false);
    expect(table.server_side_encryption).toEqual({ enabled: true, kms_key_arn: stackKeyRef(json) });
    const bucketSse = onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(bucketSse.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: stackKeyRef(json) }, bucket_key_enabled: true }]);
    expect(onlyResource(json, 'aws_sns_topic').kms_master_key_id).toBe(stackKeyRef(json));
  });

  it("REST-02: no method uses '*' and throttling lives in a usage plan (production) and method settings", () => {
    const methods = resourcesOf(json, 'aws_api_gateway_method');
    expect(methods.map((m) => m.http_method).sort()).toEqual(['DELETE', 'GET', 'GET', 'POST', 'PUT']);
    expect(JSON.stringify(json.resource)).not.toMatch(/"http_method":\s*"\*"/);
    const settings = stageMethodSettings(json);
    expect(settings).toMatchObject({ method_path: '*/*', settings: { throttling_rate_limit: cfg.api.throttleRateLimit, throttling_burst_limit: cfg.api.throttleBurstLimit } });
    const plans = resourcesOf(json, 'aws_api_gateway_usage_plan');
    if (cfg.api.usagePlan) {
      expect(plans).toHaveLength(1);
      expect(plans[0].throttle_settings).toEqual({ rate_limit: cfg.api.usagePlanRateLimit, burst_limit: 2 * cfg.api.usagePlanRateLimit });
      const key = onlyResource(json, 'aws_api_gateway_api_key');
      expect(key).not.toHaveProperty('value');
      expect(onlyResource(json, 'aws_api_gateway_usage_plan_key')).toMatchObject({ key_type: 'API_KEY' });
      expect(methods.every((m) => m.api_key_required === true)).toBe(true);
      expect(json.output?.restApiKeyId?.value).toMatch(/aws_api_gateway_api_key\..*\.id/);
      expect(json.output?.restApiKeyValue).toMatchObject({ sensitive: true });
    } else {
      expect(plans).toHaveLength(0);
      expect(resourcesOf(json, 'aws_api_gateway_api_key')).toHaveLength(0);
      expect(methods.every((m) => m.api_key_required === false)).toBe(true);
      expect(json.output).not.toHaveProperty('restApiUsagePlanId');
      expect(json.output).not.toHaveProperty('restApiKeyValue');
    }
  });

  it('usage plan present only when the profile says', () => {
    expect(resourcesOf(json, 'aws_api_gateway_usage_plan').length > 0).toBe(cfg.api.usagePlan);
    expect(cfg.api.usagePlan).toBe(profile === 'production');
  });

  it('REST-03: Lambda environment encrypted with an explicit KMS key', () => {
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn.kms_key_arn).toBe(stackKeyRef(json));
    expect(fn).not.toHaveProperty('vpc_config');
    expect(fn).toMatchObject({ timeout: ITEMS_TIMEOUT_SECONDS, memory_size: 256, tracing_config: { mode: 'Active' } });
  });

  it('REST-05: reserved concurrency 10 dev-like / 100 production-like within the budget', () => {
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn.reserved_concurrent_executions).toBe(profile === 'production' ? 100 : 10);
    expect(fn.reserved_concurrent_executions).toBe(cfg.concurrency.reserved['rest-api.items']);
    expect(() => validateConcurrencyBudget(cfg)).not.toThrow();
  });

  it('REST-06: Lambda error, duration and throttle alarms plus API 4XX/5XX to the SNS topic', () => {
    const alarms = resourcesOf(json, 'aws_cloudwatch_metric_alarm');
    const topic = `\${${ref('aws_sns_topic', json)}.arn}`;
    const byName = Object.fromEntries(alarms.map((a) => [String(a.alarm_name).replace(`-${SUFFIX}`, ''), a]));
    expect(Object.keys(byName).sort()).toEqual(['rest-api-api-4xx', 'rest-api-api-5xx', 'rest-api-lambda-duration', 'rest-api-lambda-errors', 'rest-api-lambda-throttles']);
    const m = cfg.alarms.thresholdMultiplier;
    const expected: Record<string, number> = {
      'rest-api-lambda-errors': ALARM_BASE.lambdaErrorRatePercent * m,
      'rest-api-lambda-duration': ALARM_BASE.durationFractionOfTimeout * ITEMS_TIMEOUT_SECONDS * 1000 * m,
      'rest-api-lambda-throttles': ALARM_BASE.lambdaThrottleRatePercent * m,
      'rest-api-api-4xx': ALARM_BASE.api4xxRatePercent * m,
      'rest-api-api-5xx': ALARM_BASE.api5xxRatePercent * m,
    };
    for (const [name, alarm] of Object.entries(byName)) {
      expect(alarm.alarm_actions).toEqual([topic]);
      expect(alarm.threshold).toBeCloseTo(expected[name], 2);
      expect(String(alarm.alarm_description)).toContain(`Runbook: docs/runbooks/${name}.md`);
      expect(existsSync(join(REPO_ROOT, 'docs/runbooks', `${name}.md`))).toBe(true);
    }
    const metrics = JSON.stringify(alarms);
    for (const metric of ['"Errors"', '"Invocations"', '"Duration"', '"p99"', '"Throttles"', '"4XXError"', '"5XXError"', '"Count"']) expect(metrics).toContain(metric);
    if (profile === 'production') expect(byName['rest-api-lambda-errors'].threshold).toBe(3.75);
    // The topic's subscription follows config: none without an email, the configured one with it.
    expect(resourcesOf(json, 'aws_sns_topic_subscription')).toHaveLength(0);
    const withEmail = synth({ profile, alertEmail: 'oncall@example.org' });
    expect(onlyResource(withEmail, 'aws_sns_topic_subscription')).toMatchObject({ protocol: 'email', endpoint: 'oncall@example.org' });
  });

  it('REST-07: IAM actions scoped to the table ARN, no Scan', () => {
    const tableArn = `\${${ref('aws_dynamodb_table', json)}.arn}`;
    const statements = itemsPolicy(json).Statement;
    const dynamo = statements.filter((s) => s.Action.some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.flatMap((s) => s.Action).sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    for (const s of dynamo) {
      for (const resource of s.Resource) expect([tableArn, `${tableArn}/index/${LIST_INDEX_NAME}`]).toContain(resource);
    }
    expect(dynamo.find((s) => s.Action.includes('dynamodb:Query'))?.Resource).toEqual([`${tableArn}/index/${LIST_INDEX_NAME}`]);
    for (const policy of policies(json)) {
      for (const s of policy.Statement) {
        expect(s.Action).not.toContain('dynamodb:Scan');
        expect(s.Action.some((a) => a.endsWith(':*') || a === '*')).toBe(false);
      }
    }
    // Every action has a comment saying why, in the source (REST-07 is about documentation too).
    const source = readFileSync(join(REPO_ROOT, 'stacks/rest-api/src/functions.ts'), 'utf8');
    for (const action of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query']) expect(source).toMatch(new RegExp(`//[^\\n]*${action}`));
  });

  it('REST-10: PITR per profile', () => {
    const table = onlyResource(json, 'aws_dynamodb_table');
    expect(table.point_in_time_recovery).toEqual({ enabled: profile === 'production' });
    expect(table.deletion_protection_enabled).toBe(profile === 'production');
  });

  it('FND-12: the data bucket is versioned, KMS-encrypted, private, TLS-only, with lifecycle from config', () => {
    expect(onlyResource(json, 'aws_s3_bucket')).toMatchObject({ force_destroy: cfg.ephemeral });
    expect(String(onlyResource(json, 'aws_s3_bucket').bucket)).toMatch(new RegExp(`^tap-rest-api-data-${SUFFIX}-\\$\\{data\\.aws_caller_identity`));
    expect(onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(onlyResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const policy = JSON.parse(String(onlyResource(json, 'aws_s3_bucket_policy').policy)) as { Statement: Record<string, unknown>[] };
    expect(policy.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule).toEqual([
      expect.objectContaining({
        status: 'Enabled',
        expiration: [{ days: cfg.storage.bucketLifecycleDays }],
        noncurrent_version_expiration: [{ noncurrent_days: cfg.storage.bucketLifecycleDays }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      }),
    ]);
    expect(resourcesOf(json, 'aws_s3_bucket_replication_configuration')).toHaveLength(0);
  });

  it('outputs are flat scalars with restApi-prefixed static ids', () => {
    const ids = Object.keys(json.output ?? {});
    expect(ids.every((id) => /^restApi[A-Z][A-Za-z]*$/.test(id))).toBe(true);
    expect(ids).toEqual(expect.arrayContaining(['restApiUrl', 'restApiItemsTableName', 'restApiBucketName', 'restApiAlarmTopicArn']));
    for (const output of Object.values(json.output ?? {})) expect(typeof output.value).toBe('string');
  });

  it('FND-02: defaultTags is one { tags } object', () => {
    const providers = (json.provider?.aws ?? []) as { default_tags: { tags: Record<string, string> }[] }[];
    expect(providers).toHaveLength(1);
    expect(providers[0].default_tags).toHaveLength(1);
    expect(providers[0].default_tags[0].tags).toMatchObject({ Profile: profile, EnvironmentSuffix: SUFFIX });
  });
});

describe('rest-api stack across suffixes and settings', () => {
  it('REST-08: any valid suffix synthesizes; invalid suffix rejected', () => {
    for (const suffix of ['synth-4f2a', 'pr123', 'prod', 'a1b']) {
      const json = synthJson(new RestApiStack(Testing.app(), 'rest-api', { config: getEnvironmentConfig({ suffix }) }));
      expect(onlyResource(json, 'aws_lambda_function').function_name).toBe(`rest-api-items-${suffix}`);
      expect(onlyResource(json, 'aws_dynamodb_table').name).toBe(`rest-api-items-${suffix}`);
    }
    for (const bad of ['Bad_Suffix!', 'ab', 'a'.repeat(21), 'UPPER']) {
      expect(() => getEnvironmentConfig({ suffix: bad })).toThrow(ConfigError);
    }
  });

  it('FND-01: any suffix, no environment-name lookup: suffix "prod" without a profile is a dev copy', () => {
    const json = synthJson(new RestApiStack(Testing.app(), 'rest-api', { config: getEnvironmentConfig({ suffix: 'prod' }) }));
    expect(resourcesOf(json, 'aws_api_gateway_usage_plan')).toHaveLength(0);
    expect(onlyResource(json, 'aws_dynamodb_table').point_in_time_recovery).toEqual({ enabled: false });
    expect(onlyResource(json, 'aws_lambda_function').reserved_concurrent_executions).toBe(10);
    // And the production profile under an arbitrary suffix is production.
    const prodLike = synth({ profile: 'production' });
    expect(resourcesOf(prodLike, 'aws_api_gateway_usage_plan')).toHaveLength(1);
    const source = ['index.ts', 'api.ts', 'usage-plan.ts', 'functions.ts', 'alarms.ts', 'storage.ts', 'replication.ts', 'data.ts']
      .map((f) => readFileSync(join(REPO_ROOT, 'stacks/rest-api/src', f), 'utf8'))
      .join('\n');
    expect(source).not.toMatch(/suffix\s*===|suffix\s*==|\.suffix\.(startsWith|includes)|'prod'|"prod"/);
  });

  it('REST-05 (pr): no reserved concurrency in PR copies, budget checked', () => {
    const json = synth({ profile: 'pr' });
    expect(onlyResource(json, 'aws_lambda_function')).not.toHaveProperty('reserved_concurrent_executions');
    expect(() => validateConcurrencyBudget(config({ profile: 'pr' }))).not.toThrow();
  });

  it('FND-03: replication resources only when enabled; no RTC unless asked; requires region', () => {
    const on = synth({ profile: 'production', replication: true, replicationRegion: 'us-west-2' });
    const providers = (on.provider?.aws ?? []) as { alias?: string; region: string; default_tags: { tags: Record<string, string> }[] }[];
    expect(providers.map((p) => [p.alias ?? 'default', p.region])).toEqual([
      ['default', 'us-east-1'],
      ['replica', 'us-west-2'],
    ]);
    expect(providers[1].default_tags).toEqual(providers[0].default_tags);
    const buckets = resourcesOf(on, 'aws_s3_bucket');
    expect(buckets).toHaveLength(2);
    const replicaBucket = buckets.find((b) => b.provider === 'aws.replica');
    expect(String(replicaBucket?.bucket)).toMatch(/^tap-rest-api-replica-synth-4f2a-/);
    // Same protections on the replica, with its own key in the replica region.
    for (const type of ['aws_s3_bucket_versioning', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_policy', 'aws_s3_bucket_lifecycle_configuration']) {
      expect(resourcesOf(on, type).filter((r) => r.provider === 'aws.replica')).toHaveLength(1);
    }
    const replicaKey = resourcesOf(on, 'aws_kms_key').find((k) => k.provider === 'aws.replica');
    expect(replicaKey).toMatchObject({ enable_key_rotation: true });
    const rule = (onlyResource(on, 'aws_s3_bucket_replication_configuration').rule as Record<string, unknown>[])[0];
    expect(rule).toMatchObject({ status: 'Enabled', delete_marker_replication: { status: 'Enabled' }, source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } } });
    expect(rule.destination).not.toHaveProperty('replication_time');
    expect(rule.destination).not.toHaveProperty('metrics');
    // Least privilege: exactly the documented actions, each on its own ARN.
    const role = policies(on).find((p) => p.Statement.some((s) => s.Sid === 'WriteReplicaObjects'));
    expect(role?.Statement.map((s) => [s.Sid, s.Action])).toEqual([
      ['ReadSourceConfiguration', ['s3:GetReplicationConfiguration', 's3:ListBucket']],
      ['ReadSourceObjectVersions', ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging']],
      ['WriteReplicaObjects', ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags']],
      ['DecryptSourceObjects', ['kms:Decrypt']],
      ['EncryptReplicaObjects', ['kms:Encrypt']],
    ]);
    expect(JSON.stringify(role)).not.toContain('"*"');
    expect(on.output?.restApiReplicaBucketName).toBeDefined();

    const rtc = synth({ profile: 'production', replication: true, replicationRegion: 'us-west-2', overrides: { storage: { replication: { replicationTimeControl: true } } } });
    const rtcRule = (onlyResource(rtc, 'aws_s3_bucket_replication_configuration').rule as { destination: Record<string, unknown> }[])[0];
    expect(rtcRule.destination).toMatchObject({ replication_time: { status: 'Enabled' }, metrics: { status: 'Enabled' } });

    for (const profile of PROFILE_NAMES) {
      const off = synth({ profile });
      expect(resourcesOf(off, 'aws_s3_bucket_replication_configuration')).toHaveLength(0);
      expect(off.output).not.toHaveProperty('restApiReplicaBucketName');
    }
    expect(() => config({ replication: true })).toThrow(/REPLICATION_REGION/);
  });

  it('FND-04: on-demand by default; PROVISIONED with capacities sets them on the table and its index', () => {
    const table = onlyResource(synth({ profile: 'production' }), 'aws_dynamodb_table');
    expect(table.billing_mode).toBe('PAY_PER_REQUEST');
    expect(table).not.toHaveProperty('read_capacity');
    const provisioned = onlyResource(synth({ profile: 'dev', overrides: { dynamodb: { billingMode: 'PROVISIONED', readCapacity: 5, writeCapacity: 3 } } }), 'aws_dynamodb_table');
    expect(provisioned).toMatchObject({ billing_mode: 'PROVISIONED', read_capacity: 5, write_capacity: 3 });
    expect(provisioned.global_secondary_index).toEqual([expect.objectContaining({ name: LIST_INDEX_NAME, read_capacity: 5, write_capacity: 3 })]);
  });

  it('FND-05: consistency validation names the field and never restricts by environment', () => {
    expect(() => config({ overrides: { dynamodb: { billingMode: 'PROVISIONED' } } })).toThrow(/dynamodb\.readCapacity/);
    expect(() => config({ replication: true, replicationRegion: 'us-east-1' })).toThrow(/REPLICATION_REGION/);
    // Provisioned billing and replication are allowed in a dev copy when consistent.
    expect(() => config({ profile: 'dev', replication: true, replicationRegion: 'eu-west-1', overrides: { dynamodb: { billingMode: 'PROVISIONED', readCapacity: 1, writeCapacity: 1 } } })).not.toThrow();
  });

  it('FND-06: backend per foundation rules (local by default, S3 with native lock files)', () => {
    expect(synth({ profile: 'dev' }).terraform).toMatchObject({ backend: { local: { path: `../../../.state/${SUFFIX}/rest-api.tfstate` } } });
    const s3 = synth({ profile: 'production', stateBucket: 'org-tf-state' }).terraform as { backend: { s3: Record<string, unknown> } };
    expect(s3.backend.s3).toMatchObject({ bucket: 'org-tf-state', key: `${SUFFIX}/rest-api.tfstate`, encrypt: true, use_lockfile: true });
    expect(s3.backend.s3).not.toHaveProperty('dynamodb_table');
  });

  it('FND-07: CostCenter comes from config via default tags', () => {
    const tagsOf = (json: StackJson) => ((json.provider?.aws ?? []) as { default_tags: { tags: Record<string, string> }[] }[]).map((p) => p.default_tags[0].tags.CostCenter);
    expect(tagsOf(synth({ profile: 'production' }))).toEqual(['engineering']);
    expect(tagsOf(synth({ profile: 'production', overrides: { costCenter: 'retail-payments' } }))).toEqual(['retail-payments']);
    expect(tagsOf(synth({ profile: 'production', replication: true, replicationRegion: 'us-west-2', overrides: { costCenter: 'retail-payments' } }))).toEqual(['retail-payments', 'retail-payments']);
    // Never set per resource.
    for (const byId of Object.values(synth({ profile: 'production' }).resource ?? {})) {
      for (const resource of Object.values(byId)) expect(JSON.stringify(resource.tags ?? {})).not.toContain('CostCenter');
    }
  });

  it('REST-04: README documents the environment differences', () => {
    const readme = readFileSync(join(REPO_ROOT, 'stacks/rest-api/README.md'), 'utf8');
    const section = readme.split('## Environment differences')[1]?.split('\n## ')[0] ?? '';
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    const [header, , ...body] = rows;
    expect(header).toEqual(['setting', ...PROFILE_NAMES]);
    const onOff = (b: boolean) => (b ? 'on' : 'off');
    const yesNo = (b: boolean) => (b ? 'yes' : 'no');
    const facts: Record<string, (c: EnvironmentConfig) => string> = {
      'reserved concurrency (items function)': (c) => String(c.concurrency.reserved['rest-api.items'] ?? 'none'),
      'usage plan + API key (every method requires the key)': (c) => yesNo(c.api.usagePlan),
      'usage plan rate / burst (req/s)': (c) => (c.api.usagePlan ? `${c.api.usagePlanRateLimit} / ${2 * c.api.usagePlanRateLimit}` : '—'),
      'stage throttling rate / burst (req/s)': (c) => `${c.api.throttleRateLimit} / ${c.api.throttleBurstLimit}`,
      'DynamoDB billing mode': (c) => (c.dynamodb.billingMode === 'PAY_PER_REQUEST' ? 'on-demand' : 'provisioned'),
      'point-in-time recovery': (c) => onOff(c.dynamodb.pointInTimeRecovery),
      'table deletion protection': (c) => onOff(c.dynamodb.deletionProtection),
      'alarm threshold multiplier': (c) => String(c.alarms.thresholdMultiplier),
      'bucket object expiry (days)': (c) => String(c.storage.bucketLifecycleDays),
      'bucket force-destroy': (c) => yesNo(c.ephemeral),
      'cross-region replication': (c) => onOff(c.storage.replication.enabled),
      'log retention (days)': (c) => String(c.logs.retentionDays),
      'KMS deletion window (days)': (c) => String(c.kms.deletionWindowDays),
    };
    expect(body.map((r) => r[0]).sort()).toEqual(Object.keys(facts).sort());
    for (const [setting, ...cells] of body) {
      const actual = PROFILE_NAMES.map((p) => facts[setting](getEnvironmentConfig({ suffix: SUFFIX, profile: p })));
      expect({ setting, cells }).toEqual({ setting, cells: actual });
    }
  });
});
