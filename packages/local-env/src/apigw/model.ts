import type { Resolver } from '../refs';
import { gatewayResponseOf, type GatewayResponseModel } from './gateway-responses';
import { block, blocks, resourcesOfType, type SynthStack, type StackResource as TfResource } from '@tap/synth';

export interface AuthorizerModel {
  readonly id: string;
  readonly name: string;
  readonly type: 'TOKEN' | 'REQUEST';
  /** The Lambda invoke ARN (authorizer_uri). */
  readonly uri: string;
  /** e.g. `method.request.header.Authorization` (comma-separated for REQUEST). */
  readonly identitySource: string;
  readonly validationExpression?: RegExp;
  readonly ttlSeconds: number;
}

export interface IntegrationModel {
  readonly type: string;
  readonly uri?: string;
  readonly timeoutMs: number;
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly responses: readonly { statusCode: string; selectionPattern?: string; parameters: Record<string, string>; templates: Record<string, string> }[];
}

export interface MethodModel {
  readonly httpMethod: string;
  readonly authorization: string;
  readonly authorizer?: AuthorizerModel;
  readonly apiKeyRequired: boolean;
  readonly validateBody: boolean;
  readonly validateParameters: boolean;
  /** content type → JSON schema (from aws_api_gateway_model). */
  readonly requestModels: Readonly<Record<string, Record<string, unknown>>>;
  /** `method.request.querystring.x` / `.header.x` / `.path.x` → required. */
  readonly requestParameters: Readonly<Record<string, boolean>>;
  readonly integration?: IntegrationModel;
}

export interface ResourceNode {
  readonly id: string;
  readonly pathPart: string;
  readonly path: string;
  readonly children: ResourceNode[];
  readonly methods: Map<string, MethodModel>;
}

export interface UsagePlanModel {
  readonly id: string;
  readonly name: string;
  /** Stage names of this API the plan covers, with per-method throttles (`/path/METHOD`). */
  readonly stages: ReadonlyMap<string, ReadonlyMap<string, { rate: number; burst: number }>>;
  readonly throttle?: { rate: number; burst: number };
  readonly quota?: { limit: number; period: string };
  /** Values of the enabled API keys attached through aws_api_gateway_usage_plan_key, with their ids. */
  readonly keys: ReadonlyMap<string, string>;
}

export interface StageModel {
  readonly name: string;
  /** method path (`*` + `/` + `*`, or `items/GET`) → stage throttling from aws_api_gateway_method_settings. */
  readonly throttles: ReadonlyMap<string, { rate: number; burst: number }>;
}

export interface ApiModel {
  readonly stack: string;
  readonly name: string;
  readonly id: string;
  readonly root: ResourceNode;
  readonly stages: ReadonlyMap<string, StageModel>;
  readonly usagePlans: readonly UsagePlanModel[];
  readonly apiKeySource: 'HEADER' | 'AUTHORIZER';
  /** response type → the API's aws_api_gateway_gateway_response (its 400s name the failing field). */
  readonly gatewayResponses: ReadonlyMap<string, GatewayResponseModel>;
  /** What this API declares that the local front does not emulate. */
  readonly notEmulated: string[];
}

/**
 * Builds the served model of one aws_api_gateway_rest_api from the synthesized JSON only: resources by
 * parent, methods, integrations, authorizers, validators and models, stages, method settings, usage
 * plans and keys. Anything absent from the JSON is absent from the model, so it is not served.
 */
export function buildApiModel(stacks: readonly SynthStack[], api: TfResource, resolver: Resolver): ApiModel {
  const stack = api.stack;
  const inStack = (type: string) => resourcesOfType(stacks, type).filter((r) => r.stack === stack);
  const id = resolver.text(stack, `\${aws_api_gateway_rest_api.${api.name}.id}`);
  const rootId = resolver.text(stack, `\${aws_api_gateway_rest_api.${api.name}.root_resource_id}`);
  const ofApi = (r: TfResource) => resolver.text(stack, r.config.rest_api_id) === id;
  const idOf = (r: TfResource) => resolver.text(stack, `\${${r.type}.${r.name}.id}`);
  const notEmulated: string[] = [];

  const authorizers = new Map<string, AuthorizerModel>();
  for (const a of inStack('aws_api_gateway_authorizer').filter(ofApi)) {
    const expr = a.config.identity_validation_expression;
    authorizers.set(idOf(a), {
      id: idOf(a),
      name: String(a.config.name),
      type: (a.config.type as 'TOKEN' | 'REQUEST') ?? 'TOKEN',
      uri: resolver.text(stack, a.config.authorizer_uri),
      identitySource: String(a.config.identity_source ?? 'method.request.header.Authorization'),
      validationExpression: typeof expr === 'string' ? new RegExp(`^(?:${expr})$`) : undefined,
      ttlSeconds: a.config.authorizer_result_ttl_in_seconds === undefined ? 300 : Number(a.config.authorizer_result_ttl_in_seconds),
    });
  }
  const validators = new Map<string, { body: boolean; params: boolean }>();
  for (const v of inStack('aws_api_gateway_request_validator').filter(ofApi)) {
    validators.set(idOf(v), { body: v.config.validate_request_body === true, params: v.config.validate_request_parameters === true });
  }
  const models = new Map<string, Record<string, unknown>>();
  for (const m of inStack('aws_api_gateway_model').filter(ofApi)) {
    models.set(String(m.config.name), JSON.parse(resolver.text(stack, m.config.schema)) as Record<string, unknown>);
  }

  // Resources: the root, then each aws_api_gateway_resource under its parent.
  const nodes = new Map<string, ResourceNode>();
  const root: ResourceNode = { id: rootId, pathPart: '', path: '/', children: [], methods: new Map() };
  nodes.set(rootId, root);
  const pending = inStack('aws_api_gateway_resource').filter(ofApi);
  while (pending.length > 0) {
    const before = pending.length;
    for (let i = pending.length - 1; i >= 0; i--) {
      const r = pending[i];
      const parent = nodes.get(resolver.text(stack, r.config.parent_id));
      if (!parent) continue;
      const part = String(r.config.path_part);
      const node: ResourceNode = { id: idOf(r), pathPart: part, path: parent.path === '/' ? `/${part}` : `${parent.path}/${part}`, children: [], methods: new Map() };
      parent.children.push(node);
      nodes.set(node.id, node);
      pending.splice(i, 1);
    }
    if (pending.length === before) throw new Error(`aws_api_gateway_resource ${pending.map((p) => p.name).join(', ')}: parent not found in API ${api.name}`);
  }

  const integrations = inStack('aws_api_gateway_integration').filter(ofApi);
  const integrationResponses = inStack('aws_api_gateway_integration_response').filter(ofApi);
  for (const m of inStack('aws_api_gateway_method').filter(ofApi)) {
    const node = nodes.get(resolver.text(stack, m.config.resource_id));
    if (!node) throw new Error(`aws_api_gateway_method ${m.name}: resource not found in API ${api.name}`);
    const httpMethod = resolver.text(stack, m.config.http_method);
    const sameMethod = (r: TfResource) => resolver.text(stack, r.config.resource_id) === node.id && resolver.text(stack, r.config.http_method) === httpMethod;
    const integration = integrations.find(sameMethod);
    const validator = m.config.request_validator_id ? validators.get(resolver.text(stack, m.config.request_validator_id)) : undefined;
    const requestModels: Record<string, Record<string, unknown>> = {};
    for (const [contentType, modelName] of Object.entries((m.config.request_models as Record<string, string>) ?? {})) {
      const schema = models.get(resolver.text(stack, modelName));
      if (schema) requestModels[contentType] = schema;
    }
    const authorizerId = m.config.authorizer_id ? resolver.text(stack, m.config.authorizer_id) : undefined;
    const authorization = String(m.config.authorization ?? 'NONE');
    // AWS_IAM is checked by auth/access.ts (SigV4 + policies); Cognito is not emulated.
    if (authorization === 'COGNITO_USER_POOLS') notEmulated.push(`${httpMethod} ${node.path}: ${authorization} authorization (served without it)`);
    node.methods.set(httpMethod, {
      httpMethod,
      authorization,
      authorizer: authorizerId ? authorizers.get(authorizerId) : undefined,
      apiKeyRequired: m.config.api_key_required === true,
      validateBody: validator?.body ?? false,
      validateParameters: validator?.params ?? false,
      requestModels,
      requestParameters: (m.config.request_parameters as Record<string, boolean>) ?? {},
      integration: integration
        ? {
            type: String(integration.config.type),
            uri: integration.config.uri === undefined ? undefined : resolver.text(stack, integration.config.uri),
            timeoutMs: Number(integration.config.timeout_milliseconds ?? 29000),
            requestTemplates: (resolver.value(stack, integration.config.request_templates) as Record<string, string>) ?? {},
            responses: integrationResponses.filter(sameMethod).map((r) => ({
              statusCode: resolver.text(stack, r.config.status_code),
              selectionPattern: r.config.selection_pattern as string | undefined,
              parameters: (resolver.value(stack, r.config.response_parameters) as Record<string, string>) ?? {},
              templates: (resolver.value(stack, r.config.response_templates) as Record<string, string>) ?? {},
            })),
          }
        : undefined,
    });
    if (integration && !['AWS_PROXY', 'MOCK'].includes(String(integration.config.type))) notEmulated.push(`${httpMethod} ${node.path}: ${String(integration.config.type)} integration`);
  }

  const stages = new Map<string, StageModel>();
  for (const s of inStack('aws_api_gateway_stage').filter(ofApi)) {
    const name = resolver.text(stack, s.config.stage_name);
    const throttles = new Map<string, { rate: number; burst: number }>();
    for (const ms of inStack('aws_api_gateway_method_settings').filter(ofApi)) {
      if (resolver.text(stack, ms.config.stage_name) !== name) continue;
      const settings = block(ms.config.settings) ?? {};
      const rate = settings.throttling_rate_limit === undefined ? -1 : Number(settings.throttling_rate_limit);
      const burst = settings.throttling_burst_limit === undefined ? -1 : Number(settings.throttling_burst_limit);
      throttles.set(normalizeMethodPath(resolver.text(stack, ms.config.method_path)), { rate, burst });
    }
    stages.set(name, { name, throttles });
  }

  const keyValues = new Map<string, string>();
  for (const k of inStack('aws_api_gateway_api_key')) {
    if (k.config.enabled === false) continue;
    keyValues.set(idOf(k), resolver.text(stack, `\${aws_api_gateway_api_key.${k.name}.value}`));
  }
  const planKeys = inStack('aws_api_gateway_usage_plan_key');
  const usagePlans: UsagePlanModel[] = [];
  for (const p of inStack('aws_api_gateway_usage_plan')) {
    const planId = idOf(p);
    const planStages = new Map<string, Map<string, { rate: number; burst: number }>>();
    for (const s of blocks(p.config.api_stages)) {
      if (resolver.text(stack, s.api_id) !== id) continue;
      const methodThrottles = new Map<string, { rate: number; burst: number }>();
      for (const t of blocks(s.throttle)) methodThrottles.set(String(t.path), { rate: Number(t.rate_limit ?? -1), burst: Number(t.burst_limit ?? -1) });
      planStages.set(resolver.text(stack, s.stage), methodThrottles);
    }
    if (planStages.size === 0) continue;
    const keys = new Map<string, string>();
    for (const pk of planKeys) {
      if (resolver.text(stack, pk.config.usage_plan_id) !== planId) continue;
      const keyId = resolver.text(stack, pk.config.key_id);
      const value = keyValues.get(keyId);
      if (value !== undefined) keys.set(value, keyId);
    }
    const throttle = block(p.config.throttle_settings);
    const quota = block(p.config.quota_settings);
    usagePlans.push({
      id: planId,
      name: String(p.config.name),
      stages: planStages,
      throttle: throttle ? { rate: Number(throttle.rate_limit ?? -1), burst: Number(throttle.burst_limit ?? -1) } : undefined,
      quota: quota ? { limit: Number(quota.limit), period: String(quota.period ?? 'DAY') } : undefined,
      keys,
    });
  }

  const gatewayResponses = new Map<string, GatewayResponseModel>();
  for (const g of inStack('aws_api_gateway_gateway_response').filter(ofApi)) {
    const response = gatewayResponseOf(g, resolver.value(stack, g.config.response_templates) as Record<string, string> | undefined, resolver.value(stack, g.config.response_parameters) as Record<string, string> | undefined);
    gatewayResponses.set(response.type, response);
  }

  return { stack, name: String(api.config.name), id, root, stages, usagePlans, gatewayResponses, apiKeySource: api.config.api_key_source === 'AUTHORIZER' ? 'AUTHORIZER' : 'HEADER', notEmulated };
}

/** `~1items/GET`, `/items/GET` and `items/GET` all mean the GET method of /items. */
export function normalizeMethodPath(path: string): string {
  if (path === '*/*') return path;
  return path.replace(/~1/g, '/').replace(/^\/+/, '');
}

/** A request path matched against the resource tree. */
export interface RouteMatch {
  readonly node: ResourceNode;
  readonly pathParameters: Record<string, string>;
}

/** Matches path segments: literal parts first, then `{param}`, then a greedy `{proxy+}`. */
export function matchRoute(root: ResourceNode, segments: readonly string[]): RouteMatch | undefined {
  const visit = (node: ResourceNode, i: number, params: Record<string, string>): RouteMatch | undefined => {
    if (i === segments.length) return { node, pathParameters: params };
    const seg = segments[i];
    const literal = node.children.find((c) => c.pathPart === seg);
    const hit = literal && visit(literal, i + 1, params);
    if (hit) return hit;
    for (const c of node.children) {
      const m = /^\{([^}+]+)\}$/.exec(c.pathPart);
      if (m) {
        const r = visit(c, i + 1, { ...params, [m[1]]: decodeURIComponent(seg) });
        if (r) return r;
      }
    }
    for (const c of node.children) {
      const m = /^\{([^}]+)\+\}$/.exec(c.pathPart);
      if (m) return { node: c, pathParameters: { ...params, [m[1]]: segments.slice(i).map(decodeURIComponent).join('/') } };
    }
    return undefined;
  };
  return visit(root, 0, {});
}
