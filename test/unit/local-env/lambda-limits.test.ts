import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorker, LocalFunction, type FunctionSpec } from '../../../packages/local-env/src/lambda/runtime';
import { RESPONSE_LIMIT_BYTES } from '../../../packages/local-env/src/lambda/limits';

// What Lambda enforces and the local runtime must too: the 6 MB response limit and reserved concurrency
// as throttling (not a queue).
jest.setTimeout(60_000);
let dir: string;
let worker: string;
const started: LocalFunction[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tap-limits-'));
  worker = buildWorker(dir);
  writeFileSync(
    join(dir, 'index.js'),
    `exports.handler = async (event) => {
      if (event.size) return { statusCode: 200, body: 'x'.repeat(event.size) };
      await new Promise((r) => setTimeout(r, event.sleepMs ?? 0));
      return { statusCode: 200, body: 'ok' };
    };`,
  );
});
afterAll(async () => {
  for (const fn of started) await fn.stop();
  rmSync(dir, { recursive: true, force: true });
});

function fn(overrides: Partial<FunctionSpec> = {}): LocalFunction {
  const spec: FunctionSpec = { name: `limits-${started.length}`, arn: 'arn:aws:lambda:us-east-1:000000000000:function:limits', handler: 'index.handler', codeDir: dir, environment: {}, timeoutSeconds: 10, memoryMb: 256, layerDirs: [], maxContainers: 4, ...overrides };
  const f = new LocalFunction(spec, worker, join(dir, 'logs'));
  started.push(f);
  return f;
}

describe('local Lambda limits', () => {
  it('a result over 6 MB fails the invocation (Function.ResponseSizeTooLarge, API Gateway then answers 502); one just under passes', async () => {
    const f = fn();
    const big = await f.invoke({ size: RESPONSE_LIMIT_BYTES });
    expect(big).toMatchObject({ ok: false, errorType: 'Function.ResponseSizeTooLarge' });
    const fits = await f.invoke({ size: RESPONSE_LIMIT_BYTES - 100 });
    expect(fits.ok).toBe(true);
    expect(f.metrics.errors).toBe(1);
  });

  it('reserved concurrency throttles the invocation beyond it instead of queueing it', async () => {
    const f = fn({ reservedConcurrency: 2, maxContainers: 2 });
    const results = await Promise.all([f.invoke({ sleepMs: 500 }), f.invoke({ sleepMs: 500 }), f.invoke({ sleepMs: 500 })]);
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ errorType: 'TooManyRequestsException', throttled: true })]);
    expect(f.metrics).toMatchObject({ throttles: 1, invocations: 2, errors: 0 });
    // Capacity is back once the running invocations finish.
    expect((await f.invoke({})).ok).toBe(true);
  });

  it('without reserved concurrency, invocations over the local container cap wait for a container (AWS would scale out)', async () => {
    const f = fn({ maxContainers: 1 });
    const results = await Promise.all([f.invoke({ sleepMs: 200 }), f.invoke({ sleepMs: 200 })]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(f.metrics.throttles).toBe(0);
  });
});
