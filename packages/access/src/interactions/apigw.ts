import { ACCOUNT_ID } from '../arns';
import { rolePolicies, roleOf, trustPolicy } from '../identity';
import { blocks, type AppModel, type Res } from '../model';
import type { AccessRequest } from '../simulate';
import type { Interaction } from '../types';
import { lambdaPolicy } from './resource-policies';

/** The function (and alias) an invoke ARN points at. */
function invoked(model: AppModel, stack: string, uri: unknown): { fn?: Res; arn?: string } {
  const t = model.target(stack, uri);
  if (t?.type === 'aws_lambda_alias') return { fn: model.target(stack, t.body.function_name), arn: String(model.attrs(t)?.arn) };
  if (t?.type === 'aws_lambda_function') return { fn: t, arn: String(model.attrs(t)?.arn) };
  return {};
}

/** `/payments/{id}` for an API Gateway resource, from its path parts up to the root. */
function resourcePath(model: AppModel, stack: string, resourceId: unknown): string {
  const parts: string[] = [];
  let current = model.target(stack, resourceId);
  for (let guard = 0; current?.type === 'aws_api_gateway_resource' && guard < 20; guard++) {
    parts.unshift(String(model.attrs(current)?.path_part));
    current = model.target(stack, current.body.parent_id);
  }
  return `/${parts.join('/')}`;
}

/** Execute-API source ARN path: `{id}` and `{proxy+}` path parameters become `*` in AWS's matching. */
export const arnPath = (path: string): string => path.replace(/\{[^}]+\}/g, 'example-id');

/**
 * API Gateway invoking functions: each integration of each method, on each stage, with the source ARN
 * AWS sends (`<execution_arn>/<stage>/<METHOD>/<path>`), against the function's resource policy on the
 * exact alias the integration calls. Token/request authorizers are invoked with `<execution_arn>/authorizers/<id>`.
 */
export function apiInvocations(model: AppModel): Interaction[] {
  const out: Interaction[] = [];
  for (const api of model.ofType('aws_api_gateway_rest_api')) {
    const apiAttrs = model.attrs(api) ?? {};
    const apiId = apiAttrs.id;
    const stages = model.ofType('aws_api_gateway_stage').filter((s) => s.stack === api.stack && model.attrs(s)?.rest_api_id === apiId);
    const stageNames = stages.map((s) => String(model.attrs(s)?.stage_name));
    for (const integration of model.ofType('aws_api_gateway_integration').filter((i) => i.stack === api.stack && model.attrs(i)?.rest_api_id === apiId)) {
      const ia = model.attrs(integration) ?? {};
      if (ia.type !== 'AWS_PROXY' && ia.type !== 'AWS') continue;
      const { fn, arn } = invoked(model, api.stack, integration.body.uri);
      const method = String(ia.http_method);
      const path = resourcePath(model, api.stack, integration.body.resource_id);
      if (!fn || !arn) {
        if (String(ia.uri).includes(':lambda:path/')) out.push({ kind: 'apigw-invoke', stack: api.stack, summary: `${method} ${path} invokes ${String(ia.uri)}`, requests: [], preset: { decision: 'UNKNOWN', reason: 'the integration invokes a function this app does not create' } });
        continue;
      }
      for (const stage of stageNames) {
        const sourceArn = `${String(apiAttrs.execution_arn)}/${stage}/${method}${arnPath(path)}`;
        const requests: AccessRequest[] = [];
        const context = { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': ACCOUNT_ID };
        if (ia.credentials) {
          const role = roleOf(model, api.stack, integration.body.credentials);
          if (role) {
            const rp = rolePolicies(model, role);
            requests.push({ principal: 'apigateway.amazonaws.com', action: 'sts:AssumeRole', resource: rp.arn, identity: [], resourcePolicy: trustPolicy(model, role), context });
            requests.push({ principal: rp.arn, action: 'lambda:InvokeFunction', resource: arn, identity: rp.policies, resourcePolicy: lambdaPolicy(model, fn), context: { 'aws:SecureTransport': 'true' } });
          }
        } else {
          requests.push({ principal: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction', resource: arn, identity: [], resourcePolicy: lambdaPolicy(model, fn), context, why: `${method} ${path} on stage ${stage}` });
        }
        out.push({ kind: 'apigw-invoke', stack: api.stack, summary: `${stage} ${method} ${path} invokes ${arn.split(':function:')[1]}`, requests });
      }
    }
    for (const auth of model.ofType('aws_api_gateway_authorizer').filter((a) => a.stack === api.stack && model.attrs(a)?.rest_api_id === apiId)) {
      const aa = model.attrs(auth) ?? {};
      if (aa.type === 'COGNITO_USER_POOLS') continue;
      const { fn, arn } = invoked(model, api.stack, auth.body.authorizer_uri);
      const summary = `authorizer ${String(aa.name)} invokes ${arn?.split(':function:')[1] ?? String(aa.authorizer_uri)}`;
      if (!fn || !arn) { out.push({ kind: 'apigw-authorizer', stack: api.stack, summary, requests: [], preset: { decision: 'UNKNOWN', reason: 'the authorizer invokes a function this app does not create' } }); continue; }
      const sourceArn = `${String(apiAttrs.execution_arn)}/authorizers/${String(aa.id)}`;
      const requests: AccessRequest[] = [];
      if (aa.authorizer_credentials) {
        const role = roleOf(model, api.stack, auth.body.authorizer_credentials);
        if (role) {
          const rp = rolePolicies(model, role);
          requests.push({ principal: 'apigateway.amazonaws.com', action: 'sts:AssumeRole', resource: rp.arn, identity: [], resourcePolicy: trustPolicy(model, role), context: { 'aws:SourceAccount': ACCOUNT_ID } });
          requests.push({ principal: rp.arn, action: 'lambda:InvokeFunction', resource: arn, identity: rp.policies, resourcePolicy: lambdaPolicy(model, fn), context: { 'aws:SecureTransport': 'true' } });
        }
      } else {
        requests.push({ principal: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction', resource: arn, identity: [], resourcePolicy: lambdaPolicy(model, fn), context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': ACCOUNT_ID } });
      }
      out.push({ kind: 'apigw-authorizer', stack: api.stack, summary, requests });
    }
  }
  return out;
}

/**
 * Stage access and execution logging: API Gateway writes through the account's CloudWatch role
 * (`aws_api_gateway_account`), one setting per account and Region. When this app creates that setting,
 * every stage that logs must be created after it (same stack: depends_on; other stack: a stack
 * dependency); when it does not, the role is an account prerequisite this synth cannot see.
 */
export function stageLogs(model: AppModel, stackDependencies: ReadonlyMap<string, readonly string[]>): Interaction[] {
  const out: Interaction[] = [];
  const account = model.ofType('aws_api_gateway_account')[0];
  for (const stage of model.ofType('aws_api_gateway_stage')) {
    const sa = model.attrs(stage) ?? {};
    const access = blocks(sa.access_log_settings)[0];
    const settings = model.ofType('aws_api_gateway_method_settings').filter((m) => m.stack === stage.stack && blocks(model.attrs(m)?.settings).some((s) => typeof s.logging_level === 'string' && s.logging_level !== 'OFF'));
    if (!access && settings.length === 0) continue;
    const summary = `stage ${String(sa.stage_name)} of ${stage.stack} writes ${access ? 'access' : 'execution'} logs through the account's API Gateway CloudWatch role`;
    if (!account) {
      out.push({ kind: 'apigw-stage-logs', stack: stage.stack, summary, requests: [], preset: { decision: 'UNKNOWN', reason: 'the account-level API Gateway CloudWatch role is an account prerequisite set outside this app (ENABLE_ACCOUNT_SINGLETONS=false)' } });
      continue;
    }
    const ordered = stage.stack === account.stack
      ? (Array.isArray(stage.body.depends_on) ? stage.body.depends_on : []).includes(account.address)
      : dependsOn(stackDependencies, stage.stack, account.stack);
    if (!ordered) {
      out.push({ kind: 'apigw-stage-logs', stack: stage.stack, summary, requests: [], preset: { decision: 'DENY', reason: `the stage can be created before ${account.stack}:${account.address} sets the CloudWatch role, and fails: ${stage.stack === account.stack ? `add depends_on ${account.address}` : `make stack ${stage.stack} depend on stack ${account.stack}`}` } });
      continue;
    }
    const role = roleOf(model, account.stack, account.body.cloudwatch_role_arn);
    if (!role) { out.push({ kind: 'apigw-stage-logs', stack: stage.stack, summary, requests: [], preset: { decision: 'UNKNOWN', reason: 'the CloudWatch role is not created by this app' } }); continue; }
    const rp = rolePolicies(model, role);
    const group = access ? String(access.destination_arn) : `arn:aws:logs:${model.region}:${ACCOUNT_ID}:log-group:API-Gateway-Execution-Logs_${String(sa.rest_api_id)}/${String(sa.stage_name)}`;
    out.push({
      kind: 'apigw-stage-logs', stack: stage.stack, summary,
      requests: [
        { principal: 'apigateway.amazonaws.com', action: 'sts:AssumeRole', resource: rp.arn, identity: [], resourcePolicy: trustPolicy(model, role), context: { 'aws:SourceAccount': ACCOUNT_ID } },
        ...['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({ principal: rp.arn, action, resource: `${group}:log-stream:0123456789abcdef`, identity: rp.policies, context: { 'aws:SecureTransport': 'true' } })),
      ],
    });
  }
  return out;
}

function dependsOn(deps: ReadonlyMap<string, readonly string[]>, from: string, to: string, seen = new Set<string>()): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  const direct = deps.get(from) ?? [];
  return direct.includes(to) || direct.some((d) => dependsOn(deps, d, to, seen));
}
