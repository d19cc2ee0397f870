/**
 * Post-deploy smoke checks (packages/delivery/src/smoke.ts) against a stand-in server on an ephemeral port:
 * they only read or get rejected before a handler runs, so they write no business data; a wrong answer
 * fails the run, naming the check.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSmoke as main, smokeChecks } from '@tap/delivery';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
}

describe('smoke checks', () => {
  let server: Server;
  let base = '';
  const seen: Seen[] = [];
  let broken = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      const url = req.url ?? '';
      const answer = (status: number): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
      if (broken && url.startsWith(broken)) return answer(502);
      if (req.method === 'GET' && /^\/pay\/payments\/[0-9a-f-]{36}$/.test(url)) return answer(404);
      if (req.method === 'GET' && url === '/rest/items?limit=1') return answer(req.headers['x-api-key'] === 'k3y' ? 200 : 403);
      if (req.method === 'GET' && /^\/rest\/items\/[0-9a-f-]{36}$/.test(url)) return answer(req.headers['x-api-key'] === 'k3y' ? 404 : 403);
      if (req.method === 'POST' && url === '/ev/events') return answer(req.headers.authorization ? 403 : 401);
      answer(500);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const outputsFile = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'smoke-'));
    const file = join(dir, 'flat-outputs.json');
    writeFileSync(file, JSON.stringify({ paymentApiUrl: `${base}/pay`, restApiUrl: `${base}/rest/`, restApiKeyValue: 'k3y', eventPipelineEventPostUrl: `${base}/ev/events`, restApiItemsTableName: 'rest-api-items-prod' }));
    return file;
  };

  it('every API is checked through read paths or rejected requests only, and all pass', async () => {
    seen.length = 0;
    broken = '';
    const r = await main(['--outputs', outputsFile()], { attempts: 1 });
    expect(r.lines.at(-1)).toBe('smoke: 5 passed, 0 failed');
    expect(r.code).toBe(0);
    expect(seen).toHaveLength(5);
    // nothing that could store a record: GETs, and POSTs to the authorizer-guarded route that are turned away
    for (const s of seen) expect(s.method === 'GET' || (s.method === 'POST' && s.url === '/ev/events')).toBe(true);
    expect(seen.filter((s) => s.method === 'POST').map((s) => s.headers.authorization ?? 'none')).toEqual(['none', expect.stringMatching(/^Bearer smoke-invalid-/)]);
  });

  it('a failing path fails the run and names the check (after retrying 5xx)', async () => {
    seen.length = 0;
    broken = '/pay/';
    const r = await main(['--outputs', outputsFile()], { attempts: 2, retryDelayMs: 1 });
    broken = '';
    expect(r.code).toBe(1);
    expect(r.lines).toContainEqual(expect.stringMatching(/^FAIL payment-api: read an unknown payment: GET -> 502 \(expected 404\)/));
    expect(seen.filter((s) => s.url.startsWith('/pay/'))).toHaveLength(2);
  });

  it('only APIs with outputs are checked; no outputs, a missing file or an unknown option fails', async () => {
    expect(smokeChecks({ restApiUrl: 'https://x/api' }).map((c) => c.name)).toEqual(['rest-api: list items', 'rest-api: read an unknown item']);
    const empty = join(mkdtempSync(join(tmpdir(), 'smoke-')), 'o.json');
    writeFileSync(empty, '{}');
    expect((await main(['--outputs', empty])).code).toBe(1);
    expect((await main(['--outputs', '/nonexistent/o.json'])).lines[0]).toContain('Fix: pnpm outputs:flatten');
    expect(await main(['--write'])).toMatchObject({ code: 1, lines: [expect.stringContaining("Unknown option '--write'"), expect.any(String)] });
  });
});
