/**
 * The local API Gateway's IAM checks without starting an environment: SigV4 verification
 * (@smithy/signature-v4) and resource + identity policy evaluation (@cloud-copilot/iam-simulate).
 */
import { ApiAccess, localClients, signedHeaders, verifySigV4, type LocalClient } from '@tap/local-env';

const ACCOUNT = '000000000000';
const API = 'abc123';
const EXEC = `arn:aws:execute-api:us-east-1:${ACCOUNT}:${API}`;
const grant = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${EXEC}/*/POST/payments`, `${EXEC}/*/GET/payments/*`] }] };
const resourcePolicy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowedClients', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] }, Action: 'execute-api:Invoke', Resource: [`${EXEC}/*`] },
    { Sid: 'CorsPreflightOnly', Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${EXEC}/*/OPTIONS/*` },
  ],
};
const clients = localClients(ACCOUNT, [grant]);
const byName = (n: string) => clients.find((c) => c.name === n) as LocalClient;
const URL_ = 'http://127.0.0.1:4321/api/payments';
const body = '{"amount":1}';

async function request(client: LocalClient, options: { signingDate?: Date; body?: string; sentBody?: string } = {}) {
  const headers = await signedHeaders(URL_, client, { method: 'POST', headers: { 'content-type': 'application/json' }, body: options.body ?? body, signingDate: options.signingDate, region: 'us-east-1' });
  return { method: 'POST', rawPath: '/api/payments', query: new URLSearchParams(), headers: { ...headers, host: '127.0.0.1:4321' }, body: Buffer.from(options.sentBody ?? options.body ?? body) };
}

describe('local SigV4 verification', () => {
  it('accepts a request signed by a local client and names the client', async () => {
    const result = await verifySigV4(await request(byName('client-a')), clients, 'us-east-1');
    expect(result).toMatchObject({ client: { name: 'client-a' } });
  });

  it('refuses unsigned, malformed, unknown-key, tampered, wrong-secret, wrong-region and expired requests with API Gateway bodies', async () => {
    const good = await request(byName('client-a'));
    const cases: [Parameters<typeof verifySigV4>[0], RegExp][] = [
      [{ ...good, headers: { host: '127.0.0.1:4321' } }, /^Missing Authentication Token$/],
      [{ ...good, headers: { ...good.headers, authorization: 'Bearer x' } }, /^Authorization header requires 'Credential' parameter/],
      [await request({ ...byName('client-a'), accessKeyId: 'ASIAUNKNOWN0000000' }), /^The security token included in the request is invalid\.$/],
      [await request(byName('client-a'), { sentBody: '{"amount":1000000}' }), /^The request signature we calculated does not match/],
      [await request({ ...byName('client-a'), secretAccessKey: 'wrong' }), /^The request signature we calculated does not match/],
      [await request(byName('client-a'), { signingDate: new Date(Date.now() - 6 * 60_000) }), /^Signature expired: \d{8}T\d{6}Z is now earlier than/],
      [await request(byName('client-a'), { signingDate: new Date(Date.now() + 6 * 60_000) }), /^Signature not yet current/],
    ];
    for (const [req, message] of cases) {
      const result = await verifySigV4(req, clients, 'us-east-1');
      expect(result).toMatchObject({ status: 403, body: { message: expect.stringMatching(message) } });
    }
    expect(await verifySigV4(good, clients, 'eu-west-1')).toMatchObject({ status: 403, body: { message: 'Credential should be scoped to a valid region.' } });
  });
});

describe('local resource and identity policy evaluation', () => {
  const access = new ApiAccess({ region: 'us-east-1', accountId: ACCOUNT, clients, resourcePolicy });
  const check = async (client: LocalClient) =>
    access.check({ ...(await request(client)), authorization: 'AWS_IAM', methodArn: `${EXEC}/api/POST/payments`, route: '/payments' });

  it('a granted client of the account is allowed, with its identity for requestContext (session ARN, account)', async () => {
    expect(await check(byName('client-a'))).toMatchObject({ kind: 'allow', identity: { userArn: byName('client-a').sessionArn, accountId: ACCOUNT } });
  });

  it('the account principal in the resource policy grants nothing alone; another account is refused although its own policy allows all', async () => {
    for (const name of ['ungranted', 'outsider']) {
      const c = byName(name);
      expect(await check(c)).toMatchObject({ kind: 'refuse', status: 403, body: { Message: `User: ${c.sessionArn} is not authorized to perform: execute-api:Invoke on resource: ${EXEC}/api/POST/payments` } });
    }
  });

  it('methods without IAM are checked as the anonymous caller: OPTIONS passes, anything else is refused', async () => {
    const anon = (method: string) => access.check({ method, rawPath: '/api/payments', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0), authorization: 'NONE', methodArn: `${EXEC}/api/${method}/payments`, route: '/payments' });
    expect(await anon('OPTIONS')).toEqual({ kind: 'allow' });
    expect(await anon('POST')).toMatchObject({ kind: 'refuse', body: { Message: expect.stringMatching(/^User: anonymous is not authorized/) } });
  });
});
