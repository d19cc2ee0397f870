import { createHash } from 'node:crypto';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { CreateTableCommand, DynamoDBClient, type AttributeDefinition, type KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import fc from 'fast-check';
import { createPaymentHandler } from '../../../lambdas/payment-api/src/create-payment/create';
import { getPaymentHandler } from '../../../lambdas/payment-api/src/get-payment/get';
import { IdempotencyStore } from '../../../lambdas/payment-api/src/shared/idempotency';
import { quietTelemetry, scopedKeyHash } from '@tap/lambda-kit';
import { appStacks, SHARED_SUFFIX } from '../../helpers/shared-synth';

// Component tests: the real logic and the real AWS SDK against a real local DynamoDB (dynalite, fronted
// by the local environment's TransactWriteItems emulation), with tables created from the key schema the
// stack synthesizes.
jest.setTimeout(60_000);

const ORIGIN = 'https://app.example.org';
const silent = quietTelemetry();
let server: LocalDynamo;
let endpoint: string;
let db: DynamoDBDocumentClient;
let tables: { payments: string; idempotency: string; audit: string };

interface Api {
  create: ReturnType<typeof createPaymentHandler>;
  get: ReturnType<typeof getPaymentHandler>;
  store: IdempotencyStore;
  clock: { now: number };
  /** Runs before each payment transaction is sent (a gate or an injected failure). Default none. */
  beforeTransaction?: () => Promise<void>;
}

function api(): Api {
  const clock = { now: Date.UTC(2025, 0, 1) };
  const store = new IdempotencyStore({ db, table: tables.idempotency, now: () => clock.now });
  const result: Partial<Api> = { store, clock };
  // The handler's client, with a hook in front of the transaction (the step a fault hits).
  const hooked = {
    send: async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
      if (command instanceof TransactWriteCommand && result.beforeTransaction) await result.beforeTransaction();
      return db.send(command);
    },
  } as unknown as DynamoDBDocumentClient;
  result.create = createPaymentHandler({ db: hooked, paymentsTable: tables.payments, auditTable: tables.audit, idempotency: store, corsOrigins: [ORIGIN], telemetry: silent, now: () => clock.now });
  result.get = getPaymentHandler({ db, paymentsTable: tables.payments, corsOrigins: [ORIGIN], telemetry: silent });
  return result as Api;
}

/** The audit archive's items for a payment. */
async function auditsFor(paymentId: string): Promise<Record<string, unknown>[]> {
  const out = await db.send(new ScanCommand({ TableName: tables.audit, FilterExpression: 'paymentId = :p', ExpressionAttributeValues: { ':p': paymentId } }));
  return out.Items ?? [];
}
async function countAudits(): Promise<number> {
  return (await db.send(new ScanCommand({ TableName: tables.audit, Select: 'COUNT' }))).Count ?? 0;
}

const validBody = { amount: 1250, currency: 'EUR', merchantReference: 'order-1001', customerReference: 'cust:42', description: 'Two coffees' };
/** Identities as API Gateway's IAM authorization puts them in the request context. */
const CLIENT_A = 'arn:aws:sts::123456789012:assumed-role/orders-service/task-1';
const CLIENT_B = 'arn:aws:sts::123456789012:assumed-role/billing-service/task-9';
const signedBy = (userArn: string) => ({ requestContext: { identity: { userArn } } as unknown as APIGatewayProxyEvent['requestContext'] });
const post = (key: string | undefined, body: unknown = validBody, headers: Record<string, string> = {}, caller = CLIENT_A) => ({
  ...signedBy(caller),
  httpMethod: 'POST',
  headers: { 'Content-Type': 'application/json', ...(key === undefined ? {} : { 'Idempotency-Key': key }), ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  isBase64Encoded: false,
});
const getReq = (id: string | undefined, caller = CLIENT_A) => ({ ...signedBy(caller), httpMethod: 'GET', headers: {}, pathParameters: id === undefined ? null : { id } });
const uniqueKey = () => `key-${Math.random().toString(36).slice(2)}-${Date.now()}`;
const bodyOf = (r: APIGatewayProxyResult) => JSON.parse(r.body) as Record<string, unknown>;

async function paymentsFor(paymentId: string): Promise<Record<string, unknown>[]> {
  const out = await db.send(new ScanCommand({ TableName: tables.payments, FilterExpression: 'paymentId = :p', ExpressionAttributeValues: { ':p': paymentId } }));
  return out.Items ?? [];
}
async function countPayments(): Promise<number> {
  return (await db.send(new ScanCommand({ TableName: tables.payments, Select: 'COUNT' }))).Count ?? 0;
}

beforeAll(async () => {
  server = await startDynalite({ transactions: true });
  endpoint = server.endpoint;
  const raw = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  db = DynamoDBDocumentClient.from(raw);

  // The tables exactly as the stack declares them (hash/range keys and attribute types from the synthesized JSON
  // of the app, the run's shared dev synth).
  const json = appStacks({ suffix: SHARED_SUFFIX, profile: 'dev' }).find((s) => s.name === 'payment-api')?.json ?? {};
  const synthesized = json.resource?.aws_dynamodb_table ?? {};
  const names: Record<string, string> = {};
  for (const [id, t] of Object.entries(synthesized)) {
    const keySchema: KeySchemaElement[] = [{ AttributeName: t.hash_key as string, KeyType: 'HASH' }];
    if (t.range_key) keySchema.push({ AttributeName: t.range_key as string, KeyType: 'RANGE' });
    const attributes = (t.attribute as { name: string; type: 'S' | 'N' | 'B' }[]).map((a): AttributeDefinition => ({ AttributeName: a.name, AttributeType: a.type }));
    await raw.send(new CreateTableCommand({ TableName: t.name as string, BillingMode: 'PAY_PER_REQUEST', KeySchema: keySchema, AttributeDefinitions: attributes }));
    names[id] = t.name as string;
  }
  const find = (part: string) => {
    const id = Object.keys(names).find((k) => k.startsWith(part));
    if (!id) throw new Error(`no table ${part} in ${Object.keys(names).join(', ')}`);
    return names[id];
  };
  tables = { payments: find('payments'), idempotency: find('idempotency'), audit: find('audit') };
});

afterAll(async () => {
  await server.stop();
});

describe('create and read a payment', () => {
  it('create → 201 with the payment id and PENDING, one item stored, its audit record archived with it', async () => {
    const a = api();
    const res = await a.create(post(uniqueKey()));
    expect(res.statusCode).toBe(201);
    const body = bodyOf(res);
    expect(body).toMatchObject({ status: 'PENDING', amount: 1250, currency: 'EUR', merchantReference: 'order-1001' });
    expect(body.paymentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await paymentsFor(body.paymentId as string)).toHaveLength(1);
    const audits = await auditsFor(body.paymentId as string);
    expect(audits).toEqual([expect.objectContaining({ paymentId: body.paymentId, event: 'PAYMENT_CREATED', amount: 1250 })]);
    // The audit record carries ids and amounts only: no references, no description, no raw key.
    expect(JSON.stringify(audits[0])).not.toMatch(/order-1001|cust:42|coffees/);
  });

  it('idempotent retry → the first response (status and body), still one item, no second audit record', async () => {
    const a = api();
    const key = uniqueKey();
    const first = await a.create(post(key));
    const before = await countPayments();
    // Same payload with keys in another order is the same request.
    const reordered = JSON.stringify({ description: 'Two coffees', customerReference: 'cust:42', merchantReference: 'order-1001', currency: 'EUR', amount: 1250 });
    const second = await a.create(post(key, reordered));
    expect(second.statusCode).toBe(first.statusCode);
    expect(second.body).toBe(first.body);
    expect(second.headers?.['Idempotent-Replayed']).toBe('true');
    expect(await countPayments()).toBe(before);
    expect(await paymentsFor(bodyOf(first).paymentId as string)).toHaveLength(1);
    expect(await auditsFor(bodyOf(first).paymentId as string)).toHaveLength(1);
  });

  it('conflicting retry (same key, different body) → 422 and nothing changes', async () => {
    const a = api();
    const key = uniqueKey();
    const first = await a.create(post(key));
    const id = bodyOf(first).paymentId as string;
    const storedBefore = await paymentsFor(id);
    const recordBefore = await db.send(new ScanCommand({ TableName: tables.idempotency }));
    const count = await countPayments();
    const res = await a.create(post(key, { ...validBody, amount: 9999 }));
    expect(res.statusCode).toBe(422);
    expect(bodyOf(res)).toMatchObject({ error: expect.any(String), fields: { 'Idempotency-Key': expect.any(String) } });
    expect(await paymentsFor(id)).toEqual(storedBefore);
    expect(await countPayments()).toBe(count);
    expect((await db.send(new ScanCommand({ TableName: tables.idempotency }))).Items).toEqual(recordBefore.Items);
    expect(await auditsFor(id)).toHaveLength(1);
  });

  it('same key while the first request is in progress → 409; the first then completes and later retries replay it', async () => {
    const a = api();
    const key = uniqueKey();
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    a.beforeTransaction = () => gate;
    const firstPromise = a.create(post(key));
    // Wait (bounded) until the first request holds the key; it then blocks before its transaction.
    const keyHash = scopedKeyHash('arn:aws:sts::123456789012:assumed-role/orders-service', key);
    for (let i = 0; i < 100; i += 1) {
      const record = await db.send(new GetCommand({ TableName: tables.idempotency, Key: { idempotencyKey: keyHash }, ConsistentRead: true }));
      if (record.Item?.status === 'IN_PROGRESS') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const second = await a.create(post(key));
    expect(second.statusCode).toBe(409);
    expect(bodyOf(second).error).toEqual(expect.any(String));
    open();
    const first = await firstPromise;
    expect(first.statusCode).toBe(201);
    const third = await a.create(post(key));
    expect(third.body).toBe(first.body);
    expect(await auditsFor(bodyOf(first).paymentId as string)).toHaveLength(1);
  });

  it('a crashed request is retried after its lock expires and completes the same payment', async () => {
    const a = api();
    const key = uniqueKey();
    const keyHash = scopedKeyHash('arn:aws:sts::123456789012:assumed-role/orders-service', key);
    // Simulate a crash: the key is claimed (payload hash of the same body) and never completed.
    const payloadHash = createHash('sha256')
      .update(JSON.stringify({ amount: 1250, currency: 'EUR', customerReference: 'cust:42', description: 'Two coffees', merchantReference: 'order-1001' }))
      .digest('hex');
    const crashed = await a.store.claim(keyHash, payloadHash);
    expect(crashed.kind).toBe('acquired');
    expect((await a.create(post(key))).statusCode).toBe(409);
    a.clock.now += 36_000; // past the 35 s lock
    const retry = await a.create(post(key));
    expect(retry.statusCode).toBe(201);
    expect(bodyOf(retry).paymentId).toBe(crashed.kind === 'acquired' ? crashed.paymentId : 'unreachable');
  });

  it('a failure after the lock releases it: an immediate retry succeeds with the same payment id, stored once', async () => {
    const a = api();
    const key = uniqueKey();
    let calls = 0;
    a.beforeTransaction = async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('unexpected'), { name: 'InternalError' });
    };
    const count = await countPayments();
    const failed = await a.create(post(key));
    // Nothing of the failed attempt is stored: no payment without its audit record.
    expect(await countPayments()).toBe(count);
    expect(failed.statusCode).toBe(500);
    expect(bodyOf(failed)).toEqual({ error: 'internal error' });
    const retry = await a.create(post(key));
    expect(retry.statusCode).toBe(201);
    const id = bodyOf(retry).paymentId as string;
    expect(await paymentsFor(id)).toHaveLength(1);
    expect(await auditsFor(id)).toHaveLength(1);
  });

  it('DynamoDB throttling inside the handler becomes 503 with Retry-After (the documented rule), never a hang', async () => {
    const a = api();
    a.beforeTransaction = async () => {
      throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    };
    const res = await a.create(post(uniqueKey()));
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['Retry-After']).toBe('1');
  });

  it('status → 200 by key; unknown id → 404; bad id → 400 naming the field', async () => {
    const a = api();
    const created = bodyOf(await a.create(post(uniqueKey())));
    const found = await a.get(getReq(created.paymentId as string));
    expect(found.statusCode).toBe(200);
    expect(bodyOf(found)).toEqual(created);
    const unknown = await a.get(getReq('00000000-0000-4000-8000-000000000000'));
    expect(unknown.statusCode).toBe(404);
    expect(bodyOf(unknown).error).toEqual(expect.any(String));
    for (const id of ['not-an-id', "1' OR 1=1", '', undefined]) {
      const bad = await a.get(getReq(id));
      expect(bad.statusCode).toBe(400);
      expect(bodyOf(bad).fields).toHaveProperty('id');
    }
  });

  it('malformed input → 400 naming each field, before any write', async () => {
    const a = api();
    const count = await countPayments();
    const audited = await countAudits();
    const notJson = await a.create(post(uniqueKey(), '{"amount": 12'));
    expect(notJson.statusCode).toBe(400);
    expect(bodyOf(notJson).fields).toEqual({ body: 'is not valid JSON' });

    const bad = await a.create(post(uniqueKey(), { amount: -5, currency: 'eur', merchantReference: '', description: 'x'.repeat(141), cardNumber: '4111111111111111' }));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bodyOf(bad).fields as object).sort()).toEqual(['amount', 'cardNumber', 'currency', 'customerReference', 'description', 'merchantReference']);

    const noKey = await a.create(post(undefined));
    expect(noKey.statusCode).toBe(400);
    expect(bodyOf(noKey).fields).toEqual({ 'Idempotency-Key': 'is required' });

    const fractional = await a.create(post(uniqueKey(), { ...validBody, amount: 12.5 }));
    expect(bodyOf(fractional).fields).toHaveProperty('amount');
    expect(await countPayments()).toBe(count);
    expect(await countAudits()).toBe(audited);
  });

  it('CORS: preflight echoes only configured origins (never *)', async () => {
    const a = api();
    const allowed = await a.create({ httpMethod: 'OPTIONS', headers: { Origin: ORIGIN }, body: null, isBase64Encoded: false });
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers?.['Access-Control-Allow-Origin']).toBe(ORIGIN);
    const other = await a.get({ httpMethod: 'OPTIONS', headers: { Origin: 'https://evil.example' }, pathParameters: null });
    expect(other.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
  });
});

describe('caller-scoped payments', () => {
  it('the same Idempotency-Key from two clients is two payments; neither replays or blocks the other', async () => {
    const a = api();
    const key = uniqueKey();
    const first = await a.create(post(key, { ...validBody, amount: 1 }, {}, CLIENT_B));
    const second = await a.create(post(key));
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.headers?.['Idempotent-Replayed']).toBeUndefined();
    expect(bodyOf(first).paymentId).not.toBe(bodyOf(second).paymentId);
    expect(bodyOf(second).amount).toBe(validBody.amount);
  });

  it("another client's payment id is 404, exactly like an unknown id (no existence oracle)", async () => {
    const a = api();
    const created = await a.create(post(uniqueKey()));
    const id = String(bodyOf(created).paymentId);
    const theirs = await a.get(getReq(id, CLIENT_B));
    const unknown = await a.get(getReq('99999999-2222-4333-8444-555555555555', CLIENT_B));
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(unknown.body);
    // Another session of the same role is the same client.
    expect((await a.get(getReq(id, CLIENT_A.replace('task-1', 'task-2')))).statusCode).toBe(200);
  });

  it('a request without an IAM identity in the request context is refused (403) before any read or write', async () => {
    const a = api();
    const unsigned = { ...post(uniqueKey()), requestContext: undefined };
    expect((await a.create(unsigned)).statusCode).toBe(403);
    expect((await a.get({ ...getReq('11111111-2222-4333-8444-555555555555'), requestContext: undefined })).statusCode).toBe(403);
  });
});

describe('property: no client input produces a 5xx', () => {
  const anyHeaderValue = fc.oneof(fc.string(), fc.string({ minLength: 0, maxLength: 0 }), fc.string({ minLength: 129, maxLength: 5000 }), fc.constant(' '), fc.stringMatching(/^[\x21-\x7e]{1,128}$/));
  const headers = fc.oneof(
    fc.constant(null),
    fc.dictionary(fc.string({ maxLength: 30 }), fc.string({ maxLength: 200 })),
    fc.record({ 'Idempotency-Key': anyHeaderValue }, { requiredKeys: [] }),
    fc.record({ 'idempotency-key': anyHeaderValue, origin: fc.oneof(fc.constant(ORIGIN), fc.string()) }, { requiredKeys: [] }),
  );
  const paymentLike = fc.record(
    {
      amount: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.bigInt().map(String), fc.constant(1e308)),
      currency: fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('EUR', 'usd', 'GBP'), fc.integer()),
      merchantReference: fc.oneof(fc.string({ maxLength: 100 }), fc.constant('m-1'), fc.array(fc.string())),
      customerReference: fc.oneof(fc.string({ maxLength: 100 }), fc.constant('c-1'), fc.object()),
      description: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(undefined), fc.integer()),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    fc.constant(null),
    fc.string(),
    fc.json(),
    paymentLike.map((p) => JSON.stringify(p)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ minLength: 10_000, maxLength: 20_000 }),
  );
  const method = fc.constantFrom('POST', 'GET', 'OPTIONS', 'PUT', 'DELETE', '', 'post');
  const pathParameters = fc.oneof(fc.constant(null), fc.record({ id: fc.oneof(fc.string(), fc.uuid(), fc.string({ minLength: 1000, maxLength: 3000 })) }, { requiredKeys: [] }));

  const check = (r: APIGatewayProxyResult) => {
    expect(r.statusCode).toBeLessThan(500);
    if (r.statusCode >= 400) {
      const parsed = JSON.parse(r.body) as { error?: unknown };
      expect(typeof parsed.error).toBe('string');
    }
  };

  it('POST /payments and GET /payments/{id} answer < 500 with a JSON error body for any 4xx', async () => {
    const a = api();
    await fc.assert(
      fc.asyncProperty(method, headers, body, fc.boolean(), pathParameters, async (httpMethod, h, b, base64, params) => {
        const event = { httpMethod, headers: h as Record<string, string>, body: b, isBase64Encoded: base64, pathParameters: params as Record<string, string> | null };
        check(await a.create(event));
        check(await a.get(event));
      }),
      { numRuns: 300 },
    );
  });
});

describe('unknown keys, __proto__ and constructor included', () => {
  it.each(['__proto__', 'constructor', 'x'.repeat(500)])('POST /payments with an extra key %s is 400 naming it (bounded), nothing stored', async (key) => {
    const a = api();
    const count = await countPayments();
    const text = `{"amount":100,"currency":"EUR","merchantReference":"m-1","customerReference":"c-1",${JSON.stringify(key)}:{"admin":true}}`;
    const res = await a.create(post(uniqueKey(), text));
    expect(res.statusCode).toBe(400);
    const fields = bodyOf(res).fields as Record<string, string>;
    expect(Object.keys(fields)).toHaveLength(1);
    expect(Object.keys(fields)[0].startsWith(key.slice(0, 64))).toBe(true);
    expect(await countPayments()).toBe(count);
  });
});
