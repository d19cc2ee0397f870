/**
 * The attacks on the IAM-authorized APIs, through cfn-outputs/flat-outputs.json only, each refused with
 * API Gateway's status and body: unsigned, wrong signature, expired signature, a principal the resource
 * policy does not allow, a client without a grant, another client's payment id, another client's
 * idempotency key. Against AWS the second client and the outsider come from INTEGRATION_API_CLIENTS;
 * without them those cases are skipped with a SKIPPED line (never passed).
 */
import { randomUUID } from 'node:crypto';
import { requireOutputs } from './support/outputs';
import { clientCredentials, signedCall, unsignedCall, type ClientCredentials, type ClientName } from './support/signed-client';

const out = requireOutputs(['paymentApiUrl', 'restApiUrl']);
const payments = `${(out.paymentApiUrl ?? '').replace(/\/+$/, '')}/payments`;
const items = `${(out.restApiUrl ?? '').replace(/\/+$/, '')}/items`;
const RUN = randomUUID().slice(0, 8);
const json = { 'content-type': 'application/json' };
const payment = (n: number) => JSON.stringify({ amount: 100 + n, currency: 'EUR', merchantReference: `auth-${RUN}-${n}`, customerReference: `cust-${RUN}` });
const apiKey: Record<string, string> = out.restApiKeyValue ? { 'x-api-key': out.restApiKeyValue } : {};

jest.setTimeout(60_000);

const clients: Partial<Record<ClientName, ClientCredentials>> = {};
beforeAll(async () => {
  for (const name of ['client-a', 'client-b', 'ungranted', 'outsider'] as const) {
    const c = await clientCredentials(name);
    if (c) clients[name] = c;
  }
  if (!clients['client-a']) throw new Error('no credentials for client-a');
});

/** A test that needs a client this target may not have. */
function withClient(name: ClientName, title: string, fn: (c: ClientCredentials) => Promise<void>): void {
  it(title, async () => {
    const c = clients[name];
    if (!c) {
      process.stdout.write(`SKIPPED: ${title}: no credentials for ${name} (set INTEGRATION_API_CLIENTS)\n`);
      return;
    }
    await fn(c);
  });
}

const A = () => clients['client-a'] as ClientCredentials;
const notAuthorized = (who: RegExp, method: string, path: string) => ({
  Message: expect.stringMatching(new RegExp(`^User: ${who.source} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:[^:]+:\\d{12}:[^/]+/[^/]+/${method}${path}$`)),
});

describe('payment API: only its clients', () => {
  it.each([
    ['POST', payments, payment(0)],
    ['GET', `${payments}/${randomUUID()}`, undefined],
  ])('unsigned %s → 403 Missing Authentication Token', async (method, url, body) => {
    const reply = await unsignedCall(url, { method, headers: { ...json, 'Idempotency-Key': `auth-${RUN}-u` }, ...(body ? { body } : {}) });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'Missing Authentication Token' });
  });

  it('a bearer token instead of a signature → 403 naming the missing SigV4 parts', async () => {
    const reply = await unsignedCall(payments, { method: 'POST', headers: { ...json, authorization: 'Bearer stolen', 'Idempotency-Key': `auth-${RUN}-b` }, body: payment(0) });
    expect(reply.status).toBe(403);
    expect(String(reply.body.message)).toMatch(/^Authorization header requires 'Credential' parameter/);
  });

  it('wrong signature (body changed after signing) → 403 signature mismatch, nothing created', async () => {
    const key = `auth-${RUN}-tamper`;
    const reply = await signedCall(payments, A(), {
      method: 'POST',
      headers: { ...json, 'Idempotency-Key': key },
      body: payment(1),
      tamper: (r) => {
        r.body = payment(999_999);
      },
    });
    expect(reply.status).toBe(403);
    expect(String(reply.body.message)).toMatch(/^The request signature we calculated does not match the signature you provided/);
    // The same key later creates the real payment: the refused request left nothing behind.
    const real = await signedCall(payments, A(), { method: 'POST', headers: { ...json, 'Idempotency-Key': key }, body: payment(1) });
    expect(real.status).toBe(201);
    expect(real.body.amount).toBe(101);
  });

  it('a forged signature (right key id, wrong secret) → 403 signature mismatch', async () => {
    const reply = await signedCall(`${payments}/${randomUUID()}`, { ...A(), secretAccessKey: 'not-the-secret-000000000000000000000000' }, { method: 'GET' });
    expect(reply.status).toBe(403);
    expect(String(reply.body.message)).toMatch(/^The request signature we calculated does not match/);
  });

  it('expired signature (signed 10 minutes ago, replayed) → 403 Signature expired', async () => {
    const reply = await signedCall(`${payments}/${randomUUID()}`, A(), { method: 'GET', signingDate: new Date(Date.now() - 10 * 60_000) });
    expect(reply.status).toBe(403);
    expect(String(reply.body.message)).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
  });

  withClient('outsider', 'a principal the resource policy does not name (another account, allowed by its own policy) → 403 not authorized', async (c) => {
    const reply = await signedCall(payments, c, { method: 'POST', headers: { ...json, 'Idempotency-Key': `auth-${RUN}-out` }, body: payment(2) });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(notAuthorized(/arn:aws:sts::\d{12}:assumed-role\/[^/]+\/[^ ]+/, 'POST', '/payments'));
  });

  withClient('ungranted', 'a principal of the account without an execute-api:Invoke grant → 403 not authorized', async (c) => {
    const reply = await signedCall(`${payments}/${randomUUID()}`, c, { method: 'GET' });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(notAuthorized(/arn:aws:sts::\d{12}:assumed-role\/[^/]+\/[^ ]+/, 'GET', '/payments/[^/]+'));
  });

  withClient('client-b', "another client's payment id → 404, the same answer as an id that does not exist", async (b) => {
    const mine = await signedCall(payments, A(), { method: 'POST', headers: { ...json, 'Idempotency-Key': `auth-${RUN}-mine` }, body: payment(3) });
    expect(mine.status).toBe(201);
    const theirs = await signedCall(`${payments}/${String(mine.body.paymentId)}`, b, { method: 'GET' });
    const none = await signedCall(`${payments}/${randomUUID()}`, b, { method: 'GET' });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(none.body);
    expect((await signedCall(`${payments}/${String(mine.body.paymentId)}`, A(), { method: 'GET' })).status).toBe(200);
  });

  withClient('client-b', "another client's Idempotency-Key (same key, same body) → its own payment, never the first client's", async (b) => {
    const key = `auth-${RUN}-shared`;
    const first = await signedCall(payments, A(), { method: 'POST', headers: { ...json, 'Idempotency-Key': key }, body: payment(4) });
    const replayed = await signedCall(payments, b, { method: 'POST', headers: { ...json, 'Idempotency-Key': key }, body: payment(4) });
    expect([first.status, replayed.status]).toEqual([201, 201]);
    expect(replayed.headers.get('idempotent-replayed')).toBeNull();
    expect(replayed.body.paymentId).not.toBe(first.body.paymentId);
    // Squatting: a key posted first by another client with another body does not block the owner.
    const squat = `auth-${RUN}-squat`;
    expect((await signedCall(payments, b, { method: 'POST', headers: { ...json, 'Idempotency-Key': squat }, body: payment(5) })).status).toBe(201);
    expect((await signedCall(payments, A(), { method: 'POST', headers: { ...json, 'Idempotency-Key': squat }, body: payment(6) })).status).toBe(201);
  });

  it('CORS preflight (OPTIONS, which browsers never sign) still answers', async () => {
    const reply = await unsignedCall(payments, { method: 'OPTIONS', headers: { origin: 'https://example.com', 'access-control-request-method': 'POST' } });
    expect(reply.status).toBe(204);
  });
});

describe('REST API: only its clients; the API key only meters', () => {
  it('unsigned, even with the API key → 403 Missing Authentication Token', async () => {
    const reply = await unsignedCall(`${items}?limit=1`, { method: 'GET', headers: { ...apiKey } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'Missing Authentication Token' });
  });

  it('expired signature → 403 Signature expired', async () => {
    const reply = await signedCall(`${items}?limit=1`, A(), { method: 'GET', headers: { ...apiKey }, signingDate: new Date(Date.now() - 6 * 60_000) });
    expect(reply.status).toBe(403);
    expect(String(reply.body.message)).toMatch(/^Signature expired/);
  });

  withClient('outsider', 'a principal the resource policy does not name → 403 not authorized', async (c) => {
    const reply = await signedCall(`${items}?limit=1`, c, { method: 'GET', headers: { ...apiKey } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(notAuthorized(/arn:aws:sts::\d{12}:assumed-role\/[^/]+\/[^ ]+/, 'GET', '/items'));
  });

  it('signed by a granted client → 200', async () => {
    expect((await signedCall(`${items}?limit=1`, A(), { method: 'GET', headers: { ...apiKey } })).status).toBe(200);
  });
});
