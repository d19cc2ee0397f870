import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { InvokeResult } from '../lambda/runtime';
import type { ApiInvocation } from '@tap/access';
import type { ApiAccess, CallerIdentity } from './auth/access';
import { AuthorizerCache, evaluatePolicy, type AuthDecision } from './authorizer';
import { matchRoute, type ApiModel, type MethodModel, type ResourceNode } from './model';
import { renderGatewayError } from './gateway-responses';
import { Buckets, Quota } from './throttle';
import { RequestValidator } from './validate';
import { listenOnLoopback } from '../listen';

export interface FrontDeps {
  readonly region: string;
  readonly accountId: string;
  /** Invokes the function a Lambda invoke ARN (integration or authorizer URI) points at. */
  readonly invoke: (invokeArn: string, event: unknown) => Promise<InvokeResult>;
  /**
   * Whether the function's resource policy lets API Gateway make this invocation (an integration for a
   * stage, method and path, or an authorizer): undefined when it does, else why not. Default: allowed
   * (the enforcement is off).
   */
  readonly permitted?: (call: ApiInvocation) => Promise<string | undefined>;
  /** Scales integration timeouts (tests). Default 1. */
  readonly timeoutScale?: number;
  readonly onLog?: (line: string) => void;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const json = (status: number, body: unknown, errorType?: string): Answer => ({
  status,
  headers: { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}) },
  body: Buffer.from(JSON.stringify(body)),
});
const MISSING_TOKEN = (): Answer => json(403, { message: 'Missing Authentication Token' }, 'MissingAuthenticationTokenException');
const FORBIDDEN = (): Answer => json(403, { message: 'Forbidden' }, 'ForbiddenException');
const TOO_MANY = (): Answer => json(429, { message: 'Too Many Requests' }, 'TooManyRequestsException');
const INTERNAL = (): Answer => json(502, { message: 'Internal server error' }, 'InternalServerErrorException');

/**
 * API Gateway's REST payload limit: 10 MB (10,485,760 bytes). A larger request is refused before routing
 * with 413 and its REQUEST_TOO_LARGE default answer (a gateway response of that type cannot customize it).
 */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const TOO_LARGE = (): Answer => ({ status: 413, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ message: 'Request Too Long' })) });

/**
 * The local front of one REST API, answering as API Gateway does, in its order: route (403 Missing
 * Authentication Token), stage throttling (429), authorizer (401/403), API key and usage plan (403,
 * 429), request validation (400), then the integration (Lambda proxy: 502 on error or bad response,
 * 504 past the integration timeout; MOCK). Served at http://127.0.0.1:<port>/<stage>/<path>.
 */
export class ApiFront {
  private server?: Server;
  port = 0;
  private readonly stageBuckets = new Buckets();
  private readonly planBuckets = new Buckets();
  private readonly quotas = new Map<string, Quota>();
  private readonly cache = new AuthorizerCache();
  private readonly validator = new RequestValidator();
  /** Every answer so far: `<status> <METHOD> <path>` (diagnostics and tests). */
  readonly requests: string[] = [];

  private current?: ApiModel;
  private access?: ApiAccess;

  constructor(private readonly deps: FrontDeps) {}

  /** SigV4 and resource/identity policy checks (auth/access.ts); without them IAM methods are refused. */
  setAccess(access: ApiAccess): void {
    this.access = access;
  }

  /** The served model; set after listen() because stage URLs need the port. */
  get model(): ApiModel {
    if (!this.current) throw new Error('API model not set');
    return this.current;
  }

  setModel(model: ApiModel): void {
    this.current = model;
  }

  /** Listens on 127.0.0.1:`port` (0: any free port); rejects with EADDRINUSE when the port is taken. */
  async listen(port = 0): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    this.port = await listenOnLoopback(this.server, port);
    return this.port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Read the whole request (the client is still sending), but keep at most the payload limit in memory.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(c as Buffer);
    }
    const requestId = randomUUID();
    let answer: Answer;
    try {
      if (!this.current) throw new Error('API front started before its model was built');
      answer = size > MAX_PAYLOAD_BYTES ? TOO_LARGE() : await this.answer(req, Buffer.concat(chunks), requestId);
    } catch (error) {
      this.deps.onLog?.(`${this.current?.name ?? 'api'}: ${(error as Error).stack ?? String(error)}`);
      answer = json(500, { message: null });
    }
    this.requests.push(`${answer.status} ${req.method} ${req.url}`);
    res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length, 'x-amzn-RequestId': requestId, 'x-amz-apigw-id': requestId.slice(0, 16) });
    res.end(answer.body);
  }

  private async answer(req: IncomingMessage, body: Buffer, requestId: string): Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://local');
    const segments = url.pathname.split('/').filter(Boolean);
    const stage = this.model.stages.get(segments[0] ?? '');
    if (!stage) return FORBIDDEN();
    const path = `/${segments.slice(1).join('/')}`;
    const match = matchRoute(this.model.root, segments.slice(1));
    const httpMethod = (req.method ?? 'GET').toUpperCase();
    const method = match ? match.node.methods.get(httpMethod) ?? match.node.methods.get('ANY') : undefined;
    if (!match || !method) return MISSING_TOKEN();
    const node = match.node;

    // Stage throttling: `*/*` applies to each method on its own; a method's own setting wins.
    const methodKey = `${node.path.replace(/^\//, '')}/${httpMethod}`;
    const stageLimit = stage.throttles.get(methodKey) ?? stage.throttles.get('*/*');
    if (stageLimit && !this.stageBuckets.take(`${stage.name}|${methodKey}`, stageLimit.rate, stageLimit.burst)) return TOO_MANY();

    const headers = headerMap(req);
    const query = Object.fromEntries(url.searchParams.entries());
    const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
    const methodArn = `arn:aws:execute-api:${this.deps.region}:${this.deps.accountId}:${this.model.id}/${stage.name}/${httpMethod}${path}`;

    // IAM authorization (SigV4) and the resource policy, before any authorizer, key or validation.
    let identity: CallerIdentity | undefined;
    if (this.access) {
      const rawPath = (req.url ?? '/').split('?')[0];
      const checked = await this.access.check({ method: httpMethod, rawPath, query: url.searchParams, headers: headers.single, body, authorization: method.authorization, methodArn, route: node.path });
      if (checked.kind === 'refuse') return json(checked.status, checked.body, checked.errorType);
      identity = checked.identity;
    } else if (method.authorization === 'AWS_IAM') {
      return MISSING_TOKEN();
    }

    let auth: AuthDecision | undefined;
    if (method.authorization === 'CUSTOM' && method.authorizer) {
      auth = await this.authorize(method, headers.single, query, methodArn, stage.name, match.pathParameters);
      if (auth.kind === 'deny') return json(auth.status, { message: auth.message }, auth.status === 401 ? 'UnauthorizedException' : 'AccessDeniedException');
    }

    let apiKey: { value: string; id: string } | undefined;
    if (method.apiKeyRequired) {
      const value = this.model.apiKeySource === 'AUTHORIZER' ? (auth?.kind === 'allow' ? auth.usageIdentifierKey : undefined) : lower(headers.single)['x-api-key'];
      const plan = value === undefined ? undefined : this.model.usagePlans.find((p) => p.stages.has(stage.name) && p.keys.has(value));
      if (!plan || value === undefined) return FORBIDDEN();
      apiKey = { value, id: plan.keys.get(value) ?? '' };
      const limit = plan.stages.get(stage.name)?.get(`${node.path}/${httpMethod}`) ?? plan.throttle;
      if (limit && !this.planBuckets.take(`${plan.id}|${value}|${limit === plan.throttle ? '' : methodKey}`, limit.rate, limit.burst)) return TOO_MANY();
      if (plan.quota) {
        const key = `${plan.id}|${value}`;
        if (!this.quotas.has(key)) this.quotas.set(key, new Quota(plan.quota.limit, plan.quota.period));
        if (!this.quotas.get(key)?.take()) return json(429, { message: 'Limit Exceeded' }, 'LimitExceededException');
      }
    }

    const invalid = this.validator.validate(method, headers.single, query, body);
    if (invalid) {
      // The API's BAD_REQUEST_* gateway response when it declares one (the repo's error shape, naming the field).
      const rendered = renderGatewayError(this.model.gatewayResponses, invalid.type, 400, { message: invalid.message, validationErrorString: invalid.validationErrorString, requestId });
      return rendered ? { status: rendered.status, headers: { 'x-amzn-ErrorType': 'BadRequestException', ...rendered.headers }, body: Buffer.from(rendered.body) } : json(400, { message: invalid.message }, 'BadRequestException');
    }

    const integration = method.integration;
    if (!integration) return json(500, { message: 'Internal server error' }, 'InternalServerErrorException');
    if (integration.type === 'MOCK') return mock(method);
    if (integration.type !== 'AWS_PROXY' || !integration.uri) return json(500, { message: `local environment: ${integration.type} integrations are not emulated` });
    const refused = await this.deps.permitted?.({ api: this.model.name, invokeArn: integration.uri, stage: stage.name, method: httpMethod, path: node.path });
    if (refused) {
      // API Gateway's answer when the function's resource policy does not let it invoke the function.
      this.deps.onLog?.(`${this.model.name}: ${httpMethod} ${node.path}: ${refused}`);
      return json(500, { message: 'Internal server error' }, 'InternalServerErrorException');
    }
    const isText = body.length === 0 || isUtf8(body);
    const event = {
      resource: node.path,
      path,
      httpMethod,
      headers: Object.keys(headers.single).length > 0 ? headers.single : null,
      multiValueHeaders: Object.keys(headers.multi).length > 0 ? headers.multi : null,
      queryStringParameters: Object.keys(query).length > 0 ? query : null,
      multiValueQueryStringParameters: Object.keys(query).length > 0 ? Object.fromEntries([...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.getAll(k)])) : null,
      pathParameters: Object.keys(match.pathParameters).length > 0 ? match.pathParameters : null,
      stageVariables: null,
      requestContext: {
        accountId: this.deps.accountId,
        apiId: this.model.id,
        resourceId: node.id,
        resourcePath: node.path,
        httpMethod,
        path: `/${stage.name}${path}`,
        stage: stage.name,
        protocol: 'HTTP/1.1',
        requestId,
        extendedRequestId: requestId,
        requestTime: new Date().toUTCString(),
        requestTimeEpoch: Date.now(),
        domainName: `127.0.0.1:${this.port}`,
        domainPrefix: '127',
        identity: { sourceIp, userAgent: headers.single['User-Agent'] ?? headers.single['user-agent'] ?? null, apiKey: apiKey?.value ?? null, apiKeyId: apiKey?.id ?? null, accountId: identity?.accountId ?? null, caller: identity?.caller ?? null, user: identity?.user ?? null, userArn: identity?.userArn ?? null, accessKey: identity?.accessKey ?? null },
        ...(auth?.kind === 'allow' ? { authorizer: { principalId: auth.principalId, ...auth.context, integrationLatency: 0 } } : {}),
      },
      body: body.length === 0 ? null : isText ? body.toString('utf8') : body.toString('base64'),
      isBase64Encoded: !isText,
    };
    const timeoutMs = integration.timeoutMs * (this.deps.timeoutScale ?? 1);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([this.deps.invoke(integration.uri, event), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') return json(504, { message: 'Endpoint request timed out' }, 'IntegrationTimeout');
    if (!result.ok) {
      this.deps.onLog?.(`${this.model.name}: ${httpMethod} ${path}: ${result.errorType}: ${result.errorMessage}`);
      // A throttled function (reserved concurrency, lambda/limits.ts) is a 500 from API Gateway, not a 502.
      if (result.throttled) return json(500, { message: 'Internal server error' }, 'InternalServerErrorException');
      return INTERNAL();
    }
    return proxyResponse(result.value) ?? INTERNAL();
  }

  private async authorize(method: MethodModel, headers: Record<string, string>, query: Record<string, string>, methodArn: string, stage: string, pathParameters: Record<string, string>): Promise<AuthDecision> {
    const a = method.authorizer;
    if (!a) return { kind: 'allow', context: {} };
    const sources = a.identitySource.split(',').map((s) => s.trim());
    const values = sources.map((s) => identityValue(s, headers, query));
    // A missing identity source is rejected before the authorizer runs.
    if (values.some((v) => v === undefined || v === '')) return { kind: 'deny', status: 401, message: 'Unauthorized' };
    if (a.type === 'TOKEN' && a.validationExpression && !a.validationExpression.test(values[0] ?? '')) return { kind: 'deny', status: 401, message: 'Unauthorized' };
    const identity = values.join('|');
    let output = this.cache.get(a, identity);
    if (output === undefined) {
      const event =
        a.type === 'TOKEN'
          ? { type: 'TOKEN', authorizationToken: values[0], methodArn }
          : { type: 'REQUEST', methodArn, resource: method.httpMethod, headers, queryStringParameters: query, pathParameters, requestContext: { stage, apiId: this.model.id, accountId: this.deps.accountId } };
      const refused = await this.deps.permitted?.({ api: this.model.name, invokeArn: a.uri, authorizer: a.name });
      if (refused) {
        // An authorizer API Gateway may not invoke is a configuration error: 500, as on AWS.
        this.deps.onLog?.(`${this.model.name}: authorizer ${a.name}: ${refused}`);
        return { kind: 'deny', status: 500, message: null };
      }
      const result = await this.deps.invoke(a.uri, event);
      if (!result.ok) {
        // An authorizer that throws "Unauthorized" means 401; any other failure is a configuration error (500).
        return result.errorMessage === 'Unauthorized' ? { kind: 'deny', status: 401, message: 'Unauthorized' } : { kind: 'deny', status: 500, message: null };
      }
      output = result.value;
      this.cache.set(a, identity, output);
    }
    return evaluatePolicy(output, methodArn);
  }
}

function headerMap(req: IncomingMessage): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const [name, value] = [req.rawHeaders[i], req.rawHeaders[i + 1]];
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function identityValue(source: string, headers: Record<string, string>, query: Record<string, string>): string | undefined {
  const header = /^method\.request\.header\.(.+)$/.exec(source);
  if (header) return lower(headers)[header[1].toLowerCase()];
  const qs = /^method\.request\.querystring\.(.+)$/.exec(source);
  if (qs) return query[qs[1]];
  return undefined;
}

function isUtf8(b: Buffer): boolean {
  return Buffer.from(b.toString('utf8'), 'utf8').equals(b);
}

/** A Lambda proxy result as an HTTP answer; undefined when malformed (API Gateway answers 502). */
function proxyResponse(value: unknown): Answer | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as { statusCode?: unknown; headers?: Record<string, unknown>; multiValueHeaders?: Record<string, unknown[]>; body?: unknown; isBase64Encoded?: boolean };
  const status = Number(r.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return undefined;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = String(v);
  for (const [k, v] of Object.entries(r.multiValueHeaders ?? {})) headers[k] = v.map(String).join(', ');
  const text = typeof r.body === 'string' ? r.body : '';
  return { status, headers, body: r.isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8') };
}

/** A MOCK integration: status from the request template, headers from the integration response. */
function mock(method: MethodModel): Answer {
  const integration = method.integration;
  const template = integration?.requestTemplates['application/json'] ?? '';
  const status = /"statusCode"\s*:\s*(\d{3})/.exec(template)?.[1] ?? '200';
  const response = integration?.responses.find((r) => r.statusCode === status) ?? integration?.responses.find((r) => !r.selectionPattern);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [k, v] of Object.entries(response?.parameters ?? {})) {
    const name = /^method\.response\.header\.(.+)$/.exec(k)?.[1];
    if (name) headers[name] = v.replace(/^'(.*)'$/, '$1');
  }
  return { status: Number(response?.statusCode ?? status), headers, body: Buffer.from(response?.templates['application/json'] ?? '') };
}

export type { ResourceNode };
