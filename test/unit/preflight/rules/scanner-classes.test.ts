import {
  alarmActions, apigwCacheEncryption, apigwDeploymentLifecycle, apigwExecutionLogging, apigwRequestValidation, backupVaultKms, dynamodbPitr, eventsBusOpen,
  iamNoScan, iamNotAction, iamPassRole, iamTrustScoped, kmsPolicyPrincipal, lambdaAsyncFailure, lambdaMemory, lambdaPermissionScoped, s3Lifecycle, s3Versioning,
  snsTlsOnly, sqsTlsOnly, ssmSecretType,
} from '@tap/preflight';
import { check, goodFunction, stack, title } from './helpers';

const policy = (statements: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const rolePolicy = (statements: Record<string, unknown>[]) => stack({ resource: { aws_iam_role_policy: { p: { name: 'p-dev', role: 'r', policy: policy(statements) } } } });
const tlsDeny = (action: string) => ({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: action, Resource: 'x', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
const production = { EnvironmentSuffix: 'live', Environment: 'live', Profile: 'production', Project: 'tap' };

describe(title(lambdaPermissionScoped), () => {
  const perm = (extra: Record<string, unknown>) => stack({ resource: { aws_lambda_function: { f: goodFunction('f-dev') }, aws_lambda_alias: { live: { name: 'live', function_name: '${aws_lambda_function.f.function_name}' } }, aws_lambda_permission: { p: { action: 'lambda:InvokeFunction', function_name: '${aws_lambda_alias.live.arn}', principal: 'apigateway.amazonaws.com', source_arn: '${aws_api_gateway_rest_api.a.execution_arn}/*/GET/items', ...extra } } } });
  it('compliant: service principal with source_arn, function through its alias', () => expect(check(lambdaPermissionScoped, perm({}))).toEqual([]));
  it('no source_arn or principal "*" is an error; an unresolvable function a warning', () => {
    expect(check(lambdaPermissionScoped, perm({ source_arn: undefined }))).toMatchObject([{ severity: 'error' }]);
    expect(check(lambdaPermissionScoped, perm({ principal: '*' }))).toMatchObject([{ severity: 'error' }]);
    expect(check(lambdaPermissionScoped, perm({ function_name: 'elsewhere-fn' }))).toMatchObject([{ severity: 'warning', message: expect.stringContaining('elsewhere-fn') }]);
  });
});

describe(title(lambdaMemory), () => {
  it('compliant: memory_size set', () => expect(check(lambdaMemory, stack({ resource: { aws_lambda_function: { f: goodFunction('f-dev', { memory_size: 256 }) } } }))).toEqual([]));
  it('default memory is an error', () => expect(check(lambdaMemory, stack({ resource: { aws_lambda_function: { f: goodFunction('f-dev') } } }))).toHaveLength(1));
});

describe(title(lambdaAsyncFailure), () => {
  const s = (extra: Record<string, Record<string, Record<string, unknown>>>) =>
    stack({ resource: { aws_lambda_function: { f: goodFunction('f-dev') }, aws_lambda_permission: { p: { function_name: '${aws_lambda_function.f.function_name}', principal: 'events.amazonaws.com', source_arn: 'x' } }, ...extra } });
  it('compliant: an async-invoked function with an on-failure destination; API Gateway callers need none', () => {
    expect(check(lambdaAsyncFailure, s({ aws_lambda_function_event_invoke_config: { c: { function_name: '${aws_lambda_function.f.function_name}', destination_config: { on_failure: { destination: '${aws_sqs_queue.dlq.arn}' } } } } }))).toEqual([]);
    expect(check(lambdaAsyncFailure, stack({ resource: { aws_lambda_function: { f: goodFunction('f-dev') }, aws_lambda_permission: { p: { function_name: '${aws_lambda_function.f.function_name}', principal: 'apigateway.amazonaws.com' } } } }))).toEqual([]);
  });
  it('an async-invoked function without DLQ or on-failure destination is an error', () => expect(check(lambdaAsyncFailure, s({}))).toMatchObject([{ address: 'aws_lambda_function.f' }]));
});

const stageWith = (settings: Record<string, unknown>) => stack({ resource: { aws_api_gateway_stage: { s: { stage_name: 'api', rest_api_id: 'x' } }, aws_api_gateway_method_settings: { m: { rest_api_id: 'x', stage_name: '${aws_api_gateway_stage.s.stage_name}', method_path: '*/*', settings } } } });
describe(title(apigwExecutionLogging), () => {
  it('compliant: INFO logging and metrics on */*', () => expect(check(apigwExecutionLogging, stageWith({ logging_level: 'INFO', metrics_enabled: true, data_trace_enabled: false }))).toEqual([]));
  it('logging OFF, no metrics, or data trace on is an error', () => {
    expect(check(apigwExecutionLogging, stageWith({ logging_level: 'OFF', metrics_enabled: true }))).toHaveLength(1);
    expect(check(apigwExecutionLogging, stageWith({ logging_level: 'INFO', metrics_enabled: true, data_trace_enabled: true }))).toHaveLength(1);
  });
});

describe(title(apigwCacheEncryption), () => {
  it('compliant: no cache, or an encrypted one', () => {
    expect(check(apigwCacheEncryption, stageWith({ logging_level: 'INFO' }))).toEqual([]);
    expect(check(apigwCacheEncryption, stageWith({ caching_enabled: true, cache_data_encrypted: true }))).toEqual([]);
  });
  it('a cache without encryption is an error', () => expect(check(apigwCacheEncryption, stageWith({ caching_enabled: true }))).toHaveLength(1));
});

describe(title(apigwRequestValidation), () => {
  const s = (method: Record<string, unknown>, validator: Record<string, unknown> = { validate_request_body: true, validate_request_parameters: true }) =>
    stack({ resource: { aws_api_gateway_request_validator: { v: { name: 'v-dev', rest_api_id: 'x', ...validator } }, aws_api_gateway_authorizer: { a: { identity_source: 'method.request.header.Authorization' } }, aws_api_gateway_method: { m: { http_method: 'POST', ...method } } } });
  it('compliant: model with a body validator; the authorizer\'s identity header needs no validator; nothing declared needs none', () => {
    expect(check(apigwRequestValidation, s({ request_models: { 'application/json': 'M' }, request_validator_id: '${aws_api_gateway_request_validator.v.id}' }))).toEqual([]);
    expect(check(apigwRequestValidation, s({ authorizer_id: '${aws_api_gateway_authorizer.a.id}', request_parameters: { 'method.request.header.Authorization': true } }))).toEqual([]);
    expect(check(apigwRequestValidation, s({}))).toEqual([]);
  });
  it('a declared model or required parameter that nothing validates is an error', () => {
    expect(check(apigwRequestValidation, s({ request_models: { 'application/json': 'M' } }))).toHaveLength(1);
    expect(check(apigwRequestValidation, s({ request_models: { 'application/json': 'M' }, request_validator_id: '${aws_api_gateway_request_validator.v.id}' }, { validate_request_parameters: true }))).toHaveLength(1);
    expect(check(apigwRequestValidation, s({ request_parameters: { 'method.request.querystring.limit': true } }))).toHaveLength(1);
  });
});

describe(title(apigwDeploymentLifecycle), () => {
  it('compliant: create_before_destroy', () => expect(check(apigwDeploymentLifecycle, stack({ resource: { aws_api_gateway_deployment: { d: { rest_api_id: 'x', lifecycle: { create_before_destroy: true } } } } }))).toEqual([]));
  it('without it is an error', () => expect(check(apigwDeploymentLifecycle, stack({ resource: { aws_api_gateway_deployment: { d: { rest_api_id: 'x' } } } }))).toHaveLength(1));
});

describe(title(eventsBusOpen), () => {
  it('compliant: account principal; "*" with an org condition', () => {
    expect(check(eventsBusOpen, stack({ resource: { aws_cloudwatch_event_permission: { p: { principal: '${data.aws_caller_identity.c.account_id}', statement_id: 's' }, o: { principal: '*', statement_id: 'o', condition: { key: 'aws:PrincipalOrgID', type: 'StringEquals', value: 'o-1' } } } } }))).toEqual([]);
  });
  it('"*" without a condition (permission or bus policy) is an error', () => {
    expect(check(eventsBusOpen, stack({ resource: { aws_cloudwatch_event_permission: { p: { principal: '*', statement_id: 's' } } } }))).toHaveLength(1);
    expect(check(eventsBusOpen, stack({ resource: { aws_cloudwatch_event_bus_policy: { b: { policy: policy([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'events:PutEvents', Resource: 'x' }]) } } } }))).toHaveLength(1);
  });
});

describe(title(ssmSecretType), () => {
  it('compliant: a token as SecureString', () => expect(check(ssmSecretType, stack({ resource: { aws_ssm_parameter: { t: { name: '/app-dev/auth-token', type: 'SecureString' } } } }))).toEqual([]));
  it('a secret as String is an error; plain config as String a warning', () => {
    expect(check(ssmSecretType, stack({ resource: { aws_ssm_parameter: { t: { name: '/app-dev/auth-token', type: 'String' } } } }))).toMatchObject([{ severity: 'error' }]);
    expect(check(ssmSecretType, stack({ resource: { aws_ssm_parameter: { t: { name: '/app-dev/db', type: 'String', description: 'database password' } } } }))).toMatchObject([{ severity: 'error' }]);
    expect(check(ssmSecretType, stack({ resource: { aws_ssm_parameter: { t: { name: '/app-dev/page-size', type: 'String' } } } }))).toMatchObject([{ severity: 'warning' }]);
  });
});

describe(title(iamNotAction), () => {
  it('compliant: NotAction in a Deny', () => expect(check(iamNotAction, rolePolicy([{ Effect: 'Deny', NotAction: 'sts:*', Resource: '*' }]))).toEqual([]));
  it('Allow with NotAction or NotResource is an error', () => {
    expect(check(iamNotAction, rolePolicy([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]))).toHaveLength(1);
    expect(check(iamNotAction, rolePolicy([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }]))).toHaveLength(1);
  });
});

describe(title(iamPassRole), () => {
  it('compliant: PassRole on one role to one service', () => {
    expect(check(iamPassRole, rolePolicy([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '${aws_iam_role.fn.arn}', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }]))).toEqual([]);
  });
  it('PassRole on "*" or without iam:PassedToService is an error', () => {
    expect(check(iamPassRole, rolePolicy([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]))).toHaveLength(1);
    expect(check(iamPassRole, rolePolicy([{ Effect: 'Allow', Action: 'iam:Pass*', Resource: '${aws_iam_role.fn.arn}' }]))).toHaveLength(1);
  });
});

describe(title(iamTrustScoped), () => {
  const role = (principal: unknown, condition?: unknown) => stack({ resource: { aws_iam_role: { r: { name: 'r-dev', assume_role_policy: policy([{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }]) } } } });
  it('compliant: a service principal; an account with a condition', () => {
    expect(check(iamTrustScoped, role({ Service: 'lambda.amazonaws.com' }))).toEqual([]);
    expect(check(iamTrustScoped, role({ AWS: 'arn:aws:iam::${data.aws_caller_identity.c.account_id}:root' }, { StringEquals: { 'sts:ExternalId': 'x' } }))).toEqual([]);
  });
  it('Principal "*" or a whole account without a condition is an error', () => {
    expect(check(iamTrustScoped, role('*'))).toHaveLength(1);
    expect(check(iamTrustScoped, role({ AWS: '123456789012' }))).toHaveLength(1);
  });
});

describe(title(iamNoScan), () => {
  it('compliant: GetItem and Query', () => expect(check(iamNoScan, rolePolicy([{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: 't' }]))).toEqual([]));
  it('a Scan grant is an error', () => expect(check(iamNoScan, rolePolicy([{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Scan'], Resource: 't' }]))).toHaveLength(1));
});

describe(title(kmsPolicyPrincipal), () => {
  const key = (statement: Record<string, unknown>) => stack({ resource: { aws_kms_key: { k: { enable_key_rotation: true, policy: policy([statement]) } } } });
  it('compliant: account root; "*" with a condition', () => {
    expect(check(kmsPolicyPrincipal, key({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::${data.aws_caller_identity.c.account_id}:root' }, Action: 'kms:*', Resource: '*' }))).toEqual([]);
    expect(check(kmsPolicyPrincipal, key({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '1' } } }))).toEqual([]);
  });
  it('"*" without a condition is an error', () => expect(check(kmsPolicyPrincipal, key({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }))).toHaveLength(1));
});

describe(title(sqsTlsOnly), () => {
  const s = (statements: Record<string, unknown>[]) => stack({ resource: { aws_sqs_queue: { q: { name: 'q-dev' } }, aws_sqs_queue_policy: { p: { queue_url: '${aws_sqs_queue.q.url}', policy: policy(statements) } } } });
  it('compliant: queue policy denies non-TLS', () => expect(check(sqsTlsOnly, s([tlsDeny('sqs:*')]))).toEqual([]));
  it('no such deny is an error', () => expect(check(sqsTlsOnly, s([]))).toMatchObject([{ address: 'aws_sqs_queue.q' }]));
});

describe(title(snsTlsOnly), () => {
  const s = (statements: Record<string, unknown>[]) => stack({ resource: { aws_sns_topic: { t: { name: 't-dev' } }, aws_sns_topic_policy: { p: { arn: '${aws_sns_topic.t.arn}', policy: policy(statements) } } } });
  it('compliant: topic policy denies non-TLS publishes', () => expect(check(snsTlsOnly, s([tlsDeny('sns:Publish')]))).toEqual([]));
  it('no such deny is an error', () => expect(check(snsTlsOnly, s([]))).toMatchObject([{ address: 'aws_sns_topic.t' }]));
});

const bucket = { aws_s3_bucket: { b: { bucket: 'b-dev' } } };
describe(title(s3Versioning), () => {
  it('compliant: versioning Enabled', () => expect(check(s3Versioning, stack({ resource: { ...bucket, aws_s3_bucket_versioning: { v: { bucket: '${aws_s3_bucket.b.id}', versioning_configuration: { status: 'Enabled' } } } } }))).toEqual([]));
  it('Suspended or missing is an error', () => {
    expect(check(s3Versioning, stack({ resource: { ...bucket, aws_s3_bucket_versioning: { v: { bucket: '${aws_s3_bucket.b.id}', versioning_configuration: { status: 'Suspended' } } } } }))).toHaveLength(1);
    expect(check(s3Versioning, stack({ resource: bucket }))).toHaveLength(1);
  });
});

describe(title(s3Lifecycle), () => {
  const lc = (rule: Record<string, unknown>) => stack({ resource: { ...bucket, aws_s3_bucket_lifecycle_configuration: { l: { bucket: '${aws_s3_bucket.b.id}', rule: [{ id: 'r', status: 'Enabled', ...rule }] } } } });
  it('compliant: aborts incomplete uploads', () => expect(check(s3Lifecycle, lc({ abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }))).toEqual([]));
  it('no lifecycle, or one without the abort, is an error', () => {
    expect(check(s3Lifecycle, lc({ expiration: [{ days: 30 }] }))).toHaveLength(1);
    expect(check(s3Lifecycle, stack({ resource: bucket }))).toHaveLength(1);
  });
});

describe(title(dynamodbPitr), () => {
  const t = (pitr: boolean, tags?: Record<string, string>) => stack({ tags, resource: { aws_dynamodb_table: { t: { name: 't-live', point_in_time_recovery: { enabled: pitr } } } } });
  it('compliant: PITR in production; off in an ephemeral profile', () => {
    expect(check(dynamodbPitr, t(true, production))).toEqual([]);
    expect(check(dynamodbPitr, t(false))).toEqual([]);
  });
  it('PITR off in production is an error', () => expect(check(dynamodbPitr, t(false, production))).toHaveLength(1));
});

describe(title(alarmActions), () => {
  it('compliant: alarm notifies the topic', () => expect(check(alarmActions, stack({ resource: { aws_cloudwatch_metric_alarm: { a: { alarm_actions: ['${aws_sns_topic.t.arn}'] } } } }))).toEqual([]));
  it('no actions or actions disabled is an error', () => {
    expect(check(alarmActions, stack({ resource: { aws_cloudwatch_metric_alarm: { a: {} } } }))).toHaveLength(1);
    expect(check(alarmActions, stack({ resource: { aws_cloudwatch_metric_alarm: { a: { alarm_actions: ['x'], actions_enabled: false } } } }))).toHaveLength(1);
  });
});

describe(title(backupVaultKms), () => {
  it('compliant: vault with the stack key', () => expect(check(backupVaultKms, stack({ resource: { aws_backup_vault: { v: { name: 'v-dev', kms_key_arn: '${aws_kms_key.k.arn}' } } } }))).toEqual([]));
  it('a vault without kms_key_arn is an error', () => expect(check(backupVaultKms, stack({ resource: { aws_backup_vault: { v: { name: 'v-dev' } } } }))).toHaveLength(1));
});
