/**
 * The event envelope every producer posts and every stage re-checks. Shipped in the shared Lambda layer
 * (`@tap/pipeline-common`, PIPE-16) so ingest and process validate with the same rules.
 */
export interface EventEnvelope {
  /** Producer-chosen unique id; the table's key, so a redelivery never stores twice. */
  readonly id: string;
  readonly source: string;
  readonly type: string;
  /** ISO 8601 timestamp with a zone (`Z` or `+hh:mm`). */
  readonly time: string;
  readonly detail: Record<string, unknown>;
}

/** Field name → what is wrong with it. */
export type EnvelopeErrors = Record<string, string>;

export type EnvelopeResult = { readonly ok: true; readonly value: EventEnvelope } | { readonly ok: false; readonly fields: EnvelopeErrors };

export const ENVELOPE_FIELDS = ['id', 'source', 'type', 'time', 'detail'] as const;

/** Limits that keep a valid envelope inside what EventBridge and DynamoDB accept. */
export const LIMITS = {
  idLength: 128,
  sourceLength: 256,
  // EventBridge's DetailType limit.
  typeLength: 128,
  // PutEvents rejects entries over 256 KB; the envelope travels as the Detail, so leave headroom.
  envelopeBytes: 240 * 1024,
  // Nesting of `detail`: far above any producer's need, far below what breaks JSON.stringify (thousands).
  detailDepth: 32,
} as const;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
/** Control characters (U+0000-U+001F, U+007F) would be stored and logged verbatim; no producer needs them in these fields. */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Whether `value` is an ISO 8601 date-time with a real calendar date and a zone. */
export function isIsoDateTime(value: string): boolean {
  const m = ISO_8601.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return false;
  if (m[9] !== undefined && (Number(m[9]) > 14 || Number(m[10]) > 59)) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max: number, fields: EnvelopeErrors, name: string, pattern?: { re: RegExp; message: string }): string | undefined {
  if (value === undefined || value === null) {
    fields[name] = 'is required';
    return undefined;
  }
  if (typeof value !== 'string') {
    fields[name] = 'must be a string';
    return undefined;
  }
  if (value.trim().length === 0 || value.length > max) {
    fields[name] = `must be 1-${max} characters`;
    return undefined;
  }
  if (hasControlCharacters(value)) {
    fields[name] = 'must not contain control characters';
    return undefined;
  }
  if (pattern && !pattern.re.test(value)) {
    fields[name] = pattern.message;
    return undefined;
  }
  return value;
}

/** True when `value` nests objects/arrays deeper than `max` (iterative: a deep value cannot overflow the stack here). */
export function depthOver(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [v, depth] = pending.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Checks an envelope and names every bad field at once (never only the first), so a producer fixes its
 * request in one round trip. Unknown top-level fields are rejected: the envelope is a contract.
 */
export function validateEnvelope(input: unknown): EnvelopeResult {
  if (!isPlainObject(input)) return { ok: false, fields: { body: 'must be a JSON object' } };
  // Null prototype: an unknown key named `__proto__` or `constructor` is recorded (and refused) like any other.
  const fields = Object.create(null) as EnvelopeErrors;
  const id = text(input.id, LIMITS.idLength, fields, 'id', {
    re: ID_PATTERN,
    message: 'must start with a letter or digit and contain only letters, digits, ".", "_", ":" or "-"',
  });
  const source = text(input.source, LIMITS.sourceLength, fields, 'source');
  const type = text(input.type, LIMITS.typeLength, fields, 'type');
  let time: string | undefined;
  if (input.time === undefined || input.time === null) fields.time = 'is required';
  else if (typeof input.time !== 'string' || !isIsoDateTime(input.time)) fields.time = 'must be an ISO 8601 date-time with a zone, e.g. 2024-05-01T12:00:00Z';
  else time = input.time;
  let detail: Record<string, unknown> | undefined;
  if (input.detail === undefined || input.detail === null) fields.detail = 'is required';
  else if (!isPlainObject(input.detail)) fields.detail = 'must be a JSON object';
  else if (depthOver(input.detail, LIMITS.detailDepth)) fields.detail = `must not be nested deeper than ${LIMITS.detailDepth} levels`;
  else detail = input.detail;
  for (const key of Object.keys(input)) {
    if (!(ENVELOPE_FIELDS as readonly string[]).includes(key)) fields[key] = 'is not allowed';
  }
  if (Object.keys(fields).length > 0 || id === undefined || source === undefined || type === undefined || time === undefined || detail === undefined) {
    return { ok: false, fields };
  }
  const value: EventEnvelope = { id, source, type, time, detail };
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > LIMITS.envelopeBytes) {
    return { ok: false, fields: { detail: `is too large: the envelope must serialize to at most ${LIMITS.envelopeBytes} bytes` } };
  }
  return { ok: true, value };
}
