import { createItemsTable, type LocalDynamo, localDynamoEnv, startDynalite } from '../../helpers/dynalite';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../../../lambdas/rest-api/src/items/cursor';
import { mapFailure } from '../../../lambdas/rest-api/src/items/errors';
import { ItemRepository } from '../../../lambdas/rest-api/src/items/repository';
import { route } from '../../../lambdas/rest-api/src/items/router';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// Component tests: the real handler and the real AWS SDK against a real local DynamoDB (dynalite).
jest.setTimeout(30_000);
const TABLE = 'rest-api-items-test';
const INDEX = 'by-created';
type Handler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
let server: LocalDynamo;
let handler: Handler;
let raw: DynamoDBClient;

/** Creates the items table (with its list index) under a name. */
const createTable = (name: string): Promise<void> => createItemsTable(raw, name, INDEX);

/** A fresh copy of the handler module bound to another table (the module reads its env once, at load). */
async function handlerForTable(name: string): Promise<Handler> {
  await createTable(name);
  const previous = process.env.ITEMS_TABLE_NAME;
  process.env.ITEMS_TABLE_NAME = name;
  let loaded: Handler | undefined;
  await jest.isolateModulesAsync(async () => {
    loaded = (await import('../../../lambdas/rest-api/src/items/handler')).handler as Handler;
  });
  process.env.ITEMS_TABLE_NAME = previous;
  if (!loaded) throw new Error('handler did not load');
  return loaded;
}

beforeAll(async () => {
  server = await startDynalite();
  Object.assign(process.env, {
    ...localDynamoEnv(server.endpoint),
    ITEMS_TABLE_NAME: TABLE,
    ITEMS_LIST_INDEX: INDEX,
    CORS_ORIGINS: 'https://app.example.com',
  });
  raw = new DynamoDBClient({});
  await createTable(TABLE);
  // Imported after the environment is set: the handler builds its clients once, at module load.
  handler = (await import('../../../lambdas/rest-api/src/items/handler')).handler as Handler;
}, 30_000);

afterAll(async () => {
  raw?.destroy();
  await server.stop();
});

function event(method: string, resource: string, options: { id?: string; body?: unknown; query?: Record<string, string>; headers?: Record<string, string> } = {}): APIGatewayProxyEvent {
  const path = options.id !== undefined ? `/items/${options.id}` : '/items';
  return {
    httpMethod: method,
    resource,
    path,
    pathParameters: options.id !== undefined ? { id: options.id } : null,
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: options.query ? Object.fromEntries(Object.entries(options.query).map(([k, v]) => [k, [v]])) : null,
    headers: options.headers ?? {},
    multiValueHeaders: {},
    body: options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    isBase64Encoded: false,
    stageVariables: null,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
  };
}

const body = (r: APIGatewayProxyResult) => JSON.parse(r.body) as Record<string, unknown>;
const create = async (payload: unknown) => handler(event('POST', '/items', { body: payload }));

describe('items handler against dynalite', () => {
  it('Location carries the stage (and any base path) the client called, so following it reaches the item', async () => {
    const staged = { ...event('POST', '/items', { body: { name: 'staged' } }), requestContext: { path: '/dev/items', stage: 'dev' } as APIGatewayProxyEvent['requestContext'] };
    const created = await handler(staged);
    expect(created.statusCode).toBe(201);
    const id = String(body(created).id);
    expect(created.headers?.Location).toBe(`/dev/items/${id}`);
    const mapped = await handler({ ...event('POST', '/items', { body: { name: 'mapped' }, headers: { 'Idempotency-Key': 'loc-1' } }), requestContext: { path: '/v1/items/', stage: 'dev' } as APIGatewayProxyEvent['requestContext'] });
    expect(mapped.headers?.Location).toBe(`/v1/items/${String(body(mapped).id)}`);
  });

  it('CRUD: create 201, read 200, update bumps the version, delete 204, then 404', async () => {
    const created = await create({ name: 'widget', quantity: 3 });
    expect(created.statusCode).toBe(201);
    const item = body(created);
    expect(item).toMatchObject({ name: 'widget', quantity: 3, version: 1 });
    expect(created.headers?.Location).toBe(`/items/${item.id}`);
    expect(item).not.toHaveProperty('listKey');

    const read = await handler(event('GET', '/items/{id}', { id: String(item.id) }));
    expect(read.statusCode).toBe(200);
    expect(body(read)).toEqual(item);

    const updated = await handler(event('PUT', '/items/{id}', { id: String(item.id), body: { name: 'widget 2', description: 'blue', version: 1 } }));
    expect(updated.statusCode).toBe(200);
    expect(body(updated)).toMatchObject({ id: item.id, name: 'widget 2', description: 'blue', version: 2, createdAt: item.createdAt });
    expect(body(updated)).not.toHaveProperty('quantity');

    const deleted = await handler(event('DELETE', '/items/{id}', { id: String(item.id), query: { version: '2' } }));
    expect(deleted.statusCode).toBe(204);
    expect((await handler(event('GET', '/items/{id}', { id: String(item.id) }))).statusCode).toBe(404);
  });

  it('POST /items with Idempotency-Key: a retry replays the first 201 (even after an update), one item; another body is 422; another caller gets its own item', async () => {
    const as = (userArn: string, payload: unknown, key: string) =>
      handler({ ...event('POST', '/items', { body: payload, headers: { 'Idempotency-Key': key } }), requestContext: { identity: { userArn } } as unknown as APIGatewayProxyEvent['requestContext'] });
    const key = `k-${Math.random().toString(36).slice(2)}`;
    const A = 'arn:aws:sts::123456789012:assumed-role/orders/s1';
    const first = await as(A, { name: 'keyed' }, key);
    expect(first.statusCode).toBe(201);
    const id = String(body(first).id);
    expect((await handler(event('PUT', '/items/{id}', { id, body: { name: 'keyed v2', version: 1 } }))).statusCode).toBe(200);
    const retry = await as(A.replace('/s1', '/s2'), { name: 'keyed' }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.headers?.['Idempotent-Replayed']).toBe('true');
    expect((await as(A, { name: 'other body' }, key)).statusCode).toBe(422);
    const other = await as('arn:aws:sts::123456789012:assumed-role/billing/s1', { name: 'keyed' }, key);
    expect(other.statusCode).toBe(201);
    expect(body(other).id).not.toBe(id);
    expect(body(retry)).not.toHaveProperty('requestHash');
  });

  it('stale update: 409 naming the version, and the stored item is unchanged', async () => {
    const item = body(await create({ name: 'original' }));
    const id = String(item.id);
    expect((await handler(event('PUT', '/items/{id}', { id, body: { name: 'first writer', version: 1 } }))).statusCode).toBe(200);
    const stale = await handler(event('PUT', '/items/{id}', { id, body: { name: 'second writer', version: 1 } }));
    expect(stale.statusCode).toBe(409);
    expect(body(stale)).toMatchObject({ fields: { version: expect.stringContaining('current version is 2') }, currentVersion: 2 });
    const stored = await raw.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: id } }, ConsistentRead: true }));
    expect(stored.Item?.name.S).toBe('first writer');
    expect(stored.Item?.version.N).toBe('2');
  });

  it('update and delete of an unknown id are 404; a stale versioned delete is 409 and keeps the item', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await handler(event('PUT', '/items/{id}', { id: unknown, body: { name: 'x', version: 1 } }))).statusCode).toBe(404);
    const missing = await handler(event('DELETE', '/items/{id}', { id: unknown, query: { version: '1' } }));
    expect(missing.statusCode).toBe(404);
    expect(body(missing)).toMatchObject({ error: 'item not found', fields: { id: expect.any(String) } });

    const id = String(body(await create({ name: 'keep me' })).id);
    expect((await handler(event('DELETE', '/items/{id}', { id, query: { version: '7' } }))).statusCode).toBe(409);
    expect((await handler(event('GET', '/items/{id}', { id }))).statusCode).toBe(200);
    expect((await handler(event('DELETE', '/items/{id}', { id, query: { version: '1' } }))).statusCode).toBe(204);
  });

  it('validation errors are 400 and name the field', async () => {
    const cases: [APIGatewayProxyEvent, string][] = [
      [event('POST', '/items', { body: { quantity: 1 } }), 'name'],
      [event('POST', '/items', { body: { name: 'a', quantity: -1 } }), 'quantity'],
      [event('POST', '/items', { body: { name: 'a', colour: 'red' } }), 'colour'],
      [event('POST', '/items', { body: 'not json' }), 'body'],
      [event('POST', '/items', { body: '[1,2]' }), 'body'],
      [event('POST', '/items', {}), 'body'],
      [event('PUT', '/items/{id}', { id: '00000000-0000-4000-8000-000000000000', body: { name: 'a' } }), 'version'],
      [event('GET', '/items/{id}', { id: 'not-a-uuid' }), 'id'],
      [event('GET', '/items', { query: { limit: '0' } }), 'limit'],
      [event('GET', '/items', { query: { limit: '101' } }), 'limit'],
      [event('GET', '/items', { query: { sort: 'desc' } }), 'sort'],
      [event('DELETE', '/items/{id}', { id: '00000000-0000-4000-8000-000000000000', query: { version: 'x' } }), 'version'],
      // An unconditional delete would drop a concurrent update unseen: the version is required.
      [event('DELETE', '/items/{id}', { id: '00000000-0000-4000-8000-000000000000' }), 'version'],
      [event('POST', '/items', { body: { name: 'a' }, headers: { 'Idempotency-Key': 'x'.repeat(200) } }), 'Idempotency-Key'],
    ];
    for (const [request, field] of cases) {
      const response = await handler(request);
      expect({ field, status: response.statusCode }).toEqual({ field, status: 400 });
      expect(body(response).fields).toHaveProperty(field);
    }
  });

  it('pagination: 25 items, limit 10 → 3 pages (10, 10, 5), every item exactly once, by Query on the list index', async () => {
    // Its own table, so items from other tests do not change the page count.
    const paged = await handlerForTable('rest-api-items-paging');
    const created = new Set<string>();
    for (let i = 0; i < 25; i += 1) {
      const response = await paged(event('POST', '/items', { body: { name: `page item ${i}` } }));
      created.add(String(body(response).id));
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const response = await paged(event('GET', '/items', { query: { limit: '10', ...(cursor ? { cursor } : {}) } }));
      expect(response.statusCode).toBe(200);
      const page = body(response) as { items: { id: string }[]; nextCursor?: string };
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor && sizes.length < 10);
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(created);
  });

  it('a tampered cursor is 400 naming the cursor', async () => {
    const first = body(await handler(event('GET', '/items', { query: { limit: '1' } }))) as { nextCursor: string };
    expect(first.nextCursor).toEqual(expect.any(String));
    const decoded = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = [
      Buffer.from(JSON.stringify({ ...decoded, extra: 1 })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...decoded, s: `2020-01-01T00:00:00.000Z#${'0'.repeat(8)}` })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...decoded, v: 2 })).toString('base64url'),
      `${first.nextCursor}x`,
      'not*base64',
      Buffer.from('{"listKey":{"S":"OTHER"}}').toString('base64url'),
    ];
    for (const cursor of tampered) {
      const response = await handler(event('GET', '/items', { query: { cursor } }));
      expect(response.statusCode).toBe(400);
      expect(body(response).fields).toHaveProperty('cursor');
    }
  });

  it('cursor round trip: decode(encode(key)) is the key', () => {
    const key = { id: '0f8fad5b-d9cb-469f-a165-70867728950e', listKey: 'ITEM', listSort: '2024-05-01T10:00:00.000Z#0f8fad5b-d9cb-469f-a165-70867728950e' };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });

  it('CORS: an allowed origin is echoed, another is not', async () => {
    const allowed = await handler(event('GET', '/items', { headers: { Origin: 'https://app.example.com' } }));
    expect(allowed.headers?.['Access-Control-Allow-Origin']).toBe('https://app.example.com');
    const other = await handler(event('GET', '/items', { headers: { Origin: 'https://evil.example' } }));
    expect(other.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('error mapping: DynamoDB throttling → 503 with Retry-After; anything unexpected → 500 JSON', async () => {
    const throttled = new ItemRepository({ client: failingClient('ProvisionedThroughputExceededException'), tableName: TABLE, listIndexName: INDEX });
    const failure = await route(event('GET', '/items', {}), throttled).catch((e: unknown) => e);
    const mapped = mapFailure(failure);
    expect(mapped.response.statusCode).toBe(503);
    expect(mapped.response.headers?.['Retry-After']).toBe('1');
    expect(mapFailure(Object.assign(new Error('x'), { name: 'ThrottlingException' })).response.statusCode).toBe(503);
    const internal = mapFailure(new TypeError('boom'));
    expect(internal.response.statusCode).toBe(500);
    expect(JSON.parse(internal.response.body)).toEqual({ error: 'internal error' });
  });

  it('property: malformed methods, paths, bodies, query strings and headers never produce a 5xx; 4xx bodies are JSON errors', async () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', '%', '%E0%A4%A', '../', '\u0000', '{"name":1}', 'null', '[]', '{}'));
    const jsonish = fc.oneof(text, fc.json({ maxDepth: 3 }), fc.constant(null), fc.dictionary(fc.constantFrom('name', 'description', 'quantity', 'version', 'x'), fc.jsonValue({ maxDepth: 2 })).map((o) => JSON.stringify(o)));
    const arbitraryEvent = fc.record({
      method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), text),
      resource: fc.constantFrom('/items', '/items/{id}', '/other', '', '/{proxy+}'),
      id: fc.oneof(text, fc.uuid().map((u) => u.toLowerCase()), fc.constant(undefined)),
      body: jsonish,
      base64: fc.boolean(),
      query: fc.oneof(fc.constant(null), fc.dictionary(fc.oneof(fc.constantFrom('limit', 'cursor', 'version'), text), text, { maxKeys: 3 })),
      headers: fc.oneof(fc.constant(null), fc.dictionary(text, text, { maxKeys: 3 })),
    });
    await fc.assert(
      fc.asyncProperty(arbitraryEvent, async (e) => {
        const request: APIGatewayProxyEvent = {
          ...event('GET', '/items'),
          httpMethod: e.method,
          resource: e.resource,
          path: e.id === undefined ? '/items' : `/items/${e.id}`,
          pathParameters: e.id === undefined ? null : { id: e.id },
          body: e.body,
          isBase64Encoded: e.base64,
          queryStringParameters: e.query,
          multiValueQueryStringParameters: e.query ? Object.fromEntries(Object.entries(e.query).map(([k, v]) => [k, [v, v]])) : null,
          headers: e.headers as APIGatewayProxyEvent['headers'],
        };
        const response = await handler(request);
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          const parsed = JSON.parse(response.body) as { error?: unknown };
          expect(typeof parsed.error).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

function failingClient(name: string): DynamoDBDocumentClient {
  return { send: async () => Promise.reject(Object.assign(new Error(name), { name })) } as unknown as DynamoDBDocumentClient;
}

describe('unknown keys, __proto__ and constructor included', () => {
  it.each(['__proto__', 'constructor'])('an item body with the key %s is refused naming it', (key) => {
    const { validateCreate, validateUpdate } = jest.requireActual<typeof import('../../../lambdas/rest-api/src/items/validation')>('../../../lambdas/rest-api/src/items/validation');
    const body = JSON.parse(`{"name":"n","quantity":1,"version":1,${JSON.stringify(key)}:{"x":1}}`) as Record<string, unknown>;
    const created = validateCreate(body);
    expect(created.ok).toBe(false);
    expect(created.ok ? {} : Object.keys(created.fields)).toContain(key);
    const updated = validateUpdate(body);
    expect(updated.ok ? {} : Object.keys(updated.fields)).toEqual([key]);
  });
});

describe('bounded item bodies', () => {
  it('a body over the documented 16 KiB is 413 naming the limit, before any write; a deep or inexact body is 400', async () => {
    const big = await create({ name: 'big', description: 'x'.repeat(17 * 1024), quantity: 1 });
    expect(big.statusCode).toBe(413);
    expect(body(big).fields).toEqual({ body: expect.stringMatching(/at most 16384 bytes/) });
    const deep = await handler(event('POST', '/items', { body: `{"name":"d","quantity":1,"description":${'['.repeat(100)}${']'.repeat(100)}}` }));
    expect(deep.statusCode).toBe(400);
    const huge = await handler(event('POST', '/items', { body: '{"name":"n","quantity":123456789012345678901234567890}' }));
    expect(huge.statusCode).toBe(400);
    expect(String(body(huge).fields && (body(huge).fields as Record<string, string>).body)).toMatch(/cannot keep exactly/);
  });
});
