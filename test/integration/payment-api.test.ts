/**
 * Payment API through cfn-outputs/flat-outputs.json only: the same suite runs against the local
 * environment (default) and a real deployment (INTEGRATION_TARGET=aws). Every request is bounded by a
 * timeout and every Idempotency-Key is random per run.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { requireOutputs } from './support/outputs';
import { clientCredentials, signedCall } from './support/signed-client';

const out = requireOutputs(['paymentApiUrl', 'paymentApiAuditTableName']);
const base = `${(out.paymentApiUrl ?? '').replace(/\/+$/, '')}/payments`;
const RUN = randomUUID().slice(0, 8);
// Default construction: region and endpoint come from the environment (AWS_ENDPOINT_URL_DYNAMODB locally).
const dynamodb = new DynamoDBClient({});

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

/** A SigV4-signed call as the first granted client (the API is IAM-authorized). */
async function call(method: string, path: string, options: { body?: unknown; key?: string } = {}): Promise<Reply> {
  const credentials = await clientCredentials('client-a');
  if (!credentials) throw new Error('no credentials for client-a: run with AWS credentials (INTEGRATION_TARGET=aws) or against the local environment');
  const reply = await signedCall(`${base}${path}`, credentials, {
    method,
    headers: { 'content-type': 'application/json', ...(options.key !== undefined ? { 'Idempotency-Key': options.key } : {}) },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  return { status: reply.status, body: reply.body, text: typeof reply.body.raw === 'string' ? reply.body.raw : JSON.stringify(reply.body) };
}

const payment = (n: number) => ({ amount: 1000 + n, currency: 'EUR', merchantReference: `it-${RUN}-${n}`, customerReference: `cust-${RUN}` });
/** The error message of a 4xx: `error` from the handlers and the gateway responses (`message` from a bare API Gateway). */
const errorOf = (r: Reply) => (typeof r.body.error === 'string' ? r.body.error : r.body.message);

describe('payment API', () => {
  let created: Record<string, unknown>;
  let firstText: string;
  const key = `it-${RUN}-main`;

  beforeAll(async () => {
    const first = await call('POST', '', { key, body: payment(1) });
    expect(first.status).toBe(201);
    created = first.body;
    firstText = first.text;
  });

  it('create → 201 with a payment id and PENDING; status by id → 200 with the same payment', async () => {
    expect(created).toMatchObject({ status: 'PENDING', amount: 1001, currency: 'EUR' });
    expect(String(created.paymentId)).toMatch(/^[0-9a-f-]{36}$/);
    const status = await call('GET', `/${created.paymentId}`);
    expect(status.status).toBe(200);
    expect(status.body).toEqual(created);
  });

  it('idempotent retry (same key, same body) → the first response, same payment id', async () => {
    const retry = await call('POST', '', { key, body: payment(1) });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(JSON.parse(firstText));
  });

  it('conflicting retry (same key, different body) → 422; the payment is unchanged', async () => {
    const conflict = await call('POST', '', { key, body: payment(2) });
    expect(conflict.status).toBe(422);
    expect(errorOf(conflict)).toEqual(expect.any(String));
    expect((await call('GET', `/${created.paymentId}`)).body).toEqual(created);
  });

  it('bad input → 400 with a JSON error: invalid body, missing key, over-long key, bad id', async () => {
    const invalid = await call('POST', '', { key: `it-${RUN}-bad`, body: { amount: -1, currency: 'euro' } });
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid)).toEqual(expect.any(String));
    const malformed = await call('POST', '', { key: `it-${RUN}-bad2`, body: '{"amount":' });
    expect(malformed.status).toBe(400);
    const noKey = await call('POST', '', { body: payment(3) });
    expect(noKey.status).toBe(400);
    expect(errorOf(noKey)).toEqual(expect.any(String));
    // Passes the gateway (the header is present) and is refused by the handler, naming the field.
    const longKey = await call('POST', '', { key: 'k'.repeat(200), body: payment(4) });
    expect(longKey.status).toBe(400);
    expect(longKey.body.fields).toHaveProperty('Idempotency-Key');
    const badId = await call('GET', '/not-a-payment-id');
    expect(badId.status).toBe(400);
    expect(badId.body.fields).toHaveProperty('id');
  });

  it('the gateway\'s 400 for a body that breaks the model names the failing field', async () => {
    const reply = await call('POST', '', { key: `it-${RUN}-fields`, body: { amount: 5, currency: 'EUR' } });
    expect(reply.status).toBe(400);
    expect(reply.body.fields).toEqual({ body: expect.stringContaining('merchantReference') });
  });

  it('unknown id → 404', async () => {
    const unknown = await call('GET', `/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown)).toEqual(expect.any(String));
  });

  it('the payment is audited the moment it exists: its audit record is written in the same transaction (no wait)', async () => {
    const got = await dynamodb.send(
      new GetItemCommand({
        TableName: out.paymentApiAuditTableName,
        Key: { paymentId: { S: String(created.paymentId) }, event: { S: 'PAYMENT_CREATED' } },
        ConsistentRead: true,
      }),
    );
    expect(got.Item).toMatchObject({ paymentId: { S: created.paymentId }, event: { S: 'PAYMENT_CREATED' }, amount: { N: '1001' } });
  });
});
