/**
 * REST-09, the scenarios that need the production profile or a long timeout: the dev profile has no
 * usage plan, so a private local environment of the PRODUCTION profile is synthesized and started here
 * (the honest option: the same synthesized usage plan and API key a production deploy gets). Timeouts
 * are scaled by 0.1 (function 30 s → 3 s, integration 29 s → 2.9 s): the order of the two is kept, so a
 * hung handler answers 504 from the integration timeout, and the function's own timeout is then
 * counted by its Errors metric, as in Lambda.
 */
import { randomUUID } from 'node:crypto';
import { call, localOnly, postPayment, startOps, waitFor, withFault, type OpsEnvironment, client } from './support';

jest.setTimeout(120_000);
const RUN = randomUUID().slice(0, 8);
let ops: OpsEnvironment;

if (localOnly()) {
  beforeAll(async () => {
    ops = await startOps({ profile: 'production', suffix: 'opsprod', timeoutScale: 0.1 });
  });
  afterAll(async () => {
    await ops?.stop();
  });
}

describe('operations: production profile error scenarios (REST-09)', () => {
  it('REST-09 permission denial: a signed call with a missing or wrong API key is 403 Forbidden where the usage plan exists; the right key is 200; the key alone is no authorization', async () => {
    const url = `${ops.outputs.restApiUrl}/items?limit=1`;
    expect(ops.outputs.restApiUsagePlanId).toBeTruthy();
    const signAs = client(ops);
    const missing = await call(url, 'GET', { signAs });
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual({ message: 'Forbidden' });
    const wrong = await call(url, 'GET', { signAs, headers: { 'x-api-key': `wrong-${RUN}-0000000000000000000000` } });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ message: 'Forbidden' });
    expect((await call(url, 'GET', { signAs, headers: { 'x-api-key': ops.outputs.restApiKeyValue } })).status).toBe(200);
    // The API key meters (usage plan); without a signature it opens nothing.
    const keyOnly = await call(url, 'GET', { headers: { 'x-api-key': ops.outputs.restApiKeyValue } });
    expect(keyOnly.status).toBe(403);
    expect(keyOnly.body).toEqual({ message: 'Missing Authentication Token' });
  });

  it('REST-09 handler timeout: 504 Endpoint request timed out, then the function timeout counts as a Lambda error', async () => {
    await withFault(ops, 'payment-api-create', 'timeout', async (name, before) => {
      const reply = await postPayment(ops, `ops-${RUN}-hang`, RUN);
      expect(reply.status).toBe(504);
      expect(reply.body).toEqual({ message: 'Endpoint request timed out' });
      const after = await waitFor('the function timeout', 10_000, async () => {
        const m = (await ops.metrics()).functions[name];
        return m.timeouts > before.timeouts ? m : undefined;
      });
      expect(after.timeouts - before.timeouts).toBe(1);
      // Errors (the metric of the Lambda error-rate alarm) counts the timeout too.
      expect(after.errors - before.errors).toBe(1);
    });
    // The next call starts a fresh container and succeeds.
    const ok = await postPayment(ops, `ops-${RUN}-after`, RUN);
    expect(ok.status).toBe(201);
  });
});
