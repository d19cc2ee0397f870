import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';

/** Header values accepted as keys: 1-128 visible ASCII characters (the payment API's rule). */
const KEY_PATTERN = /^[\x21-\x7E]{1,128}$/;

type Event = Partial<Pick<APIGatewayProxyEvent, 'headers'>>;

/** `Idempotency-Key` (any header case): absent, valid, or a problem naming the rule. */
export function idempotencyKeyOf(event: Event): { kind: 'none' } | { kind: 'key'; key: string } | { kind: 'invalid'; problem: string } {
  const entry = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'idempotency-key');
  if (!entry || entry[1] === undefined) return { kind: 'none' };
  return KEY_PATTERN.test(entry[1]) ? { kind: 'key', key: entry[1] } : { kind: 'invalid', problem: 'must be 1-128 visible ASCII characters' };
}

/**
 * The item id a keyed create gets: derived from the caller and the key (a UUID-shaped SHA-256, version
 * nibble 8 = custom), so a retry lands on the same item and the conditional put refuses a second one,
 * and two callers with the same key get two items. Items are shared by every granted client (one
 * catalog); only the retry namespace is per caller.
 */
export function keyedItemId(caller: string, key: string): string {
  const h = createHash('sha256').update(`${caller}\n${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Hash of a create's input, stored with the item: the same key with another body is a 422. */
export function requestHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
