import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { LAMBDA_RUNTIME, bundleDir } from '@tap/bundle';
import { BaseStack, EncryptionKey, LIVE_ALIAS, NodejsFunction, REQUIRED_TERRAFORM_VERSION } from '@tap/constructs';
import type { EnvironmentConfig } from '@tap/config';
import { onlyResource, synthJson, testConfig } from '../../helpers/synth';
import { HELLO_BUNDLE } from '../../fixtures/lambdas/hello/bundle';


/** The small stack the foundation is proven on: base stack + key + one bundled function. */
function helloStack(config: EnvironmentConfig, app = Testing.app()): BaseStack {
  const stack = new BaseStack(app, 'hello', { config });
  const key = new EncryptionKey(stack, 'key', { name: 'hello-key', description: 'hello', services: ['logs'] });
  new NodejsFunction(stack, 'hello', {
    name: 'hello',
    code: HELLO_BUNDLE,
    environmentKeyArn: key.arn,
    logKeyArn: key.arn,
    concurrencyKey: 'rest-api.items',
    environment: { GREETING: 'hi' },
  });
  return stack;
}

describe('base stack', () => {
  it('FND-02: default tags are one { tags } object from config', () => {
    const json = synthJson(helloStack(testConfig({ suffix: 'pr4821' })));
    const provider = (json.provider?.aws ?? [])[0] as { default_tags: { tags: Record<string, string> }[]; region: string };
    expect(provider.default_tags).toHaveLength(1);
    expect(provider.default_tags[0].tags).toMatchObject({ EnvironmentSuffix: 'pr4821', Environment: 'pr4821', CostCenter: 'engineering', Stack: 'hello' });
    expect(provider.region).toBe('us-east-1');
  });

  it('local state by default, keyed by suffix and stack, with the pinned Terraform version', () => {
    const json = synthJson(helloStack(testConfig({ suffix: 'pr4821' })));
    expect(json.terraform).toMatchObject({
      required_version: REQUIRED_TERRAFORM_VERSION,
      backend: { local: { path: '../../../.state/pr4821/hello.tfstate' } },
    });
  });

  it('PAY-01, VPC-03: S3 backend uses native lock files with a Terraform pin that has them', () => {
    const json = synthJson(helloStack(testConfig({ suffix: 'pr4821', stateBucket: 'state-bucket' })));
    expect(json.terraform).toMatchObject({
      required_version: '>= 1.11.0',
      backend: { s3: { bucket: 'state-bucket', key: 'pr4821/hello.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } },
    });
    expect((json.terraform as { backend: { s3: Record<string, unknown> } }).backend.s3).not.toHaveProperty('dynamodb_table');
  });

  it('a DynamoDB lock table only when explicitly configured', () => {
    const json = synthJson(helloStack(testConfig({ stateBucket: 'org-tf-state', stateLockTable: 'tf-locks' })));
    expect(json.terraform).toMatchObject({ backend: { s3: { dynamodb_table: 'tf-locks', use_lockfile: true } } });
  });

  it('region and account come from data sources (region via id, valid in provider 5 and 6)', () => {
    const json = synthJson(helloStack(testConfig()));
    expect(json.data?.aws_caller_identity).toBeDefined();
    expect(json.data?.aws_region).toBeDefined();
    const key = onlyResource(json, 'aws_kms_key');
    expect(String(key.policy)).toContain('${data.aws_caller_identity.current_identity.account_id}');
    expect(String(key.policy)).toContain('logs.${data.aws_region.current_region.id}.amazonaws.com');
  });
});

describe('Node.js function construct', () => {
  const config = testConfig({ suffix: 'pr4821' });
  const json = synthJson(helloStack(config));
  const fn = onlyResource(json, 'aws_lambda_function');

  it('runs a current runtime with X-Ray, explicit env KMS key and memory/timeout set', () => {
    expect(fn).toMatchObject({
      function_name: 'hello-pr4821',
      runtime: LAMBDA_RUNTIME,
      handler: 'index.handler',
      tracing_config: { mode: 'Active' },
      memory_size: 256,
      timeout: 30,
    });
    expect(fn.kms_key_arn).toMatch(/^\$\{aws_kms_key\./);
  });

  it('reserved concurrency comes from config', () => {
    expect(fn.reserved_concurrent_executions).toBe(config.concurrency.reserved['rest-api.items']);
  });

  it('owns its log group with retention and KMS, and depends on it', () => {
    const group = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/aws/lambda/hello-pr4821', retention_in_days: config.logs.retentionDays });
    expect(group.kms_key_id).toBeDefined();
    expect(fn.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./)]));
  });

  it('its role may write only to its own log group', () => {
    const policy = JSON.parse(String(onlyResource(json, 'aws_iam_role_policy').policy)) as { Statement: { Sid: string; Resource: string[]; Action: string[] }[] };
    const logs = policy.Statement.find((s) => s.Sid === 'WriteOwnLogs');
    expect(logs?.Resource).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.arn\}:\*$/)]);
    for (const s of policy.Statement) expect(s.Action).not.toContain('*');
    expect(onlyResource(json, 'aws_iam_role').name).toBe('hello-role-pr4821');
  });

  it('source_code_hash is the content hash of a real, deterministic esbuild bundle', () => {
    const outdir = Testing.fullSynth(helloStack(config));
    const stackDir = join(outdir, 'stacks', 'hello');
    const synthesized = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as { resource: { aws_lambda_function: Record<string, { filename: string; source_code_hash: string }> } };
    const lambda = Object.values(synthesized.resource.aws_lambda_function)[0];
    expect(existsSync(join(stackDir, lambda.filename))).toBe(true);
    const bundle = readFileSync(join(bundleDir(HELLO_BUNDLE.outKey, lambda.source_code_hash), 'index.js'));
    expect(lambda.source_code_hash).toBe(createHash('sha256').update(bundle).digest('base64'));
    // Same sources → same hash on a second synth.
    const again = synthJson(helloStack(config, new App({ outdir: Testing.fullSynth(helloStack(config)) })));
    expect(Object.values(again.resource?.aws_lambda_function ?? {})[0].source_code_hash).toBe(lambda.source_code_hash);
  });

  it('publishes a version per change and points the live alias at it (the rollback handle)', () => {
    expect(fn.publish).toBe(true);
    const alias = onlyResource(json, 'aws_lambda_alias');
    expect(alias).toMatchObject({ name: LIVE_ALIAS, function_name: expect.stringMatching(/^\$\{aws_lambda_function\..+\.function_name\}$/), function_version: expect.stringMatching(/^\$\{aws_lambda_function\..+\.version\}$/) });
  });

  it('rejects a timeout outside 30-300 s (PIPE-18)', () => {
    const stack = new BaseStack(Testing.app(), 'bad', { config });
    expect(() => new NodejsFunction(stack, 'fn', { name: 'fast', code: HELLO_BUNDLE, environmentKeyArn: 'arn:aws:kms:us-east-1:000000000000:key/x', timeout: 5 })).toThrow(/timeout 5s is outside 30-300s/);
  });
});
