import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import type { EnvironmentConfig, EnvironmentInput } from '@tap/config';
import { bundleDir } from '@tap/bundle';
import { MAX_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS } from '@tap/constructs';
import { HANDLER_BUNDLES, LAYER_BUNDLE } from '@tap/lambda-event-pipeline';
import { EventPipelineStack } from '@tap/stack-event-pipeline';
import { onlyResource, resourcesOf, stageMethodSettings, synthJson, testConfig } from '../../helpers/synth';
import { type StackJson, REPO_ROOT } from '@tap/synth';

// Each synth bundles three functions and the layer with esbuild (~2-4 s); one synth per variant.
jest.setTimeout(60_000);

interface Synth {
  readonly config: EnvironmentConfig;
  readonly json: StackJson;
  readonly text: string;
}

function synth(input: EnvironmentInput = {}): Synth {
  const config = testConfig({ suffix: 'ep-test', ...input });
  const json = synthJson(new EventPipelineStack(Testing.app(), 'event-pipeline', { config }));
  return { config, json, text: JSON.stringify(json) };
}

type Json = Record<string, unknown>;
const byName = (json: StackJson, type: string, attr: string): Record<string, Json> =>
  Object.fromEntries(resourcesOf(json, type).map((r) => [String(r[attr]), r as Json]));
const idOf = (json: StackJson, type: string, match: (r: Json) => boolean): string => {
  const entry = Object.entries(json.resource?.[type] ?? {}).find(([, r]) => match(r as Json));
  if (!entry) throw new Error(`no ${type} matched`);
  return entry[0];
};
const functions = (s: Synth) => byName(s.json, 'aws_lambda_function', 'function_name');
const CALLER_ACCOUNT = '${data.aws_caller_identity.current_identity.account_id}';
const REGION_ID = '${data.aws_region.current_region.id}';

let dev: Synth;
let pr: Synth;
let production: Synth;
let singletons: Synth;
let domain: Synth;

beforeAll(() => {
  dev = synth({ profile: 'dev' });
  pr = synth({ profile: 'pr' });
  production = synth({ profile: 'production' });
  singletons = synth({ profile: 'dev', accountSingletons: true });
  domain = synth({ profile: 'production', customDomainName: 'events.example.org', hostedZoneId: 'Z0123456789ABCDEFGHIJ' });
});

describe('event pipeline stack: PIPE-01 to PIPE-20', () => {
  it('PIPE-01: the region comes from config through the provider, no undeclared variable', () => {
    expect(dev.json.provider?.aws?.[0]).toMatchObject({ region: dev.config.region });
    expect(dev.text).not.toMatch(/\$\{var\./);
    expect((dev.json as Json).variable).toBeUndefined();
  });

  it('PIPE-02: every function is a synth-time asset with a content hash, no hand-made zip', () => {
    const fns = Object.values(functions(dev));
    expect(fns).toHaveLength(3);
    for (const fn of fns) {
      expect(fn.filename).toMatch(/^assets\/[^/]+\/[0-9a-f]{64}\/archive\.zip$/);
      expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
    for (const [name, code] of [['events-auth-fn', HANDLER_BUNDLES.authorizer], ['events-ingest-fn', HANDLER_BUNDLES.ingest], ['events-process-fn', HANDLER_BUNDLES.process]] as const) {
      const fn = functions(dev)[`${name}-ep-test`];
      expect(existsSync(join(bundleDir(code.outKey, String(fn.source_code_hash)), 'index.js'))).toBe(true);
    }
  });

  it('PIPE-03: layer permission principal is the caller-identity account id', () => {
    const permission = onlyResource(dev.json, 'aws_lambda_layer_version_permission');
    expect(permission).toMatchObject({ principal: CALLER_ACCOUNT, action: 'lambda:GetLayerVersion' });
    expect(permission.layer_name).toMatch(/^\$\{aws_lambda_layer_version\.layer\.layer_arn\}$/);
    expect(dev.text).not.toMatch(/\b\d{12}\b/);
  });

  it('PIPE-04: every physical name carries the suffix', () => {
    const names = [
      ...Object.keys(functions(dev)),
      ...resourcesOf(dev.json, 'aws_iam_role').map((r) => r.name),
      ...resourcesOf(dev.json, 'aws_sqs_queue').map((r) => r.name),
      ...resourcesOf(dev.json, 'aws_dynamodb_table').map((r) => r.name),
      ...resourcesOf(dev.json, 'aws_cloudwatch_event_bus').map((r) => r.name),
      ...resourcesOf(dev.json, 'aws_cloudwatch_event_rule').map((r) => r.name),
      ...resourcesOf(dev.json, 'aws_lambda_layer_version').map((r) => r.layer_name),
      ...resourcesOf(dev.json, 'aws_api_gateway_rest_api').map((r) => r.name),
      ...resourcesOf(dev.json, 'aws_api_gateway_authorizer').map((r) => r.name),
      ...resourcesOf(dev.json, 'aws_sns_topic').map((r) => r.name),
      ...resourcesOf(dev.json, 'aws_cloudwatch_metric_alarm').map((r) => r.alarm_name),
      ...resourcesOf(dev.json, 'aws_cloudwatch_log_group').map((r) => r.name),
      ...resourcesOf(dev.json, 'aws_ssm_parameter').map((r) => r.name),
    ].map(String);
    expect(names.length).toBeGreaterThan(25);
    for (const name of names) expect(name).toContain('ep-test');
  });

  it('PIPE-05: reserved concurrency comes from the config budget per profile (pr reserves none)', () => {
    for (const s of [dev, production]) {
      const fns = functions(s);
      expect(fns['events-ingest-fn-ep-test'].reserved_concurrent_executions).toBe(s.config.concurrency.reserved['event-pipeline.ingest']);
      expect(fns['events-process-fn-ep-test'].reserved_concurrent_executions).toBe(s.config.concurrency.reserved['event-pipeline.process']);
      expect(fns['events-ingest-fn-ep-test'].reserved_concurrent_executions).toBe(10);
      expect(fns['events-process-fn-ep-test'].reserved_concurrent_executions).toBe(5);
      // The authorizer key has no budget in any profile: nothing reserved, never a hard-coded number.
      expect(fns['events-auth-fn-ep-test'].reserved_concurrent_executions).toBeUndefined();
    }
    for (const fn of Object.values(functions(pr))) expect(fn.reserved_concurrent_executions).toBeUndefined();
  });

  it('PIPE-06: throttling lives in method settings on */*, never on the stage', () => {
    const stage = onlyResource(dev.json, 'aws_api_gateway_stage');
    expect(stage).not.toHaveProperty('throttle_settings');
    expect(stageMethodSettings(dev.json)).toMatchObject({
      method_path: '*/*',
      settings: { throttling_rate_limit: dev.config.api.throttleRateLimit, throttling_burst_limit: dev.config.api.throttleBurstLimit },
    });
  });

  it('PIPE-07: the token is generated at deploy time (ephemeral password → value_wo), no value or placeholder in the JSON', () => {
    const parameters = resourcesOf(dev.json, 'aws_ssm_parameter');
    expect(parameters).toHaveLength(2);
    const [parameter, previous] = ['auth-token', 'auth-token-previous'].map((n) => parameters.find((p) => String(p.name).endsWith(`/${n}`)) as Json);
    expect(previous).toMatchObject({ type: 'SecureString', value_wo: '${ephemeral.aws_secretsmanager_random_password.auth_token_previous.random_password}', value_wo_version: 1 });
    expect(parameter).toMatchObject({
      type: 'SecureString',
      value_wo: '${ephemeral.aws_secretsmanager_random_password.auth_token.random_password}',
      value_wo_version: 1,
    });
    expect(parameter.key_id).toMatch(/^\$\{aws_kms_key\.key_[A-F0-9]+\.arn\}$/);
    expect(parameter).not.toHaveProperty('value');
    expect(parameter).not.toHaveProperty('insecure_value');
    expect((dev.json as Json).ephemeral).toEqual({
      aws_secretsmanager_random_password: {
        auth_token: { password_length: 48, exclude_punctuation: true, include_space: false },
        auth_token_previous: { password_length: 48, exclude_punctuation: true, include_space: false },
      },
    });
    expect(dev.text).not.toMatch(/REPLACE|placeholder|changeme/i);
    expect(dev.json.resource).not.toHaveProperty('random_password');
  });

  it('PIPE-08: explicit dependencies: deployment after methods and integrations, functions after log group and policy, target after queue policy', () => {
    const deployment = onlyResource(dev.json, 'aws_api_gateway_deployment');
    const dependsOn = deployment.depends_on as string[];
    expect(dependsOn.some((d) => d.startsWith('aws_api_gateway_method.'))).toBe(true);
    expect(dependsOn.some((d) => d.startsWith('aws_api_gateway_integration.'))).toBe(true);
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    for (const fn of Object.values(functions(dev))) {
      const deps = fn.depends_on as string[];
      expect(deps.some((d) => d.startsWith('aws_cloudwatch_log_group.'))).toBe(true);
      expect(deps.some((d) => d.startsWith('aws_iam_role_policy.'))).toBe(true);
    }
    const target = onlyResource(dev.json, 'aws_cloudwatch_event_target');
    expect((target.depends_on as string[]).every((d) => d.startsWith('aws_sqs_queue_policy.'))).toBe(true);
  });

  it('PIPE-09: the API Gateway account CloudWatch role exists only with the accountSingletons opt-in', () => {
    for (const s of [dev, pr, production]) expect(resourcesOf(s.json, 'aws_api_gateway_account')).toHaveLength(0);
    const account = onlyResource(singletons.json, 'aws_api_gateway_account');
    expect(account).toMatchObject({ reset_on_delete: true });
    const roleId = idOf(singletons.json, 'aws_iam_role', (r) => String(r.name).startsWith('events-apigw-logs-role'));
    expect(account.cloudwatch_role_arn).toBe(`\${aws_iam_role.${roleId}.arn}`);
    const trust = JSON.parse(String(singletons.json.resource?.aws_iam_role?.[roleId]?.assume_role_policy));
    expect(trust.Statement[0].Principal).toEqual({ Service: 'apigateway.amazonaws.com' });
    // Stage and method settings wait for the account setting (logging needs the role).
    expect(onlyResource(singletons.json, 'aws_api_gateway_stage').depends_on).toContain('aws_api_gateway_account.apigw-account');
    expect(stageMethodSettings(singletons.json).depends_on).toContain('aws_api_gateway_account.apigw-account');
  });

  it('PIPE-10: the EventBridge permission principal is the caller-identity account id on the custom bus', () => {
    expect(onlyResource(dev.json, 'aws_cloudwatch_event_permission')).toMatchObject({
      principal: CALLER_ACCOUNT,
      action: 'events:PutEvents',
      event_bus_name: '${aws_cloudwatch_event_bus.bus.name}',
    });
  });

  it('PIPE-11: queue, DLQ and delivery DLQ are encrypted with the stack KMS key, DLQ after 3 receives', () => {
    const queues = resourcesOf(dev.json, 'aws_sqs_queue');
    expect(queues).toHaveLength(3);
    for (const q of queues) expect(q.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.key_[A-F0-9]+\.arn\}$/);
    const main = queues.find((q) => q.redrive_policy) as Json;
    expect(JSON.parse(String(main.redrive_policy)).maxReceiveCount).toBe(3);
  });

  it('PIPE-12: a custom domain (ACM DNS validation, REGIONAL TLS 1.2, mapping, alias) only when configured', () => {
    for (const type of ['aws_acm_certificate', 'aws_api_gateway_domain_name', 'aws_route53_record', 'aws_api_gateway_base_path_mapping']) {
      expect(resourcesOf(production.json, type)).toHaveLength(0);
    }
    expect(onlyResource(domain.json, 'aws_acm_certificate')).toMatchObject({ domain_name: 'events.example.org', validation_method: 'DNS' });
    expect(onlyResource(domain.json, 'aws_acm_certificate_validation').validation_record_fqdns).toEqual([expect.stringMatching(/^\$\{aws_route53_record\.certificate-validation-record\.fqdn\}$/)]);
    expect(onlyResource(domain.json, 'aws_api_gateway_domain_name')).toMatchObject({
      domain_name: 'events.example.org',
      security_policy: 'TLS_1_2',
      endpoint_configuration: { types: ['REGIONAL'] },
      regional_certificate_arn: '${aws_acm_certificate_validation.certificate-validation.certificate_arn}',
    });
    expect(onlyResource(domain.json, 'aws_api_gateway_base_path_mapping')).toHaveProperty('stage_name');
    const records = resourcesOf(domain.json, 'aws_route53_record');
    expect(records).toHaveLength(2);
    expect(records.find((r) => r.type === 'A')).toMatchObject({ zone_id: 'Z0123456789ABCDEFGHIJ', alias: { evaluate_target_health: false } });
    expect(domain.json.output).toHaveProperty('eventPipelineCustomDomainUrl', expect.objectContaining({ value: 'https://events.example.org' }));
  });

  it('PIPE-13: caller identity and region are declared once, by the base stack', () => {
    expect(Object.keys(dev.json.data?.aws_caller_identity ?? {})).toEqual(['current_identity']);
    expect(Object.keys(dev.json.data?.aws_region ?? {})).toEqual(['current_region']);
  });

  it('PIPE-14: method settings carry `settings` as one block (an object), not a map of strings', () => {
    const settings = stageMethodSettings(dev.json).settings as Json;
    expect(settings).toMatchObject({ metrics_enabled: true, logging_level: 'INFO', data_trace_enabled: false });
    expect(typeof settings.throttling_rate_limit).toBe('number');
  });

  it('PIPE-15: the region is data.aws_region `id` (valid in provider 5.100 and 6.x), never `name`', () => {
    expect(dev.json.output?.eventPipelineRegion?.value).toBe(REGION_ID);
    expect(dev.text).not.toMatch(/data\.aws_region\.[a-z_]+\.name/);
  });

  it('PIPE-16: the shared layer is built from source at synth and the functions load it from the layer', () => {
    const layer = onlyResource(dev.json, 'aws_lambda_layer_version');
    expect(layer.filename).toMatch(/^assets\/layer-code\/[0-9a-f]{64}\/archive\.zip$/);
    expect(layer.compatible_runtimes).toEqual([functions(dev)['events-ingest-fn-ep-test'].runtime]);
    const module = join(bundleDir(LAYER_BUNDLE.outKey, String(layer.source_code_hash)), LAYER_BUNDLE.outFile);
    expect(readFileSync(module, 'utf8')).toContain('must be an ISO 8601 date-time');
    for (const [name, code] of [['events-ingest-fn', HANDLER_BUNDLES.ingest], ['events-process-fn', HANDLER_BUNDLES.process]] as const) {
      const bundle = readFileSync(join(bundleDir(code.outKey, String(functions(dev)[`${name}-ep-test`].source_code_hash)), 'index.js'), 'utf8');
      expect(bundle).toContain('require("@tap/pipeline-common")');
      expect(bundle).not.toContain('must be an ISO 8601 date-time');
      expect(functions(dev)[`${name}-ep-test`].layers).toEqual(['${aws_lambda_layer_version.layer.arn}']);
    }
  });

  it('PIPE-17: the only required provider is aws (no random, no archive)', () => {
    expect(Object.keys((dev.json.terraform?.required_providers ?? {}) as Json)).toEqual(['aws']);
    expect(Object.keys(dev.json.provider ?? {})).toEqual(['aws']);
    expect(dev.text).not.toMatch(/"(random_[a-z]+|archive_file)"/);
  });

  it('PIPE-18: every timeout is within 30-300 s, the authorizer 30 s', () => {
    for (const fn of Object.values(functions(dev))) {
      expect(fn.timeout).toBeGreaterThanOrEqual(MIN_TIMEOUT_SECONDS);
      expect(fn.timeout).toBeLessThanOrEqual(MAX_TIMEOUT_SECONDS);
    }
    expect(functions(dev)['events-auth-fn-ep-test'].timeout).toBe(30);
  });

  it('PIPE-19: function names follow one short pattern events-<role>-fn-<suffix>', () => {
    expect(Object.keys(functions(dev)).sort()).toEqual(['events-auth-fn-ep-test', 'events-ingest-fn-ep-test', 'events-process-fn-ep-test']);
  });

  it('PIPE-20: outputs are flat top-level scalars, no nested integration_test_config', () => {
    const outputs = dev.json.output ?? {};
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'eventPipelineApiEndpoint',
        'eventPipelineBusName',
        'eventPipelineDeliveryDlqUrl',
        'eventPipelineDlqUrl',
        'eventPipelineEventPostUrl',
        'eventPipelinePreviousTokenParameterName',
        'eventPipelineQueueUrl',
        'eventPipelineRegion',
        'eventPipelineTableName',
        'eventPipelineTokenKeyArn',
        'eventPipelineTokenParameterName',
        'eventPipelineXrayEnabled',
      ].sort(),
    );
    for (const output of Object.values(outputs)) expect(typeof output.value).toBe('string');
    expect(outputs.eventPipelineEventPostUrl.value).toBe(`${outputs.eventPipelineApiEndpoint.value}/events`);
    expect(outputs.eventPipelineXrayEnabled.value).toBe('true');
    expect(outputs.eventPipelineTokenParameterName.value).toBe('${aws_ssm_parameter.auth-token.name}');
  });
});

describe('event pipeline stack: pipeline wiring', () => {
  it('the queue visibility timeout is at least 6 x the process function timeout', () => {
    const processFn = functions(dev)['events-process-fn-ep-test'];
    const main = resourcesOf(dev.json, 'aws_sqs_queue').find((q) => q.redrive_policy) as Json;
    expect(Number(main.visibility_timeout_seconds)).toBeGreaterThanOrEqual(6 * Number(processFn.timeout));
  });

  it('only the bus rule may send to the queue (events.amazonaws.com with aws:SourceArn), and the key lets events encrypt', () => {
    const policies = resourcesOf(dev.json, 'aws_sqs_queue_policy').map((p) => JSON.parse(String(p.policy)) as { Statement: Json[] });
    const allow = policies.flatMap((p) => p.Statement).find((s) => s.Sid === 'EventBridgeRuleSends') as Json;
    expect(allow).toMatchObject({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': '${aws_cloudwatch_event_rule.rule.arn}' } } });
    const keyPolicy = JSON.parse(String(onlyResource(dev.json, 'aws_kms_key').policy)) as { Statement: Json[] };
    expect(keyPolicy.Statement.find((s) => s.Sid === 'EventsUsesKey')).toMatchObject({ Principal: { Service: 'events.amazonaws.com' } });
  });

  it('EventBridge delivery to the encrypted queue is not denied by the key: its statement is conditioned on the queue encryption context, never on aws:SourceAccount (which that KMS request does not carry)', () => {
    const keyPolicy = JSON.parse(String(onlyResource(dev.json, 'aws_kms_key').policy)) as { Statement: Json[] };
    const events = keyPolicy.Statement.find((s) => s.Sid === 'EventsUsesKey') as Json;
    expect(JSON.stringify(events.Condition)).not.toMatch(/aws:Source(Account|Arn)/);
    expect(events.Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:sqs:arn': expect.stringMatching(/:sqs:.+:\*$/) } });
  });

  it('the rule routes the ingest source from the custom bus to the queue', () => {
    const rule = onlyResource(dev.json, 'aws_cloudwatch_event_rule');
    expect(JSON.parse(String(rule.event_pattern))).toEqual({ source: ['tap.event-pipeline'] });
    expect(rule.event_bus_name).toBe('${aws_cloudwatch_event_bus.bus.name}');
    expect(functions(dev)['events-ingest-fn-ep-test'].environment).toMatchObject({ variables: { EVENT_SOURCE: 'tap.event-pipeline' } });
    expect(onlyResource(dev.json, 'aws_cloudwatch_event_target').arn).toMatch(/^\$\{aws_sqs_queue\.queue_[A-F0-9]+\.arn\}$/);
  });

  it('the process function consumes batches of 10 with partial batch responses, within its reserved concurrency', () => {
    expect(onlyResource(dev.json, 'aws_lambda_event_source_mapping')).toMatchObject({
      batch_size: 10,
      maximum_batching_window_in_seconds: 5,
      function_response_types: ['ReportBatchItemFailures'],
      scaling_config: { maximum_concurrency: 5 },
    });
    expect(onlyResource(pr.json, 'aws_lambda_event_source_mapping')).not.toHaveProperty('scaling_config');
  });

  it('TOKEN authorizer on the Authorization header with a short result TTL and a validation expression, invocable only by this API\'s authorizers', () => {
    const authorizer = onlyResource(dev.json, 'aws_api_gateway_authorizer');
    expect(authorizer).toMatchObject({ type: 'TOKEN', identity_source: 'method.request.header.Authorization', authorizer_result_ttl_in_seconds: 10, identity_validation_expression: '^[A-Za-z0-9]{48}$' });
    expect(authorizer.authorizer_uri).toMatch(/aws_lambda_alias\.authorizer_live_[A-F0-9]+\.invoke_arn/);
    const permission = resourcesOf(dev.json, 'aws_lambda_permission').find((p) => String(p.source_arn).includes('/authorizers/')) as Json;
    expect(permission.source_arn).toBe('${aws_api_gateway_rest_api.api_4F59AA66.execution_arn}/authorizers/${aws_api_gateway_authorizer.token-authorizer.id}');
    expect(onlyResource(dev.json, 'aws_api_gateway_method')).toMatchObject({ http_method: 'POST', authorization: 'CUSTOM', authorizer_id: '${aws_api_gateway_authorizer.token-authorizer.id}' });
  });

  it('X-Ray on every function and on the stage; access logs on the stage', () => {
    for (const fn of Object.values(functions(dev))) expect(fn.tracing_config).toEqual({ mode: 'Active' });
    const stage = onlyResource(dev.json, 'aws_api_gateway_stage');
    expect(stage.xray_tracing_enabled).toBe(true);
    expect(stage.access_log_settings).toHaveProperty('destination_arn');
  });

  it('least privilege: the authorizer reads one parameter, ingest puts to one bus, process writes one table', () => {
    const policy = (prefix: string) => {
      const raw = resourcesOf(dev.json, 'aws_iam_role_policy').find((p) => String(p.name).startsWith(prefix)) as Json;
      return (JSON.parse(String(raw.policy)) as { Statement: { Sid: string; Action: string[]; Resource: string[] }[] }).Statement;
    };
    expect(policy('events-auth-fn').find((s) => s.Sid === 'ReadToken')).toMatchObject({ Action: ['ssm:GetParameter'], Resource: ['${aws_ssm_parameter.auth-token.arn}', '${aws_ssm_parameter.auth-token-previous.arn}'] });
    expect(policy('events-ingest-fn').find((s) => s.Sid === 'PublishToBus')).toMatchObject({ Action: ['events:PutEvents'], Resource: ['${aws_cloudwatch_event_bus.bus.arn}'] });
    // PutItem stores once; GetItem reads the stored payload hash back when the id exists (redelivery or reused id).
    expect(policy('events-process-fn').find((s) => s.Sid === 'StoreEvents')?.Action).toEqual(['dynamodb:PutItem', 'dynamodb:GetItem']);
    expect(JSON.stringify(policy('events-process-fn'))).not.toMatch(/dynamodb:(Scan|\*)/);
  });

  it('not in a VPC', () => {
    for (const fn of Object.values(functions(dev))) expect(fn).not.toHaveProperty('vpc_config');
  });

  it('every alarm links a runbook that exists, and thresholds scale with the profile', () => {
    const alarms = resourcesOf(production.json, 'aws_cloudwatch_metric_alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(6);
    for (const alarm of alarms) {
      const link = /Runbook: (docs\/runbooks\/[a-z0-9-]+\.md)/.exec(String(alarm.alarm_description));
      expect(link).not.toBeNull();
      expect(existsSync(join(REPO_ROOT, (link as RegExpExecArray)[1]))).toBe(true);
    }
    const age = (s: Synth) => resourcesOf(s.json, 'aws_cloudwatch_metric_alarm').find((a) => String(a.alarm_name).startsWith('events-queue-age'))?.threshold;
    expect(age(dev)).toBe(300);
    expect(age(production)).toBe(300 * production.config.alarms.thresholdMultiplier);
    const dlq = resourcesOf(dev.json, 'aws_cloudwatch_metric_alarm').find((a) => String(a.alarm_name).startsWith('events-dlq-depth'));
    expect(dlq).toMatchObject({ metric_name: 'ApproximateNumberOfMessagesVisible', comparison_operator: 'GreaterThanThreshold', threshold: 0 });
  });
});

describe('event pipeline stack: a failing authorizer', () => {
  it('a stalled or failing authorizer is 503 with Retry-After (AUTHORIZER_FAILURE), part of the deployment', () => {
    const responses = resourcesOf(dev.json, 'aws_api_gateway_gateway_response');
    const failure = responses.find((r) => r.response_type === 'AUTHORIZER_FAILURE');
    expect(failure).toMatchObject({ status_code: '503', response_parameters: { 'gatewayresponse.header.Retry-After': "'1'" } });
    expect(JSON.parse((failure?.response_templates as Record<string, string>)['application/json'])).toEqual({ error: expect.any(String) });
    const [deployment] = resourcesOf(dev.json, 'aws_api_gateway_deployment');
    expect((deployment.depends_on as string[]).some((d) => d.startsWith('aws_api_gateway_gateway_response.'))).toBe(true);
  });
});

describe('event pipeline stack: nothing the bus accepted is dropped', () => {
  it('the EventBridge → SQS target has a dead-letter queue only this rule may send to, with a depth alarm and a runbook', () => {
    const target = onlyResource(dev.json, 'aws_cloudwatch_event_target');
    const dlqId = idOf(dev.json, 'aws_sqs_queue', (q) => String(q.name).startsWith('events-delivery-dlq'));
    expect(target.dead_letter_config).toEqual({ arn: `\${aws_sqs_queue.${dlqId}.arn}` });
    const dlq = resourcesOf(dev.json, 'aws_sqs_queue').find((q) => String(q.name).startsWith('events-delivery-dlq')) as Json;
    expect(dlq.message_retention_seconds).toBe(1_209_600);
    const policy = resourcesOf(dev.json, 'aws_sqs_queue_policy').find((p) => String(p.queue_url).includes(dlqId)) as Json;
    const statements = (JSON.parse(String(policy.policy)) as { Statement: Json[] }).Statement;
    expect(statements.find((st) => st.Sid === 'EventBridgeRuleDeadLetters')).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': expect.stringMatching(/aws_cloudwatch_event_rule\.rule\.arn/) } } });
    const alarm = resourcesOf(dev.json, 'aws_cloudwatch_metric_alarm').find((a) => String(a.alarm_name).startsWith('events-delivery-dlq-depth')) as Json;
    expect(alarm).toMatchObject({ metric_name: 'ApproximateNumberOfMessagesVisible', threshold: 0, dimensions: { QueueName: `\${aws_sqs_queue.${dlqId}.name}` } });
    expect(String(alarm.alarm_description)).toContain('docs/runbooks/event-pipeline-delivery-dlq.md');
    expect(existsSync(join(REPO_ROOT, 'docs/runbooks/event-pipeline-delivery-dlq.md'))).toBe(true);
  });
});
