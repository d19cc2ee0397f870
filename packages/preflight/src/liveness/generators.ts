import { resolveQueue } from '../resolve';
import { SUPPRESSION_RULE_ID } from '../suppress';
import { add, editPolicy, find, findAll, listOf, nested, remove, type Body, type Generator, type JsonStatement, type MutableStack } from './mutate';

/**
 * One liveness generator per rule id: it breaks, in a copy of the real synth, exactly the property the rule
 * guards, and names the stack the rule must then report in. The liveness test
 * (test/unit/preflight/liveness.test.ts) fails for a rule without an entry here, or whose generator finds
 * nothing to break in every profile. Adding a rule: add `'TAP-XXX-NN': (app) => { ...; return { stack, what }; }`
 * below, in the section of its family (see packages/preflight/README.md, "Liveness").
 */

const broke = (stack: MutableStack, what: string) => ({ stack: stack.name, what });

/** Functions with an environment block (most checks are about a real, configured function). */
const someFunction = (app: MutableStack[]) => find(app, 'aws_lambda_function');

/** A first JSON statement of an identity policy that the edit accepts. */
function editIdentityStatement(app: MutableStack[], edit: (s: JsonStatement) => boolean): { stack: MutableStack; address: string } | undefined {
  for (const p of findAll(app, 'aws_iam_role_policy')) {
    if (editPolicy(p.body, 'policy', (statements) => statements.some((s) => s.Effect === 'Allow' && edit(s)))) return { stack: p.stack, address: p.address };
  }
  return undefined;
}

/** Removes the aws:SecureTransport deny from the first queue/topic policy that has one. */
function dropTlsDeny(app: MutableStack[], type: string) {
  for (const p of findAll(app, type)) {
    const changed = editPolicy(p.body, 'policy', (statements) => {
      const kept = statements.filter((st) => !JSON.stringify(st.Condition ?? {}).includes('aws:SecureTransport'));
      if (kept.length === statements.length) return false;
      statements.splice(0, statements.length, ...kept);
      return true;
    });
    if (changed) return broke(p.stack, `${p.address} without the aws:SecureTransport deny`);
  }
  return undefined;
}

export const GENERATORS: Readonly<Record<string, Generator>> = {
  // --- backend, tags, names, literals ---------------------------------------------------------------------
  'TAP-BACKEND-01': (app) => {
    const s = app.find((st) => (st.json.terraform as Body | undefined)?.backend && nested(nested(st.json.terraform as Body, 'backend'), 's3').use_lockfile);
    if (!s) return undefined;
    (s.json.terraform as Body).required_version = '>= 1.5.0';
    return broke(s, 'terraform.required_version = ">= 1.5.0" with backend.s3.use_lockfile');
  },
  'TAP-BACKEND-02': (app) => {
    const s = app.find((st) => ((st.json.terraform as Body | undefined)?.backend as Body | undefined)?.s3);
    if (!s) return undefined;
    const s3 = nested(nested(s.json.terraform as Body, 'backend'), 's3');
    delete s3.use_lockfile;
    delete s3.dynamodb_table;
    return broke(s, 'terraform.backend.s3 without use_lockfile or dynamodb_table');
  },
  'TAP-TAGS-01': (app) => {
    const s = app[0];
    const aws = listOf((s.json.provider as Body | undefined)?.aws)[0] as Body | undefined;
    if (!aws) return undefined;
    aws.default_tags = [...listOf(aws.default_tags), { tags: { Extra: 'x' } }];
    return broke(s, 'provider.aws with a second default_tags block');
  },
  'TAP-NAME-01': (app) => {
    const f = someFunction(app);
    if (!f) return undefined;
    f.body.function_name = 'fixed-function-name';
    return broke(f.stack, `${f.address}.function_name = "fixed-function-name" (no suffix)`);
  },
  'TAP-NAME-02': (app) => {
    const f = someFunction(app);
    if (!f) return undefined;
    f.body.function_name = `${'x'.repeat(64)}-${String(f.body.function_name)}`;
    return broke(f.stack, `${f.address}.function_name longer than 64`);
  },
  'TAP-ENV-01': (app) => {
    const q = find(app, 'aws_sqs_queue', (b) => typeof b.name === 'string');
    if (!q) return undefined;
    q.body.name = `staging-${String(q.body.name)}`;
    return broke(q.stack, `${q.address}.name starts with "staging-"`);
  },
  'TAP-ACCOUNT-01': (app) => {
    const f = someFunction(app);
    if (!f) return undefined;
    nested(nested(f.body, 'environment'), 'variables').TARGET_ACCOUNT = '123456789012';
    return broke(f.stack, `${f.address} env TARGET_ACCOUNT = 123456789012`);
  },
  'TAP-REGION-01': (app) => {
    const f = someFunction(app);
    if (!f) return undefined;
    nested(nested(f.body, 'environment'), 'variables').TARGET_REGION = 'ap-southeast-2';
    return broke(f.stack, `${f.address} env TARGET_REGION = ap-southeast-2`);
  },
  'TAP-SECRET-01': (app) => {
    const f = someFunction(app);
    if (!f) return undefined;
    nested(nested(f.body, 'environment'), 'variables').API_TOKEN = 'REPLACE_WITH_ACTUAL_TOKEN';
    return broke(f.stack, `${f.address} env API_TOKEN = REPLACE_WITH_ACTUAL_TOKEN`);
  },
  'TAP-SSM-01': (app) => {
    const p = find(app, 'aws_ssm_parameter', (b) => b.type === 'SecureString');
    if (!p) return undefined;
    delete p.body.value_wo;
    delete p.body.value_wo_version;
    p.body.value = 'generated-elsewhere';
    return broke(p.stack, `${p.address} SecureString with value instead of value_wo`);
  },
  // --- API Gateway ---------------------------------------------------------------------------------------------
  'TAP-APIGW-01': (app) => {
    const m = find(app, 'aws_api_gateway_method');
    if (!m) return undefined;
    m.body.http_method = '*';
    return broke(m.stack, `${m.address}.http_method = "*"`);
  },
  'TAP-APIGW-02': (app) => {
    const st = find(app, 'aws_api_gateway_stage', (b) => b.access_log_settings !== undefined);
    if (!st) return undefined;
    delete st.body.access_log_settings;
    return broke(st.stack, `${st.address} without access_log_settings`);
  },
  'TAP-APIGW-03': (app) => {
    const st = find(app, 'aws_api_gateway_stage');
    if (!st) return undefined;
    st.body.xray_tracing_enabled = false;
    return broke(st.stack, `${st.address}.xray_tracing_enabled = false`);
  },
  'TAP-APIGW-04': (app) => {
    const ms = find(app, 'aws_api_gateway_method_settings', (b) => b.method_path === '*/*');
    if (!ms) return undefined;
    const settings = nested(ms.body, 'settings');
    delete settings.throttling_rate_limit;
    delete settings.throttling_burst_limit;
    return broke(ms.stack, `${ms.address} without throttling`);
  },
  'TAP-APIGW-09': (app) => {
    // A method in front of a reserved function, opened to a burst far above any reservation.
    const ms = find(app, 'aws_api_gateway_method_settings', (b) => b.method_path !== '*/*');
    if (!ms) return undefined;
    nested(ms.body, 'settings').throttling_burst_limit = 5000;
    return broke(ms.stack, `${ms.address} burst 5000 in front of a reserved function`);
  },
  'TAP-SINGLETON-01': (app, ctx) => {
    if (ctx.allowSingletons) return undefined;
    const s = app.find((st) => st.json.resource?.aws_api_gateway_rest_api) ?? app[0];
    add(s, 'aws_api_gateway_account', 'account', { cloudwatch_role_arn: 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/x' });
    return broke(s, 'aws_api_gateway_account added without the singleton opt-in');
  },
  'TAP-EVENTS-01': (app) => {
    const p = find(app, 'aws_cloudwatch_event_permission');
    if (!p) return undefined;
    p.body.principal = '${data.aws_caller_identity.current_identity.arn}';
    return broke(p.stack, `${p.address}.principal is an ARN`);
  },
  // --- Lambda --------------------------------------------------------------------------------------------------
  'TAP-LAMBDA-01': (app) => {
    const f = someFunction(app);
    if (!f) return undefined;
    f.body.runtime = 'nodejs18.x';
    return broke(f.stack, `${f.address}.runtime = nodejs18.x`);
  },
  'TAP-LAMBDA-02': (app) => {
    const f = someFunction(app);
    if (!f) return undefined;
    delete f.body.timeout;
    return broke(f.stack, `${f.address} without timeout (3 s default)`);
  },
  'TAP-LAMBDA-03': (app) => {
    const f = someFunction(app);
    if (!f) return undefined;
    f.body.tracing_config = { mode: 'PassThrough' };
    return broke(f.stack, `${f.address}.tracing_config.mode = PassThrough`);
  },
  'TAP-LAMBDA-04': (app) => {
    const f = find(app, 'aws_lambda_function', (b) => b.environment !== undefined && b.kms_key_arn !== undefined);
    if (!f) return undefined;
    delete f.body.kms_key_arn;
    return broke(f.stack, `${f.address} environment without kms_key_arn`);
  },
  'TAP-LAMBDA-05': (app, ctx) => {
    const f = someFunction(app);
    if (!f) return undefined;
    f.body.reserved_concurrent_executions = ctx.accountConcurrency;
    return broke(f.stack, `${f.address}.reserved_concurrent_executions = the whole account limit`);
  },
  'TAP-LAMBDA-06': (app) => {
    for (const f of findAll(app, 'aws_lambda_function')) {
      const group = find([f.stack], 'aws_cloudwatch_log_group', (b) => b.name === `/aws/lambda/${String(f.body.function_name)}` || String(b.name).endsWith(`\${aws_lambda_function.${f.name}.function_name}`));
      if (!group) continue;
      remove(group);
      return broke(f.stack, `${group.address} (the log group of ${f.address}) removed`);
    }
    return undefined;
  },
  // --- encryption, storage, queues -------------------------------------------------------------------------
  'TAP-DDB-01': (app) => {
    const t = find(app, 'aws_dynamodb_table');
    if (!t) return undefined;
    delete nested(t.body, 'server_side_encryption').kms_key_arn;
    return broke(t.stack, `${t.address} without a customer-managed key`);
  },
  'TAP-SQS-01': (app) => {
    const q = find(app, 'aws_sqs_queue');
    if (!q) return undefined;
    delete q.body.kms_master_key_id;
    delete q.body.sqs_managed_sse_enabled;
    return broke(q.stack, `${q.address} unencrypted`);
  },
  'TAP-SNS-01': (app) => {
    const t = find(app, 'aws_sns_topic');
    if (!t) return undefined;
    delete t.body.kms_master_key_id;
    return broke(t.stack, `${t.address} without kms_master_key_id`);
  },
  'TAP-S3-01': (app) => {
    const c = find(app, 'aws_s3_bucket_server_side_encryption_configuration');
    if (!c) return undefined;
    remove(c);
    return broke(c.stack, `${c.address} removed`);
  },
  'TAP-S3-02': (app) => {
    const b = find(app, 'aws_s3_bucket_public_access_block');
    if (!b) return undefined;
    b.body.restrict_public_buckets = false;
    return broke(b.stack, `${b.address}.restrict_public_buckets = false`);
  },
  'TAP-S3-03': (app) => {
    const p = find(app, 'aws_s3_bucket_policy');
    if (!p) return undefined;
    editPolicy(p.body, 'policy', (statements) => {
      statements.splice(0, statements.length, ...statements.filter((s) => !JSON.stringify(s.Condition ?? {}).includes('aws:SecureTransport')));
      return true;
    });
    return broke(p.stack, `${p.address} without the aws:SecureTransport deny`);
  },
  'TAP-LOGS-01': (app) => {
    const g = find(app, 'aws_cloudwatch_log_group');
    if (!g) return undefined;
    delete g.body.retention_in_days;
    return broke(g.stack, `${g.address} without retention_in_days`);
  },
  'TAP-LOGS-02': (app) => {
    const g = find(app, 'aws_cloudwatch_log_group', (b) => b.kms_key_id !== undefined);
    if (!g) return undefined;
    delete g.body.kms_key_id;
    return broke(g.stack, `${g.address} without kms_key_id`);
  },
  'TAP-SQS-02': (app) => {
    const q = find(app, 'aws_sqs_queue', (b) => b.redrive_policy !== undefined);
    if (!q) return undefined;
    delete q.body.redrive_policy;
    return broke(q.stack, `${q.address} without redrive_policy`);
  },
  'TAP-SQS-03': (app) => {
    for (const m of findAll(app, 'aws_lambda_event_source_mapping')) {
      const q = resolveQueue(m.body.event_source_arn, { name: m.stack.name, json: m.stack.json, path: '' });
      if (q?.kind !== 'resolved') continue;
      const body = m.stack.json.resource?.aws_sqs_queue?.[q.resource.name];
      if (!body) continue;
      body.visibility_timeout_seconds = 1;
      return broke(m.stack, `${q.resource.address} (consumed by ${m.address}) visibility_timeout_seconds = 1`);
    }
    return undefined;
  },
  'TAP-KMS-01': (app) => {
    const k = find(app, 'aws_kms_key');
    if (!k) return undefined;
    k.body.enable_key_rotation = false;
    return broke(k.stack, `${k.address}.enable_key_rotation = false`);
  },
  // --- IAM -----------------------------------------------------------------------------------------------------
  'TAP-IAM-01': (app) => {
    const hit = editIdentityStatement(app, (s) => {
      s.Action = [...listOf(s.Action), 'dynamodb:*'];
      return true;
    });
    return hit && broke(hit.stack, `${hit.address}: an Allow statement gains "dynamodb:*"`);
  },
  'TAP-IAM-02': (app) => {
    const hit = editIdentityStatement(app, (s) => {
      if (listOf(s.Resource).includes('*')) return false;
      s.Resource = '*';
      return true;
    });
    return hit && broke(hit.stack, `${hit.address}: a scoped Allow statement on Resource "*"`);
  },
  // --- outputs -------------------------------------------------------------------------------------------------
  'TAP-OUTPUT-01': (app) => {
    const s = app.find((st) => Object.keys(st.json.output ?? {}).length > 0);
    if (!s) return undefined;
    const [key, out] = Object.entries(s.json.output ?? {})[0];
    out.value = { nested: out.value };
    return broke(s, `output.${key} is an object`);
  },
  'TAP-OUTPUT-02': (app) => {
    const withOutputs = app.filter((st) => Object.keys(st.json.output ?? {}).length > 0);
    if (withOutputs.length < 2) return undefined;
    const [key, out] = Object.entries(withOutputs[0].json.output ?? {})[0];
    (withOutputs[1].json.output as Record<string, Body>)[key] = { ...out };
    return broke(withOutputs[1], `output.${key} copied from ${withOutputs[0].name}`);
  },
  // --- ephemeral profiles ----------------------------------------------------------------------------------------
  'TAP-EPHEMERAL-01': (app, ctx) => {
    const b = find(app, 'aws_s3_bucket');
    if (!b) return undefined;
    b.body.force_destroy = !ctx.ephemeral;
    return broke(b.stack, `${b.address}.force_destroy = ${!ctx.ephemeral} in profile ${ctx.profile}`);
  },
  'TAP-EPHEMERAL-02': (app, ctx) => {
    if (!ctx.ephemeral) return undefined;
    const t = find(app, 'aws_dynamodb_table');
    if (!t) return undefined;
    t.body.deletion_protection_enabled = true;
    return broke(t.stack, `${t.address}.deletion_protection_enabled = true in an ephemeral profile`);
  },
  'TAP-EPHEMERAL-03': (app, ctx) => {
    if (!ctx.ephemeral) return undefined;
    const k = find(app, 'aws_kms_key');
    if (!k) return undefined;
    k.body.deletion_window_in_days = 30;
    return broke(k.stack, `${k.address}.deletion_window_in_days = 30 in an ephemeral profile`);
  },
  'TAP-EPHEMERAL-04': (app, ctx) => {
    const t = find(app, 'aws_dynamodb_table');
    if (!t) return undefined;
    const lifecycle = nested(t.body, 'lifecycle');
    if (ctx.ephemeral) {
      lifecycle.prevent_destroy = true;
      return broke(t.stack, `${t.address}.lifecycle.prevent_destroy = true in an ephemeral profile`);
    }
    delete lifecycle.prevent_destroy;
    return broke(t.stack, `${t.address} without lifecycle.prevent_destroy in a long-lived profile`);
  },
  // --- values a user sets (state bucket, custom domain, singletons in pr) -------------------------------------
  'TAP-BACKEND-03': (app) => {
    const s = app.find((st) => ((st.json.terraform as Body | undefined)?.backend as Body | undefined)?.s3);
    if (!s) return undefined;
    nested(nested(s.json.terraform as Body, 'backend'), 's3').bucket = 'Bad_Bucket';
    return broke(s, 'terraform.backend.s3.bucket = "Bad_Bucket"');
  },
  'TAP-DOMAIN-01': (app) => {
    // The default profiles have no custom domain: declare one with the mistake (a name that is not DNS).
    const s = app.find((st) => st.json.resource?.aws_api_gateway_rest_api);
    if (!s) return undefined;
    add(s, 'aws_api_gateway_domain_name', 'liveness_domain', { domain_name: 'not a domain', regional_certificate_arn: 'arn:aws:acm:us-east-1:000000000000:certificate/x' });
    return broke(s, 'aws_api_gateway_domain_name.domain_name = "not a domain"');
  },
  'TAP-SINGLETON-02': (app, ctx) => {
    if (ctx.profile !== 'pr') return undefined;
    const s = app.find((st) => st.json.resource?.aws_api_gateway_rest_api) ?? app[0];
    add(s, 'aws_api_gateway_account', 'account', { cloudwatch_role_arn: 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/x' });
    return broke(s, 'aws_api_gateway_account in a pr environment');
  },
  'TAP-EVENTS-03': (app) => {
    const t = find(app, 'aws_cloudwatch_event_target', (b) => b.dead_letter_config !== undefined);
    if (!t) return undefined;
    delete t.body.dead_letter_config;
    return broke(t.stack, `${t.address} without dead_letter_config`);
  },
  // --- API authorization -----------------------------------------------------------------------------------
  'TAP-AUTH-01': (app) => {
    const m = find(app, 'aws_api_gateway_method', (b) => String(b.http_method).toUpperCase() === 'POST' && String(b.authorization ?? 'NONE').toUpperCase() !== 'NONE');
    if (!m) return undefined;
    m.body.authorization = 'NONE';
    delete m.body.authorizer_id;
    return broke(m.stack, `${m.address}.authorization = "NONE" on a write route`);
  },
  'TAP-AUTH-02': (app) => {
    const m = find(app, 'aws_api_gateway_method', (b) => String(b.authorization ?? 'NONE').toUpperCase() === 'AWS_IAM');
    if (!m) return undefined;
    m.body.authorization = 'NONE';
    m.body.api_key_required = true;
    return broke(m.stack, `${m.address}: api_key_required with authorization NONE`);
  },
  'TAP-AUTH-03': (app) => {
    const p = find(app, 'aws_api_gateway_rest_api_policy');
    if (!p) return undefined;
    p.body.policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*' }] });
    return broke(p.stack, `${p.address}: Allow for Principal * without a condition`);
  },
  'TAP-AUTH-04': (app) => {
    const a = find(app, 'aws_api_gateway_authorizer', (b) => String(b.type ?? 'TOKEN').toUpperCase() === 'TOKEN');
    if (!a) return undefined;
    delete a.body.identity_validation_expression;
    return broke(a.stack, `${a.address} without identity_validation_expression`);
  },
  // --- added with the scanner-coverage rules (one entry per rule; keep each a few lines) ----------------------
  'TAP-SSM-02': (app) => {
    const p = find(app, 'aws_ssm_parameter', (b) => b.type === 'SecureString');
    if (!p) return undefined;
    p.body.type = 'String';
    delete p.body.key_id;
    return broke(p.stack, `${p.address}.type = String for a secret`);
  },
  'TAP-APIGW-05': (app) => {
    const ms = find(app, 'aws_api_gateway_method_settings', (b) => b.method_path === '*/*');
    if (!ms) return undefined;
    nested(ms.body, 'settings').logging_level = 'OFF';
    return broke(ms.stack, `${ms.address}.settings.logging_level = OFF`);
  },
  'TAP-APIGW-06': (app) => {
    const m = find(app, 'aws_api_gateway_method', (b) => b.request_models !== undefined && b.request_validator_id !== undefined);
    if (!m) return undefined;
    delete m.body.request_validator_id;
    return broke(m.stack, `${m.address} keeps request_models but loses request_validator_id`);
  },
  'TAP-APIGW-07': (app) => {
    const ms = find(app, 'aws_api_gateway_method_settings');
    if (!ms) return undefined;
    Object.assign(nested(ms.body, 'settings'), { caching_enabled: true, cache_data_encrypted: false });
    return broke(ms.stack, `${ms.address} caching on, cache_data_encrypted = false`);
  },
  'TAP-APIGW-08': (app) => {
    const d = find(app, 'aws_api_gateway_deployment');
    if (!d) return undefined;
    delete d.body.lifecycle;
    return broke(d.stack, `${d.address} without lifecycle.create_before_destroy`);
  },
  'TAP-EVENTS-02': (app) => {
    const p = find(app, 'aws_cloudwatch_event_permission');
    if (!p) return undefined;
    p.body.principal = '*';
    delete p.body.condition;
    return broke(p.stack, `${p.address}.principal = "*" without a condition`);
  },
  'TAP-LAMBDA-07': (app) => {
    const p = find(app, 'aws_lambda_permission', (b) => b.source_arn !== undefined);
    if (!p) return undefined;
    delete p.body.source_arn;
    return broke(p.stack, `${p.address} without source_arn`);
  },
  'TAP-LAMBDA-08': (app) => {
    const f = someFunction(app);
    if (!f) return undefined;
    delete f.body.memory_size;
    return broke(f.stack, `${f.address} without memory_size`);
  },
  'TAP-LAMBDA-09': (app) => {
    const alias = find(app, 'aws_lambda_alias');
    if (!alias) return undefined;
    add(alias.stack, 'aws_lambda_permission', 'async_caller', { action: 'lambda:InvokeFunction', principal: 'events.amazonaws.com', function_name: `\${${alias.address}.arn}`, source_arn: 'arn:aws:events:us-east-1:111111111111:rule/x' });
    return broke(alias.stack, `EventBridge (async) may invoke ${alias.address}, no DLQ or on-failure destination`);
  },
  'TAP-DDB-02': (app, ctx) => {
    if (ctx.ephemeral) return undefined;
    const t = find(app, 'aws_dynamodb_table');
    if (!t) return undefined;
    t.body.point_in_time_recovery = { enabled: false };
    return broke(t.stack, `${t.address} PITR off in profile ${ctx.profile}`);
  },
  'TAP-S3-04': (app) => {
    const v = find(app, 'aws_s3_bucket_versioning');
    if (!v) return undefined;
    v.body.versioning_configuration = { status: 'Suspended' };
    return broke(v.stack, `${v.address} Suspended`);
  },
  'TAP-S3-05': (app) => {
    const c = find(app, 'aws_s3_bucket_lifecycle_configuration');
    if (!c) return undefined;
    for (const rule of listOf(c.body.rule) as Body[]) delete rule.abort_incomplete_multipart_upload;
    return broke(c.stack, `${c.address} without abort_incomplete_multipart_upload`);
  },
  'TAP-SQS-04': (app) => dropTlsDeny(app, 'aws_sqs_queue_policy'),
  'TAP-SNS-02': (app) => dropTlsDeny(app, 'aws_sns_topic_policy'),
  'TAP-IAM-03': (app) => {
    const hit = editIdentityStatement(app, (s) => {
      s.NotAction = s.Action;
      delete s.Action;
      return true;
    });
    return hit && broke(hit.stack, `${hit.address}: an Allow statement with NotAction`);
  },
  'TAP-IAM-04': (app) => {
    const hit = editIdentityStatement(app, () => true);
    if (!hit) return undefined;
    const p = find(app, 'aws_iam_role_policy', (_b, st) => st === hit.stack);
    if (!p) return undefined;
    editPolicy(p.body, 'policy', (statements) => statements.push({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) > 0);
    return broke(p.stack, `${p.address}: Allow iam:PassRole on "*"`);
  },
  'TAP-IAM-05': (app) => {
    const r = find(app, 'aws_iam_role');
    if (!r) return undefined;
    editPolicy(r.body, 'assume_role_policy', (statements) => {
      statements[0].Principal = { AWS: '*' };
      return true;
    });
    return broke(r.stack, `${r.address} trusts Principal AWS "*"`);
  },
  'TAP-IAM-06': (app) => {
    const hit = editIdentityStatement(app, (s) => {
      if (!listOf(s.Action).some((a) => String(a).startsWith('dynamodb:'))) return false;
      s.Action = [...listOf(s.Action), 'dynamodb:Scan'];
      return true;
    });
    return hit && broke(hit.stack, `${hit.address}: a DynamoDB grant gains dynamodb:Scan`);
  },
  'TAP-KMS-02': (app) => {
    const k = find(app, 'aws_kms_key', (b) => typeof b.policy === 'string');
    if (!k) return undefined;
    editPolicy(k.body, 'policy', (statements) => statements.push({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }) > 0);
    return broke(k.stack, `${k.address} key policy allows Principal "*" kms:Decrypt`);
  },
  'TAP-SG-01': (app) => {
    const r = find(app, 'aws_vpc_security_group_egress_rule') ?? find(app, 'aws_vpc_security_group_ingress_rule');
    if (!r) return undefined;
    delete r.body.description;
    return broke(r.stack, `${r.address} without description`);
  },
  'TAP-SG-02': (app) => {
    const r = find(app, 'aws_vpc_security_group_ingress_rule');
    if (!r) return undefined;
    r.body.cidr_ipv4 = '0.0.0.0/0';
    return broke(r.stack, `${r.address}.cidr_ipv4 = 0.0.0.0/0`);
  },
  'TAP-SG-03': (app) => {
    const r = find(app, 'aws_vpc_security_group_egress_rule');
    if (!r) return undefined;
    delete r.body.prefix_list_id;
    r.body.cidr_ipv4 = '0.0.0.0/0';
    return broke(r.stack, `${r.address}.cidr_ipv4 = 0.0.0.0/0`);
  },
  'TAP-VPC-01': (app) => {
    const l = find(app, 'aws_flow_log');
    if (!l) return undefined;
    remove(l);
    return broke(l.stack, `${l.address} removed`);
  },
  'TAP-VPC-02': (app) => {
    const sg = find(app, 'aws_default_security_group');
    if (!sg) return undefined;
    sg.body.ingress = [{ protocol: '-1', from_port: 0, to_port: 0, self: true, description: 'all within the group' }];
    return broke(sg.stack, `${sg.address} with an allow-all-within-group ingress`);
  },
  'TAP-VPC-03': (app) => {
    const igwRoute = find(app, 'aws_route', (b) => String(b.gateway_id ?? '').includes('aws_internet_gateway.'));
    if (!igwRoute) return undefined;
    const ep = find([igwRoute.stack], 'aws_vpc_endpoint', (b) => b.vpc_endpoint_type === 'Gateway');
    if (!ep) return undefined;
    const table = String(igwRoute.body.route_table_id);
    ep.body.route_table_ids = [...listOf(ep.body.route_table_ids), table];
    return broke(ep.stack, `${ep.address} also on the public route table ${table}`);
  },
  'TAP-VPC-04': (app) => {
    const sn = find(app, 'aws_subnet');
    if (!sn) return undefined;
    sn.body.map_public_ip_on_launch = true;
    return broke(sn.stack, `${sn.address}.map_public_ip_on_launch = true`);
  },
  'TAP-ALARM-01': (app) => {
    const a = find(app, 'aws_cloudwatch_metric_alarm');
    if (!a) return undefined;
    a.body.actions_enabled = false;
    return broke(a.stack, `${a.address}.actions_enabled = false`);
  },
  'TAP-BACKUP-01': (app) => {
    const v = find(app, 'aws_backup_vault');
    if (!v) return undefined;
    delete v.body.kms_key_arn;
    return broke(v.stack, `${v.address} without kms_key_arn`);
  },
  // --- the suppression check (run by the engine, not a rule file) ------------------------------------------
  [SUPPRESSION_RULE_ID]: (app) => {
    const f = someFunction(app);
    if (!f) return undefined;
    f.body['//'] = { ...((f.body['//'] as Body | undefined) ?? {}), preflight: { suppress: [{ id: 'TAP-LAMBDA-03', reason: '' }] } };
    return broke(f.stack, `${f.address} suppression without a reason`);
  },
};
