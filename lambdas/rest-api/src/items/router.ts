import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { badRequest, callerOf, DEFAULT_JSON_LIMITS, error, json, methodNotAllowed, methodOf, parseJsonObject } from '@tap/lambda-kit';
import { decodeCursor, encodeCursor } from './cursor';
import { idempotencyKeyOf, keyedItemId, requestHash } from './idempotency';
import type { ItemRepository } from './repository';
import { MAX_BODY_BYTES, validateCreate, validateDeleteQuery, validateId, validateListQuery, validateNoQuery, validateUpdate } from './validation';

/** The routes this function serves (API Gateway resource + method). */
export type RouteName = 'create' | 'list' | 'get' | 'update' | 'delete';

/** What the router did, for the handler's structured log line. */
export interface Outcome {
  readonly route: RouteName | 'unknown';
  readonly itemId?: string;
  readonly response: APIGatewayProxyResult;
}

type Event = Pick<APIGatewayProxyEvent, 'httpMethod' | 'resource' | 'path' | 'pathParameters' | 'queryStringParameters' | 'multiValueQueryStringParameters' | 'body' | 'isBase64Encoded' | 'headers'> &
  Partial<Pick<APIGatewayProxyEvent, 'requestContext'>>;

const COLLECTION = '/items';
const MEMBER = '/items/{id}';

/** Which resource a request is for: API Gateway's `resource`, or the path when a front does not set it. */
function resourceOf(event: Event): { resource: typeof COLLECTION | typeof MEMBER; id?: string } | undefined {
  if (event.resource === COLLECTION || event.resource === MEMBER) {
    return event.resource === MEMBER ? { resource: MEMBER, id: event.pathParameters?.id ?? undefined } : { resource: COLLECTION };
  }
  const path = typeof event.path === 'string' ? event.path.replace(/\/+$/, '') : '';
  if (path === COLLECTION) return { resource: COLLECTION };
  const match = /^\/items\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    id = match[1];
  }
  return { resource: MEMBER, id };
}

/** Item bodies: the shared JSON bounds with this API's documented size limit (over it: 413 before parsing). */
const BODY_LIMITS = { ...DEFAULT_JSON_LIMITS, maxBytes: MAX_BODY_BYTES };

/** A base64 body is bounded on its encoded size first (4/3 of the decoded one), so decoding a huge one is never attempted. */
function encodedTooLarge(event: Event): APIGatewayProxyResult | undefined {
  if (!event.isBase64Encoded || typeof event.body !== 'string' || event.body.length <= Math.ceil((MAX_BODY_BYTES * 4) / 3) + 4) return undefined;
  return error(413, 'request body too large', { body: `must be at most ${MAX_BODY_BYTES} bytes` });
}

/**
 * Where a created item lives, as the client addressed the collection: API Gateway's
 * `requestContext.path` carries the stage (`/dev/items`) or a custom domain's base path, so following
 * `Location` reaches the item; `/items/<id>` when no front set it (direct invokes).
 */
function locationOf(event: Event, id: string): string {
  const called = event.requestContext?.path;
  const collection = typeof called === 'string' && /^\/(?:[^/]+\/)*items\/?$/.test(called) ? called.replace(/\/+$/, '') : COLLECTION;
  return `${collection}/${id}`;
}

/**
 * The thin router: match the route, validate everything the client sent, and only then touch DynamoDB.
 * Client mistakes are 4xx with a JSON body naming the field; unexpected failures propagate to the handler.
 */
export async function route(event: Event, repo: ItemRepository): Promise<Outcome> {
  const target = resourceOf(event);
  const method = methodOf(event);
  if (!target) return { route: 'unknown', response: error(404, 'route not found') };
  if (target.resource === COLLECTION) {
    if (method === 'POST') return { route: 'create', ...(await create(event, repo)) };
    if (method === 'GET') return { route: 'list', response: await list(event, repo) };
    return { route: 'unknown', response: methodNotAllowed(['GET', 'POST']) };
  }
  const routeName: RouteName | undefined = method === 'GET' ? 'get' : method === 'PUT' ? 'update' : method === 'DELETE' ? 'delete' : undefined;
  if (!routeName) return { route: 'unknown', response: methodNotAllowed(['GET', 'PUT', 'DELETE']) };
  const id = validateId(target.id);
  if (!id.ok) return { route: routeName, response: badRequest(id.fields) };
  const itemId = id.value;
  if (routeName === 'get') return { route: routeName, itemId, response: await getOne(event, itemId, repo) };
  if (routeName === 'update') return { route: routeName, itemId, response: await update(event, itemId, repo) };
  return { route: routeName, itemId, response: await remove(event, itemId, repo) };
}

async function create(event: Event, repo: ItemRepository): Promise<{ itemId?: string; response: APIGatewayProxyResult }> {
  const query = validateNoQuery(event.queryStringParameters);
  if (!query.ok) return { response: badRequest(query.fields) };
  const tooLarge = encodedTooLarge(event);
  if (tooLarge) return { response: tooLarge };
  const body = parseJsonObject(event, BODY_LIMITS);
  if (!body.ok) return { response: body.response };
  const input = validateCreate(body.value);
  const key = idempotencyKeyOf(event);
  if (!input.ok || key.kind === 'invalid') return { response: badRequest({ ...(input.ok ? {} : input.fields), ...(key.kind === 'invalid' ? { 'Idempotency-Key': key.problem } : {}) }) };
  if (key.kind === 'none') {
    const item = await repo.create(input.value);
    return { itemId: item.id, response: json(201, item, { Location: locationOf(event, item.id) }) };
  }
  // A keyed create: a retry (same caller, key and body) replays the first 201; another body is a 422.
  const result = await repo.createOnce(keyedItemId(callerOf(event) ?? '', key.key), input.value, requestHash(input.value));
  if (result.kind === 'mismatch') return { response: error(422, 'Idempotency-Key was already used with a different request body', { 'Idempotency-Key': 'reused with a different body' }) };
  const headers = { Location: locationOf(event, result.item.id), ...(result.kind === 'replay' ? { 'Idempotent-Replayed': 'true' } : {}) };
  return { itemId: result.item.id, response: json(201, result.item, headers) };
}

async function list(event: Event, repo: ItemRepository): Promise<APIGatewayProxyResult> {
  const query = validateListQuery(event.queryStringParameters, event.multiValueQueryStringParameters);
  if (!query.ok) return badRequest(query.fields);
  let start;
  if (query.value.cursor !== undefined) {
    start = decodeCursor(query.value.cursor);
    if (!start) return badRequest({ cursor: 'is not a cursor this API issued' });
  }
  const page = await repo.list(query.value.limit, start);
  return json(200, { items: page.items, ...(page.last ? { nextCursor: encodeCursor(page.last) } : {}) });
}

async function getOne(event: Event, id: string, repo: ItemRepository): Promise<APIGatewayProxyResult> {
  const query = validateNoQuery(event.queryStringParameters);
  if (!query.ok) return badRequest(query.fields);
  const item = await repo.get(id);
  return item ? json(200, item) : error(404, 'item not found', { id: 'no item with this id' });
}

async function update(event: Event, id: string, repo: ItemRepository): Promise<APIGatewayProxyResult> {
  const query = validateNoQuery(event.queryStringParameters);
  if (!query.ok) return badRequest(query.fields);
  const tooLarge = encodedTooLarge(event);
  if (tooLarge) return tooLarge;
  const body = parseJsonObject(event, BODY_LIMITS);
  if (!body.ok) return body.response;
  const input = validateUpdate(body.value);
  if (!input.ok) return badRequest(input.fields);
  const result = await repo.update(id, input.value);
  if (result.kind === 'not-found') return error(404, 'item not found', { id: 'no item with this id' });
  if (result.kind === 'stale') {
    return json(409, { error: 'version conflict: the item changed since you read it', fields: { version: `is stale; the current version is ${result.currentVersion}` }, currentVersion: result.currentVersion });
  }
  return json(200, result.value);
}

async function remove(event: Event, id: string, repo: ItemRepository): Promise<APIGatewayProxyResult> {
  const query = validateDeleteQuery(event.queryStringParameters, event.multiValueQueryStringParameters);
  if (!query.ok) return badRequest(query.fields);
  const result = await repo.delete(id, query.value.version);
  if (result.kind === 'not-found') return error(404, 'item not found', { id: 'no item with this id' });
  if (result.kind === 'stale') {
    return json(409, { error: 'version conflict: the item changed since you read it', fields: { version: `is stale; the current version is ${result.currentVersion}` }, currentVersion: result.currentVersion });
  }
  return { statusCode: 204, headers: {}, body: '' };
}
