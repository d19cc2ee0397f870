import { ApiGatewayRestApiPolicy } from '@cdktf/provider-aws/lib/api-gateway-rest-api-policy';
import type { BaseStack } from '../base-stack';
import type { HttpMethod, RestApiFront } from './rest-api-front';

/** One IAM-authorized route, as a client is granted it. */
export interface GrantedRoute {
  readonly method: HttpMethod;
  /** Path from the root, `{param}` allowed (becomes `*` in the ARN). */
  readonly path: string;
}

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Principal: '*' | { AWS: string[] };
  Action: 'execute-api:Invoke';
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** `execute-api` ARN of one route on every stage (`{id}` → `*`). */
export function routeArn(executionArn: string, route: GrantedRoute): string {
  return `${executionArn}/*/${route.method === 'ANY' ? '*' : route.method}${route.path.replace(/\{[^}]+\}/g, '*')}`;
}

/**
 * The resource-policy statements for `config.api.allowedPrincipals`: account ids and IAM ARNs as AWS
 * principals (an account id becomes its root ARN: it delegates to the account's identity policies, it
 * does not grant every principal in it), organizations and OU paths as `Principal: *` narrowed by
 * `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`. No entry: the deploying account only.
 */
export function allowedPrincipalStatements(allowed: readonly string[], deployingAccount: string, resources: string[]): Statement[] {
  const aws: string[] = [];
  const orgs: string[] = [];
  const paths: string[] = [];
  for (const p of allowed.length > 0 ? allowed : [deployingAccount]) {
    if (p.startsWith('arn:')) aws.push(p);
    else if (p.includes('/')) paths.push(p.endsWith('/') ? `${p}*` : `${p}/*`);
    else if (p.startsWith('o-')) orgs.push(p);
    else aws.push(`arn:aws:iam::${p}:root`);
  }
  const base = { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resources } as const;
  const out: Statement[] = [];
  if (aws.length > 0) out.push({ Sid: 'AllowedClients', ...base, Principal: { AWS: aws } });
  if (orgs.length > 0) out.push({ Sid: 'AllowedOrganizations', ...base, Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': orgs } } });
  if (paths.length > 0) out.push({ Sid: 'AllowedOrganizationalUnits', ...base, Principal: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': paths } } });
  return out;
}

export interface RestrictApiOptions {
  /** The API also serves unsigned OPTIONS (CORS preflights), and nothing else unsigned. @default false */
  readonly corsPreflight?: boolean;
}

/**
 * Restricts an IAM-authorized API to the principals config names, with an `aws_api_gateway_rest_api_policy`.
 * `corsPreflight`: the API also serves OPTIONS without credentials (a browser's preflight never carries
 * them, so it cannot be signed); that statement covers the OPTIONS method and nothing else.
 * The policy is part of what a deployment snapshots (API Gateway applies a changed resource policy only
 * after a redeploy), so it goes into the deployment trigger.
 */
export function restrictApiToCallers(stack: BaseStack, front: RestApiFront, options: RestrictApiOptions = {}): ApiGatewayRestApiPolicy {
  const invoke = `${front.api.executionArn}/*`;
  const statements: Statement[] = allowedPrincipalStatements(stack.config.api.allowedPrincipals, stack.accountId, [invoke]);
  if (options.corsPreflight) {
    statements.push({ Sid: 'CorsPreflightOnly', Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${front.api.executionArn}/*/OPTIONS/*` });
  }
  const policy = new ApiGatewayRestApiPolicy(stack, 'api-resource-policy', {
    restApiId: front.api.id,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  });
  front.snapshot({ resourcePolicy: { allowed: stack.config.api.allowedPrincipals, corsPreflight: options.corsPreflight ?? false } }, policy);
  return policy;
}

/**
 * The identity policy a client needs to call exactly these routes (attach it to the client's role); an
 * output of each stack, so granting a client is copying one document.
 */
export function clientGrantPolicy(front: RestApiFront, routes: readonly GrantedRoute[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'InvokeClientRoutes', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: routes.map((r) => routeArn(front.api.executionArn, r)) }],
  });
}
