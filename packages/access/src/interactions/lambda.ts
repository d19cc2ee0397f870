import type { HandlerContract, SdkCall } from '@tap/lambda-kit';
import { ACCOUNT_ID } from '../arns';
import { keyOf, keyPolicy, rolePolicies, roleOf, trustPolicy, type RolePolicies } from '../identity';
import { blocks, type AppModel, type Res } from '../model';
import type { NetworkService } from '../network';
import type { AccessRequest } from '../simulate';
import type { Interaction } from '../types';
import { busPolicy, queuePolicy } from './resource-policies';

/** A deployed function with its role's policies and its handler contract. */
export interface FunctionInfo {
  readonly fn: Res;
  readonly name: string;
  readonly role?: RolePolicies;
  readonly contract?: HandlerContract;
}

export function functions(model: AppModel, contracts: readonly HandlerContract[]): FunctionInfo[] {
  return model.ofType('aws_lambda_function').map((fn) => {
    const a = model.attrs(fn) ?? {};
    const role = roleOf(model, fn.stack, fn.body.role);
    const contract = contracts.find((c) => fn.path.startsWith(`${c.function}/`));
    return { fn, name: String(a.function_name), role: role ? rolePolicies(model, role) : undefined, contract };
  });
}

/** A request made by the function's execution role (over TLS, as every SDK call is). */
function asRole(info: FunctionInfo, action: string, resource: string, extra: Partial<AccessRequest> = {}): AccessRequest {
  const { context, ...rest } = extra;
  return { principal: info.role?.arn ?? 'unresolved:role', action, resource, identity: info.role?.policies ?? [], ...rest, context: { 'aws:SecureTransport': 'true', ...(context ?? {}) } };
}

function envOf(model: AppModel, fn: Res): Record<string, unknown> {
  return ((model.attrs(fn)?.environment as { variables?: Record<string, unknown> } | undefined)?.variables ?? {}) as Record<string, unknown>;
}

/** Lambda basics: trust, own log group, X-Ray, ENIs for VPC functions, the environment key. */
export function lambdaBasics(model: AppModel, info: FunctionInfo): Interaction[] {
  const { fn, name } = info;
  const a = model.attrs(fn) ?? {};
  const out: Interaction[] = [];
  const stack = fn.stack;
  if (!info.role) return [{ kind: 'lambda-trust', stack, summary: `${name}: execution role`, requests: [], preset: { decision: 'UNKNOWN', reason: 'its role is not created by this app' } }];
  const unknownManaged = info.role.unknownManaged.length ? { decision: 'UNKNOWN' as const, reason: `managed policies not in the offline catalog: ${info.role.unknownManaged.join(', ')}` } : undefined;
  const trust = trustPolicy(model, info.role.role);
  out.push({ kind: 'lambda-trust', stack, summary: `lambda.amazonaws.com assumes ${info.role.arn} for ${name}`, requests: [{ principal: 'lambda.amazonaws.com', action: 'sts:AssumeRole', resource: info.role.arn, identity: [], resourcePolicy: trust, context: { 'aws:SourceAccount': ACCOUNT_ID, 'aws:SourceArn': String(a.arn) } }] });

  const logging = blocks(a.logging_config)[0];
  const groupName = typeof logging?.log_group === 'string' ? logging.log_group : `/aws/lambda/${name}`;
  const group = model.ofType('aws_cloudwatch_log_group').find((g) => model.attrs(g)?.name === groupName);
  const groupArn = group ? String(model.attrs(group)?.arn) : `arn:aws:logs:${model.region}:${ACCOUNT_ID}:log-group:${groupName}`;
  const logsPreset = !group ? { decision: 'DENY' as const, reason: `no log group ${groupName} in the app: Lambda would create one without the key and retention` } : unknownManaged;
  out.push({
    kind: 'lambda-logs', stack, summary: `${name} writes its logs to ${groupName}`,
    requests: ['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => asRole(info, action, `${groupArn}:log-stream:2026/01/01/[$LATEST]0123456789abcdef`)),
    ...(logsPreset ? { preset: logsPreset } : {}),
  });
  if (blocks(a.tracing_config)[0]?.mode === 'Active') {
    out.push({ kind: 'lambda-xray', stack, summary: `${name} publishes X-Ray traces`, requests: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'].map((action) => asRole(info, action, '*')), ...(unknownManaged ? { preset: unknownManaged } : {}) });
  }
  if (blocks(a.vpc_config)[0]) {
    out.push({
      kind: 'lambda-eni', stack, summary: `Lambda manages ${name}'s network interfaces in its subnets`,
      requests: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'].map((action) => asRole(info, action, '*')),
      ...(unknownManaged ? { preset: unknownManaged } : {}),
    });
  }
  const envKey = keyOf(model, stack, fn.body.kms_key_arn);
  if (envKey && a.environment) {
    out.push({
      kind: 'lambda-env-key', stack, summary: `${name} decrypts its environment with ${envKey.address}`,
      requests: [asRole(info, 'kms:Decrypt', String(model.attrs(envKey)?.arn), { resourcePolicy: keyPolicy(model, envKey), context: { 'kms:EncryptionContext:LambdaFunctionName': name, 'kms:CallerAccount': ACCOUNT_ID } })],
    });
  }
  return out;
}

/** The resource a contract call names through the function's environment. */
function contractTarget(model: AppModel, info: FunctionInfo, call: SdkCall): { res?: Res; value?: string } {
  const raw = envOf(model, info.fn)[call.resourceEnv];
  if (raw === undefined) return {};
  const value = String(raw);
  const byAttr = (type: string, attr: string): Res | undefined => model.ofType(type).find((r) => model.attrs(r)?.[attr] === value);
  switch (call.resource) {
    case 'dynamodb-table': return { res: byAttr('aws_dynamodb_table', 'name'), value };
    case 'sqs-queue': return { res: byAttr('aws_sqs_queue', 'url'), value };
    case 'event-bus': return { res: byAttr('aws_cloudwatch_event_bus', 'name'), value };
    case 'ssm-parameter': return { res: byAttr('aws_ssm_parameter', 'name'), value };
    case 's3-bucket': return { res: byAttr('aws_s3_bucket', 'bucket'), value };
  }
}

const SERVICE: Record<SdkCall['resource'], NetworkService> = { 'dynamodb-table': 'dynamodb', 'sqs-queue': 'sqs', 'event-bus': 'events', 'ssm-parameter': 'ssm', 's3-bucket': 's3' };

/** The ARN a contract call is authorized against (for recorded-call matching too). */
export function callResourceArn(model: AppModel, info: FunctionInfo, call: SdkCall): string | undefined {
  const { res } = contractTarget(model, info, call);
  if (!res) return undefined;
  const arn = String(model.attrs(res)?.arn);
  if (call.indexEnv) return `${arn}/index/${String(envOf(model, info.fn)[call.indexEnv] ?? '')}`;
  return call.resource === 's3-bucket' ? `${arn}/*` : arn;
}

/** Each SDK call of the handler contract, on its exact resource and through the key that encrypts it. */
export function sdkCalls(model: AppModel, info: FunctionInfo): Interaction[] {
  if (!info.contract) return [];
  const stack = info.fn.stack;
  const vpc = blocks(model.attrs(info.fn)?.vpc_config)[0];
  return info.contract.calls.map((call): Interaction => {
    const { res, value } = contractTarget(model, info, call);
    const summary = `${info.name} calls ${call.action} on ${call.resourceEnv}${value ? ` (${value})` : ''}`;
    const network = vpc ? { fn: info.fn, service: SERVICE[call.resource] } : undefined;
    if (value === undefined) return { kind: 'sdk-call', stack, summary, requests: [], preset: { decision: 'DENY', reason: `the function has no environment variable ${call.resourceEnv}: the handler fails at cold start` } };
    if (!res) return { kind: 'sdk-call', stack, summary, requests: [], preset: { decision: 'UNKNOWN', reason: value.includes('unresolved:') ? `${call.resourceEnv} is only known at apply time` : `${call.resourceEnv}=${value} names no ${call.resource} of this app` } };
    const arn = callResourceArn(model, info, call) ?? String(model.attrs(res)?.arn);
    const requests = callRequests(model, info, call, res, arn);
    return { kind: 'sdk-call', stack, summary, requests, network };
  });
}

/**
 * The authorization requests AWS makes for one SDK call of a function on a resource: the call itself
 * (with the resource policy) and the key requests the service makes with the caller's permissions.
 */
export function callRequests(model: AppModel, info: FunctionInfo, call: Pick<SdkCall, 'action' | 'resource' | 'decrypt'>, res: Res, arn: string): AccessRequest[] {
  const ra = model.attrs(res) ?? {};
  const requests: AccessRequest[] = [];
  const via = (svc: string): Record<string, string> => ({ 'kms:ViaService': `${svc}.${model.region}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT_ID });
  const keyArn = (key: Res): string => String(model.attrs(key)?.arn);
  switch (call.resource) {
    case 'dynamodb-table': {
      requests.push(asRole(info, call.action, arn, { why: 'the call itself' }));
      const sse = blocks(res.body.server_side_encryption)[0];
      const key = sse && (sse.enabled === true || sse.enabled === 'true') ? keyOf(model, res.stack, sse.kms_key_arn) : undefined;
      if (key) requests.push(asRole(info, 'kms:Decrypt', keyArn(key), { resourcePolicy: keyPolicy(model, key), why: 'DynamoDB uses the table key for the caller', context: { ...via('dynamodb'), 'kms:EncryptionContext:aws:dynamodb:tableName': String(ra.name), 'kms:EncryptionContext:aws:dynamodb:subscriberId': ACCOUNT_ID } }));
      break;
    }
    case 'sqs-queue': {
      requests.push(asRole(info, call.action, arn, { resourcePolicy: queuePolicy(model, res), why: 'the call itself' }));
      const key = keyOf(model, res.stack, res.body.kms_master_key_id);
      if (key) for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) requests.push(asRole(info, action, keyArn(key), { resourcePolicy: keyPolicy(model, key), why: 'SQS encrypts the message with a data key of the queue key', context: { ...via('sqs'), 'kms:EncryptionContext:aws:sqs:arn': String(ra.arn) } }));
      break;
    }
    case 'event-bus': {
      requests.push(asRole(info, call.action, arn, { resourcePolicy: busPolicy(model, res), why: 'the call itself' }));
      const key = keyOf(model, res.stack, res.body.kms_key_identifier);
      if (key) requests.push(asRole(info, 'kms:GenerateDataKey', keyArn(key), { resourcePolicy: keyPolicy(model, key), why: 'EventBridge encrypts the event with the bus key', context: { ...via('events'), 'kms:EncryptionContext:aws:events:event-bus:arn': String(ra.arn) } }));
      break;
    }
    case 'ssm-parameter': {
      requests.push(asRole(info, call.action, arn, { why: 'the call itself' }));
      if (ra.type === 'SecureString' && call.decrypt) {
        const key = keyOf(model, res.stack, res.body.key_id);
        if (key) requests.push(asRole(info, 'kms:Decrypt', keyArn(key), { resourcePolicy: keyPolicy(model, key), why: 'SSM decrypts the SecureString', context: { ...via('ssm'), 'kms:EncryptionContext:PARAMETER_ARN': String(ra.arn) } }));
      }
      break;
    }
    case 's3-bucket':
      requests.push(asRole(info, call.action, arn, { why: 'the call itself' }));
      break;
  }
  return requests;
}

/** SQS event source mappings: Lambda polls the queue with the function's role and decrypts with the queue key. */
export function eventSources(model: AppModel, infos: readonly FunctionInfo[]): Interaction[] {
  const out: Interaction[] = [];
  for (const esm of model.ofType('aws_lambda_event_source_mapping')) {
    const queue = model.target(esm.stack, esm.body.event_source_arn);
    if (queue?.type !== 'aws_sqs_queue') continue;
    const fnRef = model.target(esm.stack, esm.body.function_name);
    const fn = fnRef?.type === 'aws_lambda_alias' ? model.target(esm.stack, fnRef.body.function_name) : fnRef;
    const info = infos.find((i) => i.fn === fn);
    const qa = model.attrs(queue) ?? {};
    const summary = `Lambda polls ${String(qa.name)} for ${info?.name ?? String(esm.body.function_name)}`;
    if (!info) {
      out.push({ kind: 'sqs-event-source', stack: esm.stack, summary, requests: [], preset: { decision: 'UNKNOWN', reason: 'the mapping names a function this app does not create' } });
      continue;
    }
    const requests: AccessRequest[] = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'].map((action) => asRole(info, action, String(qa.arn), { resourcePolicy: queuePolicy(model, queue) }));
    const key = keyOf(model, queue.stack, queue.body.kms_master_key_id);
    if (key) requests.push(asRole(info, 'kms:Decrypt', String(model.attrs(key)?.arn), { resourcePolicy: keyPolicy(model, key), why: 'SQS decrypts received messages for the poller', context: { 'kms:ViaService': `sqs.${model.region}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT_ID, 'kms:EncryptionContext:aws:sqs:arn': String(qa.arn) } }));
    out.push({ kind: 'sqs-event-source', stack: esm.stack, summary, requests });
  }
  return out;
}
