import { request } from 'node:http';

/** A JSON answer: status and parsed body (`{}` when empty). */
export interface JsonAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * POSTs a JSON body to a local server with node:http and parses the JSON answer. Not fetch: its first
 * use loads undici, which start-up (table creation, the token lookup) would pay for a few calls.
 */
export function postJson(url: string, headers: Readonly<Record<string, string>>, body: object): Promise<JsonAnswer> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(text)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 500, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
        } catch {
          reject(new Error(`${url} answered ${res.statusCode ?? '?'} with a body that is not JSON: ${raw.slice(0, 200)}`));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}
