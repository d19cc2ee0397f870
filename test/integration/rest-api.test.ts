/**
 * REST API stack through cfn-outputs/flat-outputs.json only: the same suite runs against the local
 * environment (default) and a real deployment (INTEGRATION_TARGET=aws). Requests are bounded and every
 * item it creates carries a random run id and is deleted afterwards.
 *
 * API key: when the deployed profile has a usage plan (restApiUsagePlanId present), every method needs
 * the key. Its VALUE is the sensitive output restApiKeyValue, which must be flattened in (sensitive
 * outputs included) for this suite; without it the suite fails naming the key (stacks/rest-api/README.md).
 */
import { randomUUID } from 'node:crypto';
import { requireOutputs } from './support/outputs';
import { clientCredentials, signedCall } from './support/signed-client';

// Only what the suite uses: the bucket and topic outputs are not emulated locally (S3, SNS) and not needed here.
const out = requireOutputs(['restApiUrl', 'restApiItemsTableName']);
const base = (out.restApiUrl ?? '').replace(/\/+$/, '');
const hasUsagePlan = Boolean(out.restApiUsagePlanId);
const apiKey = out.restApiKeyValue;
const RUN = randomUUID().slice(0, 8);
const created = new Set<string>();

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

async function call(method: string, path: string, options: { body?: unknown; key?: string | null; headers?: Record<string, string> } = {}): Promise<Reply> {
  const key = options.key === undefined ? apiKey : options.key;
  // IAM-authorized: signed as the first granted client; the API key (usage plan) only meters.
  const credentials = await clientCredentials('client-a');
  if (!credentials) throw new Error('no credentials for client-a: run with AWS credentials (INTEGRATION_TARGET=aws) or against the local environment');
  return signedCall(`${base}${path}`, credentials, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}), ...(options.headers ?? {}) },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
}

async function createItem(name: string): Promise<Record<string, unknown>> {
  const reply = await call('POST', '/items', { body: { name: `${RUN} ${name}`, quantity: 1 } });
  expect(reply.status).toBe(201);
  created.add(String(reply.body.id));
  return reply.body;
}

describe(`REST API (${hasUsagePlan ? 'usage plan: API key required' : 'no usage plan'})`, () => {
  beforeAll(() => {
    if (hasUsagePlan && !apiKey) {
      throw new Error('restApiUsagePlanId is present but restApiKeyValue is not: flatten the outputs with sensitive outputs included (the key value is a sensitive output)');
    }
  });

  afterAll(async () => {
    for (const id of created) {
      const current = await call('GET', `/items/${id}`).catch(() => undefined);
      if (current?.status === 200) await call('DELETE', `/items/${id}?version=${String(current.body.version)}`).catch(() => undefined);
    }
  });

  it('full CRUD round trip: create, read, update, stale update 409 (unchanged), delete, then 404', async () => {
    const item = await createItem('crud');
    const id = String(item.id);
    expect(item).toMatchObject({ version: 1, quantity: 1 });

    const read = await call('GET', `/items/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(item);

    const updated = await call('PUT', `/items/${id}`, { body: { name: `${RUN} crud v2`, version: 1 } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, version: 2, name: `${RUN} crud v2` });

    const stale = await call('PUT', `/items/${id}`, { body: { name: `${RUN} lost update`, version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: expect.any(String), currentVersion: 2 });
    expect((await call('GET', `/items/${id}`)).body).toMatchObject({ name: `${RUN} crud v2`, version: 2 });

    const unversioned = await call('DELETE', `/items/${id}`);
    expect(unversioned.status).toBe(400);
    expect(unversioned.body.fields).toHaveProperty('version');
    expect((await call('DELETE', `/items/${id}?version=1`)).status).toBe(409);
    expect((await call('DELETE', `/items/${id}?version=2`)).status).toBe(204);
    created.delete(id);
    expect((await call('GET', `/items/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/items/${id}?version=2`)).status).toBe(404);
  });

  it('POST /items with Idempotency-Key: a retry after a timeout replays the first 201, one item only', async () => {
    const key = `it-${RUN}-items-key`;
    const payload = { name: `${RUN} keyed`, quantity: 2 };
    const first = await call('POST', '/items', { body: payload, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    created.add(String(first.body.id));
    const retry = await call('POST', '/items', { body: payload, headers: { 'Idempotency-Key': key } });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const conflict = await call('POST', '/items', { body: { ...payload, quantity: 3 }, headers: { 'Idempotency-Key': key } });
    expect(conflict.status).toBe(422);
  });

  it('pagination: pages carry an opaque cursor, never repeat an item, and reach every new item', async () => {
    const mine = new Set<string>();
    for (const n of [1, 2, 3]) mine.add(String((await createItem(`page ${n}`)).id));
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    // Small pages first (the cursor path), then large ones; bounded so a huge table cannot hang the suite.
    do {
      const limit = pages < 3 ? 2 : 100;
      const reply = await call('GET', `/items?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(reply.status).toBe(200);
      const items = reply.body.items as { id: string }[];
      expect(items.length).toBeLessThanOrEqual(limit);
      for (const { id } of items) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
      cursor = reply.body.nextCursor as string | undefined;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages += 1;
    } while (cursor && pages < 200);
    expect([...mine].filter((id) => seen.has(id))).toHaveLength(3);
    expect(pages).toBeGreaterThanOrEqual(2);
  });

  it('Location includes the stage: following it reaches the created item', async () => {
    const reply = await call('POST', '/items', { body: { name: `${RUN} located` } });
    expect(reply.status).toBe(201);
    created.add(String(reply.body.id));
    const location = reply.headers.get('location') ?? '';
    expect(location).toBe(`${new URL(base).pathname.replace(/\/+$/, '')}/items/${String(reply.body.id)}`);
    const followed = await call('GET', location.slice(new URL(base).pathname.replace(/\/+$/, '').length));
    expect(followed.status).toBe(200);
    expect(followed.body.id).toBe(reply.body.id);
    // And as a URL against the API's origin, exactly as a client follows it.
    expect(new URL(location, base).href).toBe(`${base}/items/${String(reply.body.id)}`);
  });

  it('an unknown path or method, signed, is API Gateway\'s 403 Missing Authentication Token (stacks/rest-api/README.md)', async () => {
    for (const [method, path] of [['GET', '/nowhere'], ['PATCH', '/items'], ['POST', `/items/${randomUUID()}`]] as const) {
      const reply = await call(method, path, method === 'GET' ? {} : { body: { name: 'x' } });
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({ message: 'Missing Authentication Token' });
    }
  });

  it('client mistakes are 4xx JSON errors naming the field, never 5xx', async () => {
    const tampered = await call('GET', `/items?cursor=${Buffer.from('{"v":1,"id":"x","s":"y"}').toString('base64url')}`);
    expect(tampered.status).toBe(400);
    expect(tampered.body.fields).toHaveProperty('cursor');
    const badLimit = await call('GET', '/items?limit=1000');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.fields).toHaveProperty('limit');
    const badBody = await call('POST', '/items', { body: '{"name":' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.fields).toHaveProperty('body');
    const missingVersion = await call('PUT', `/items/${randomUUID()}`, { body: { name: 'x' } });
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.body.fields).toHaveProperty('version');
    expect((await call('GET', `/items/${randomUUID()}`)).status).toBe(404);
  });

  it(hasUsagePlan ? 'API key required: 403 without a key, 200 with it' : 'no usage plan: requests without an API key succeed', async () => {
    const withoutKey = await call('GET', '/items?limit=1', { key: null });
    if (hasUsagePlan) {
      expect(withoutKey.status).toBe(403);
      expect((await call('GET', '/items?limit=1', { key: 'not-the-key-0000000000000000000' })).status).toBe(403);
      expect((await call('GET', '/items?limit=1')).status).toBe(200);
    } else {
      expect(withoutKey.status).toBe(200);
    }
  });
});
