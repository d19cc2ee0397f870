/**
 * REST-09: error scenarios, against a private local environment of the dev profile (support.ts says
 * why private). Throttling at the synthesized stage rate/burst, a handler that throws (502, counted by the
 * Errors metric the alarms use), DynamoDB throttling and conditional-check failures inside a handler
 * (mapped by rule to 503 + Retry-After and 409; never a hung request), and a poison pipeline message
 * reaching the DLQ after the configured receives so the DLQ-depth alarm's condition holds.
 */
import { randomUUID } from 'node:crypto';
import { signedHeaders } from '@tap/local-env';
import { call, callAdmitted, localOnly, postPayment, startOps, waitFor, withFault, type OpsEnvironment, type Reply, client } from './support';

jest.setTimeout(120_000);
const RUN = randomUUID().slice(0, 8);
let ops: OpsEnvironment;

if (localOnly()) {
  beforeAll(async () => {
    ops = await startOps({ profile: 'dev', suffix: 'opserr' });
  });
  afterAll(async () => {
    await ops?.stop();
  });
}

/** The stage throttle `*` + `/*` the front serves, read from the synthesized aws_api_gateway_method_settings. */
function stageThrottle(apiUrl: string): { rate: number; burst: number } {
  const url = new URL(apiUrl);
  const front = ops.env.apis.find((a) => a.port === Number(url.port));
  const limit = front?.model.stages.get(url.pathname.replace(/^\/|\/$/g, ''))?.throttles.get('*/*');
  if (!limit) throw new Error(`no stage throttle synthesized for ${apiUrl}`);
  return limit;
}

describe('operations: error scenarios (REST-09)', () => {
  it('REST-09 throttling: a burst above the synthesized method-settings burst gets 429 Too Many Requests, never a 5xx', async () => {
    // The payment status function has no reserved concurrency in this profile, so what the burst meets is
    // the stage throttle alone. (A function WITH reserved concurrency is throttled by Lambda beyond it:
    // API Gateway then answers 500, which the local environment reproduces; see the next test.)
    const { rate, burst } = stageThrottle(ops.outputs.paymentApiUrl);
    expect(burst).toBeGreaterThan(0);
    // Waves of burst + 60% more, each sent at once, back to back until the bucket runs dry (a 429) or ten
    // waves have gone: how fast a wave goes out depends on the machine, so the bound below is taken on
    // the time the waves really took (the bucket refills at `rate`/s meanwhile).
    const wave = Math.ceil(burst * 1.6);
    const replies: Reply[] = [];
    const started = Date.now();
    for (let n = 0; n < 10 && !replies.some((r) => r.status === 429); n += 1) {
      // Signed first, then sent at once: signing must not spread the wave out.
      const urls = Array.from({ length: wave }, () => `${ops.outputs.paymentApiUrl}/payments/${randomUUID()}`);
      const signed = await Promise.all(urls.map((url) => signedHeaders(url, client(ops), { method: 'GET', headers: { 'content-type': 'application/json' } })));
      replies.push(...(await Promise.all(urls.map((url, i) => call(url, 'GET', { headers: signed[i] })))));
    }
    const elapsedSeconds = (Date.now() - started) / 1000;
    const limited = replies.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) expect(r.body).toEqual({ message: 'Too Many Requests' });
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    // Everything admitted reached the handler (404 for an unknown id); admitted <= the burst plus what the
    // bucket refilled while the waves went out.
    const admitted = replies.filter((r) => r.status === 404).length;
    expect(admitted + limited.length).toBe(replies.length);
    expect(admitted).toBeGreaterThanOrEqual(Math.min(burst, wave) - 1);
    expect(admitted).toBeLessThanOrEqual(burst + Math.ceil(rate * elapsedSeconds) + 1);
  });

  it('a function at its reserved concurrency is throttled, not queued: API Gateway answers 500, never a hang', async () => {
    const name = ops.fn('rest-api-items');
    const fn = ops.env.functions.get(name);
    const reserved = fn?.spec.reservedConcurrency;
    if (!fn || reserved === undefined) throw new Error(`${name} has no reserved concurrency in this profile`);
    const before = (await ops.metrics()).functions[name] as { throttles?: number; invocations?: number };
    // Every container busy for a while (the hang fault), then one more request.
    ops.env.faults.functionFault(name, 'timeout');
    // The stage admits this method only at its derived throttle (a burst of a few, then its rate), so each
    // busy call retries a 429 until admitted: the reservation fills within seconds, through the throttle.
    const admitted = async (): Promise<unknown> => {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const reply = await call(`${ops.outputs.restApiUrl}/items/${randomUUID()}`, 'GET', { signAs: client(ops), timeoutMs: 60_000 });
        if (reply.status !== 429) return reply;
        await new Promise((r) => setTimeout(r, 100));
      }
      return undefined;
    };
    const busy = Array.from({ length: reserved }, () => admitted().catch(() => undefined));
    try {
      await waitFor('every reserved container busy', 20_000, async () => (fn.containerPids().length >= Math.min(reserved, fn.spec.maxContainers) ? true : undefined));
      // And every reserved execution taken: all `reserved` busy calls admitted through the method throttle.
      const started = before.invocations ?? 0;
      await waitFor('every reserved execution taken', 20_000, async () => (((await ops.metrics()).functions[name] as { invocations?: number }).invocations ?? 0) - started >= reserved ? true : undefined);
      await new Promise((r) => setTimeout(r, 500));
      // Past the throttle (its bucket refills in well under a second), the one more request meets Lambda.
      let extra = await call(`${ops.outputs.restApiUrl}/items/${randomUUID()}`, 'GET', { signAs: client(ops) });
      for (let attempt = 0; extra.status === 429 && attempt < 50; attempt += 1) {
        await new Promise((r) => setTimeout(r, 100));
        extra = await call(`${ops.outputs.restApiUrl}/items/${randomUUID()}`, 'GET', { signAs: client(ops) });
      }
      expect(extra.status).toBe(500);
      expect(extra.body).toEqual({ message: 'Internal server error' });
      expect(extra.ms).toBeLessThan(2_000);
      const after = (await ops.metrics()).functions[name] as { throttles?: number };
      expect((after.throttles ?? 0) - (before.throttles ?? 0)).toBeGreaterThanOrEqual(1);
    } finally {
      ops.env.faults.functionFault(name, undefined);
      ops.env.faults.kill(name);
      await Promise.all(busy);
    }
  });

  it('REST-09 handler throws: 502 Internal server error as API Gateway answers, counted by the Errors metric', async () => {
    await withFault(ops, 'payment-api-create', 'throw', async (name, before) => {
      const reply = await postPayment(ops, `ops-${RUN}-throw`, RUN);
      expect(reply.status).toBe(502);
      expect(reply.body).toEqual({ message: 'Internal server error' });
      const after = (await ops.metrics()).functions[name];
      expect(after.invocations - before.invocations).toBe(1);
      expect(after.errors - before.errors).toBe(1);
    });
  });

  it('REST-09 DynamoDB throttling inside a handler: 503 with Retry-After (payment and items), within the SDK retry budget', async () => {
    const faults = ops.env.faults.dynamoErrors;
    faults.set(ops.outputs.paymentApiIdempotencyTableName, 'ProvisionedThroughputExceededException');
    faults.set(ops.outputs.restApiItemsTableName, 'ProvisionedThroughputExceededException');
    try {
      const payment = await postPayment(ops, `ops-${RUN}-thr`, RUN);
      expect(payment.status).toBe(503);
      expect(Number(payment.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(payment.body.error).toEqual(expect.any(String));
      const item = await call(`${ops.outputs.restApiUrl}/items/${randomUUID()}`, 'GET', { signAs: client(ops) });
      expect(item.status).toBe(503);
      expect(Number(item.headers.get('retry-after'))).toBeGreaterThan(0);
      // Never hung: answered well inside the 29 s integration timeout.
      expect(Math.max(payment.ms, item.ms)).toBeLessThan(15_000);
    } finally {
      faults.clear();
    }
    // The same key succeeds once the table accepts writes again (a retry is safe).
    const retry = await postPayment(ops, `ops-${RUN}-thr`, RUN);
    expect(retry.status).toBe(201);
  });

  it('REST-09 conditional-check failure inside a handler: 409 for a stale version, the item unchanged', async () => {
    const url = `${ops.outputs.restApiUrl}/items`;
    const created = await callAdmitted(url, 'POST', { signAs: client(ops), body: { name: `ops ${RUN}`, quantity: 1 } });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect((await callAdmitted(`${url}/${id}`, 'PUT', { signAs: client(ops), body: { name: `ops ${RUN} v2`, version: 1 } })).status).toBe(200);
    const stale = await callAdmitted(`${url}/${id}`, 'PUT', { signAs: client(ops), body: { name: `ops ${RUN} lost`, version: 1 } });
    expect(stale.status).toBe(409);
    expect((await callAdmitted(`${url}/${id}`, 'GET', { signAs: client(ops) })).body).toMatchObject({ name: `ops ${RUN} v2`, version: 2 });
  });

  it('REST-09 poison message: after maxReceiveCount receives it is in the DLQ and the DLQ-depth alarm condition (visible > 0) holds', async () => {
    const processFn = ops.fn('events-process-fn');
    const token = await ops.pipelineToken();
    expect(await ops.visible(ops.outputs.eventPipelineDlqUrl)).toBe(0);
    const fn = ops.env.functions.get(processFn);
    if (!fn) throw new Error(`${processFn} not running`);
    ops.env.faults.functionFault(processFn, 'throw');
    try {
      const before = (await ops.metrics()).functions[processFn];
      const reply = await call(ops.outputs.eventPipelineEventPostUrl, 'POST', { headers: { authorization: token }, body: { id: `ops-${RUN}-poison`, source: 'ops.suite', type: 'ops.poison', time: new Date().toISOString(), detail: { run: RUN } } });
      expect(reply.status).toBeLessThan(300);
      const depth = await waitFor('the poison message in the DLQ', 40_000, async () => {
        const n = await ops.visible(ops.outputs.eventPipelineDlqUrl);
        return n > 0 ? n : undefined;
      });
      expect(depth).toBe(1);
      const after = (await ops.metrics()).functions[processFn];
      // Received (and failed) exactly maxReceiveCount times before SQS moved it: the synthesized redrive policy.
      const spec = ops.env.sqs.specs().find((q) => q.url === ops.outputs.eventPipelineQueueUrl);
      expect(spec?.redrive?.maxReceiveCount).toBeGreaterThan(0);
      expect(after.errors - before.errors).toBe(spec?.redrive?.maxReceiveCount);
      expect(await ops.visible(ops.outputs.eventPipelineQueueUrl)).toBe(0);
    } finally {
      ops.env.faults.functionFault(processFn, undefined);
    }
  });
});
