/**
 * `pnpm smoke [--outputs cfn-outputs/flat-outputs.json]`: post-deploy smoke checks for a long-lived
 * environment that write no business data. Only read paths and requests the APIs reject before any
 * handler stores anything:
 *   - payment API: GET /payments/<random id>            -> 404 (gateway, function, IAM, table read)
 *   - REST API:    GET /items?limit=1 (with the API key) -> 200; GET /items/<random id> -> 404
 *   - pipeline:    POST /events without a token         -> 401 (the gateway's identity-source check)
 *                  POST /events with an invalid token   -> 403 (the authorizer function ran and denied)
 * A check retries 5xx and network errors (a fresh deployment can take seconds), then fails.
 * Exit 0 all passed, 1 any failed or bad arguments. The full integration suite (which creates payments,
 * items and events) runs only against ephemeral environments.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface SmokeCheck {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly expect: number;
}

export interface SmokeResult {
  readonly check: SmokeCheck;
  readonly status: number | 'error';
  readonly ok: boolean;
  readonly detail: string;
}

const trim = (url: string): string => url.replace(/\/+$/, '');

/** The checks the outputs allow; an API whose URL output is absent is not checked. */
export function smokeChecks(outputs: Readonly<Record<string, unknown>>): SmokeCheck[] {
  const str = (key: string): string | undefined => (typeof outputs[key] === 'string' && outputs[key] !== '' ? (outputs[key] as string) : undefined);
  const checks: SmokeCheck[] = [];
  const payment = str('paymentApiUrl');
  if (payment) checks.push({ name: 'payment-api: read an unknown payment', method: 'GET', url: `${trim(payment)}/payments/${randomUUID()}`, headers: {}, expect: 404 });
  const rest = str('restApiUrl');
  if (rest) {
    const key = str('restApiKeyValue');
    const headers: Record<string, string> = key ? { 'x-api-key': key } : {};
    checks.push({ name: 'rest-api: list items', method: 'GET', url: `${trim(rest)}/items?limit=1`, headers, expect: 200 });
    checks.push({ name: 'rest-api: read an unknown item', method: 'GET', url: `${trim(rest)}/items/${randomUUID()}`, headers, expect: 404 });
  }
  const events = str('eventPipelineEventPostUrl');
  if (events) {
    const body = JSON.stringify({ source: 'smoke', detailType: 'smoke', detail: {} });
    checks.push({ name: 'event-pipeline: no token is rejected by the gateway', method: 'POST', url: events, headers: { 'content-type': 'application/json' }, body, expect: 401 });
    checks.push({ name: 'event-pipeline: an invalid token is denied by the authorizer', method: 'POST', url: events, headers: { 'content-type': 'application/json', authorization: `Bearer smoke-invalid-${randomUUID()}` }, body, expect: 403 });
  }
  return checks;
}

export interface RunOptions {
  readonly attempts?: number;
  readonly retryDelayMs?: number;
  readonly timeoutMs?: number;
}

export async function runCheck(check: SmokeCheck, options: RunOptions = {}): Promise<SmokeResult> {
  const attempts = options.attempts ?? 4;
  let last: SmokeResult = { check, status: 'error', ok: false, detail: 'not run' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await fetch(check.url, { method: check.method, headers: check.headers, body: check.body, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      const text = (await res.text()).slice(0, 200);
      last = { check, status: res.status, ok: res.status === check.expect, detail: text };
      if (last.ok || res.status < 500) return last;
    } catch (error) {
      last = { check, status: 'error', ok: false, detail: (error as Error).message };
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 5000));
  }
  return last;
}

export const USAGE = `usage: smoke [--outputs <flat-outputs.json>]   (default cfn-outputs/flat-outputs.json)`;

export async function main(argv: readonly string[], options: RunOptions = {}): Promise<{ code: number; lines: string[] }> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: { outputs: { type: 'string', default: 'cfn-outputs/flat-outputs.json' }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (error) {
    return { code: 1, lines: [`smoke: ${(error as Error).message}`, USAGE] };
  }
  if (values.help) return { code: 0, lines: [USAGE] };
  let outputs: Record<string, unknown>;
  try {
    outputs = JSON.parse(readFileSync(values.outputs, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    return { code: 1, lines: [`smoke: cannot read ${values.outputs} (${(error as Error).message}). Fix: pnpm outputs:flatten --input cdktf.out/outputs.json --include-sensitive`] };
  }
  const checks = smokeChecks(outputs);
  if (checks.length === 0) return { code: 1, lines: [`smoke: ${values.outputs} has no API URL outputs (paymentApiUrl, restApiUrl, eventPipelineEventPostUrl)`] };
  const results = await Promise.all(checks.map((c) => runCheck(c, options)));
  const lines = results.map((r) => `${r.ok ? 'ok  ' : 'FAIL'} ${r.check.name}: ${r.check.method} -> ${r.status} (expected ${r.check.expect})${r.ok ? '' : ` ${r.detail}`}`);
  const failed = results.filter((r) => !r.ok).length;
  lines.push(`smoke: ${results.length - failed} passed, ${failed} failed`);
  return { code: failed > 0 ? 1 : 0, lines };
}

if (require.main === module) {
  void main(process.argv.slice(2)).then(({ code, lines }) => {
    process.stdout.write(`${lines.join('\n')}\n`);
    process.exitCode = code;
  });
}
