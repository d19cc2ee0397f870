import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { checkJsonText, DEFAULT_JSON_LIMITS, type JsonLimits } from './json-bounds';

/** Field name → what is wrong with it. */
export type FieldErrors = Record<string, string>;

/** The one error body every API in this repo answers with. */
export interface ErrorBody {
  readonly error: string;
  readonly fields?: FieldErrors;
}

/** A JSON response. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Most fields an error body names; the rest are summarized (a body with 100,000 unknown keys gets a short answer). */
export const MAX_ERROR_FIELDS = 10;
/** Longest field name echoed back (client-chosen names are truncated). */
export const MAX_FIELD_NAME = 64;

/**
 * At most MAX_ERROR_FIELDS entries, names cut to MAX_FIELD_NAME characters, so an error body (and a log
 * line built from it) stays small whatever the client sent. Built on a null-prototype object: a field
 * named `__proto__` or `constructor` is listed like any other, not swallowed by Object.prototype.
 */
export function boundFields(fields: FieldErrors): FieldErrors {
  const out = Object.create(null) as FieldErrors;
  const names = Object.keys(fields);
  for (const name of names.slice(0, MAX_ERROR_FIELDS)) out[name.length > MAX_FIELD_NAME ? `${name.slice(0, MAX_FIELD_NAME)}...` : name] = fields[name];
  if (names.length > MAX_ERROR_FIELDS) out['(more)'] = `${names.length - MAX_ERROR_FIELDS} more fields not listed`;
  return out;
}

/** An empty field-error map that accepts any key, `__proto__` included (plain `{}` ignores that one). */
export function fieldErrors(): FieldErrors {
  return Object.create(null) as FieldErrors;
}

/** A 4xx/5xx with the repo's error body (fields bounded by boundFields). */
export function error(statusCode: number, message: string, fields?: FieldErrors, headers: Record<string, string> = {}): APIGatewayProxyResult {
  const body: ErrorBody = fields && Object.keys(fields).length > 0 ? { error: message, fields: boundFields(fields) } : { error: message };
  return json(statusCode, body, headers);
}

/** 400 naming each bad field. */
export function badRequest(fields: FieldErrors, message = 'validation failed'): APIGatewayProxyResult {
  return error(400, message, fields);
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly response: APIGatewayProxyResult };

/**
 * Parses the request body as a JSON object; a missing, non-JSON or non-object body is a 400, never a
 * throw. A base64 body (API Gateway sets isBase64Encoded for binary media types; the local front for
 * bytes that are not UTF-8) must decode as UTF-8: otherwise 400 naming the field that holds the bad
 * bytes. The text is bounded first (json-bounds.ts): over `limits.maxBytes` is 413; too deep, too many
 * values, a duplicate key or a number that cannot be kept exactly is 400 naming the problem.
 */
export function parseJsonObject(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'>, limits: JsonLimits = DEFAULT_JSON_LIMITS): Parsed<Record<string, unknown>> {
  if (event.body === null || event.body === undefined || event.body === '') {
    return { ok: false, response: badRequest({ body: 'is required' }) };
  }
  let text = event.body;
  if (event.isBase64Encoded) {
    const bytes = Buffer.from(event.body, 'base64');
    try {
      // Fatal: bytes that are not UTF-8 are a 400 naming the field, never stored as U+FFFD.
      text = STRICT_UTF8.decode(bytes);
    } catch {
      return { ok: false, response: badRequest(notUtf8Fields(bytes)) };
    }
  }
  const bounds = checkJsonText(text, limits);
  if (!bounds.ok) {
    return { ok: false, response: bounds.status === 413 ? error(413, 'request body too large', { body: bounds.problem }) : badRequest({ body: bounds.problem }) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, response: badRequest({ body: 'is not valid JSON' }) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, response: badRequest({ body: 'must be a JSON object' }) };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * Decodes UTF-8 and throws on any byte sequence that is not UTF-8. The BOM is kept (ignoreBOM), so a
 * body starting with one is refused by JSON.parse as before, not silently accepted.
 */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const NOT_UTF8 = 'is not valid UTF-8: send the body as UTF-8 text';

/**
 * Which fields hold the bytes that are not UTF-8: the top-level members whose key or value (at any depth)
 * decodes to U+FFFD; the whole `body` when the text is not a JSON object (or no member shows it).
 */
function notUtf8Fields(bytes: Buffer): FieldErrors {
  const fields = fieldErrors();
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { body: NOT_UTF8 };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, member] of Object.entries(value)) if (key.includes('\uFFFD') || JSON.stringify(member).includes('\uFFFD')) fields[key] = NOT_UTF8;
  }
  return Object.keys(fields).length > 0 ? fields : { body: NOT_UTF8 };
}

/** A header, case-insensitively (API Gateway keeps the client's casing). */
export function header(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * CORS headers for a request: the request's Origin is echoed only when it is in the allowed list
 * (`CORS_ORIGINS` from config, comma-separated); `*` is honoured only if config put it there.
 */
export function corsHeaders(event: Pick<APIGatewayProxyEvent, 'headers'>, allowedOrigins: readonly string[]): Record<string, string> {
  const origin = header(event, 'origin');
  const allowAll = allowedOrigins.includes('*');
  if (!origin || (!allowAll && !allowedOrigins.includes(origin))) return {};
  return {
    'Access-Control-Allow-Origin': allowAll ? '*' : origin,
    'Access-Control-Allow-Headers': 'Content-Type,Authorization,Idempotency-Key,X-Api-Key',
    'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,OPTIONS',
    Vary: 'Origin',
  };
}

/** Allowed origins from the function's environment (set by the stack from config). */
export function allowedOriginsFromEnv(value: string | undefined): string[] {
  return (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
}

/** The request's method in upper case, or '' when the event carries none. */
export function methodOf(event: { readonly httpMethod?: unknown }): string {
  return typeof event.httpMethod === 'string' ? event.httpMethod.toUpperCase() : '';
}

/** 405 naming the methods the resource serves (`Allow`). */
export function methodNotAllowed(allowed: readonly string[]): APIGatewayProxyResult {
  return error(405, 'method not allowed', undefined, { Allow: allowed.join(', ') });
}

/**
 * The method guard of a CORS-enabled route: OPTIONS (the browser's preflight) is 204 with the CORS
 * headers, a method outside `allowed` is 405 naming `allowed` and OPTIONS; undefined when the method is
 * served and the logic goes on.
 */
export function methodGuard(event: { readonly httpMethod?: unknown }, allowed: readonly string[], cors: Record<string, string>): APIGatewayProxyResult | undefined {
  const method = methodOf(event);
  if (method === 'OPTIONS') return { statusCode: 204, headers: cors, body: '' };
  if (!allowed.includes(method)) return withHeaders(methodNotAllowed([...allowed, 'OPTIONS']), cors);
  return undefined;
}

/** The result with `headers` added (CORS on every answer). */
export function withHeaders(result: APIGatewayProxyResult, headers: Record<string, string>): APIGatewayProxyResult {
  return { ...result, headers: { ...(result.headers ?? {}), ...headers } };
}
