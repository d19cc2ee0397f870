import { createHash } from 'node:crypto';
import { isItemId } from './validation';

/**
 * Name of the one list of items. On the list index an item's partition key is one of its shards,
 * `ITEM#0` .. `ITEM#<shards - 1>` (listShardKey): one constant key would cap every item write at one
 * index partition's write limit (see stacks/rest-api/README.md, "Listing").
 */
export const LIST_PARTITION = 'ITEM';

/** Most shards a list may have: a page costs one Query per shard. */
export const MAX_LIST_SHARDS = 64;

/** The shard (0 .. shards - 1) an item id belongs to: a hash of the id, so a keyed retry lands on the same shard. */
export function shardOf(id: string, shards: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % shards;
}

/** The list index partition key of one shard. */
export function shardKey(shard: number): string {
  return `${LIST_PARTITION}#${shard}`;
}

/** The list index partition key an item is written under. */
export function listShardKey(id: string, shards: number): string {
  return shardKey(shardOf(id, shards));
}

/**
 * The shard count from the function's environment (`ITEMS_LIST_SHARDS`, set by the stack from config);
 * unset means 1. Anything but a whole number from 1 to MAX_LIST_SHARDS fails at start, naming the variable.
 */
export function listShardsFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_LIST_SHARDS) throw new Error(`ITEMS_LIST_SHARDS: "${value}" is not a whole number from 1 to ${MAX_LIST_SHARDS}`);
  return n;
}

/**
 * A position in the list: the last item a page returned. `listKey` names the list (LIST_PARTITION), not
 * a shard: the next page starts after `listSort` in every shard.
 */
export interface ListKey {
  readonly id: string;
  readonly listKey: string;
  readonly listSort: string;
}

const MAX_CURSOR_LENGTH = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SORT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#(.+)$/;

/** The sort key on the list index: creation time, then id, so the order is total and stable. */
export function listSortKey(createdAt: string, id: string): string {
  return `${createdAt}#${id}`;
}

/** Opaque cursor: base64url of the last evaluated key, versioned. Opaque to clients, not secret. */
export function encodeCursor(key: ListKey): string {
  return Buffer.from(JSON.stringify({ v: 1, id: key.id, s: key.listSort }), 'utf8').toString('base64url');
}

/**
 * Decodes and validates a cursor. Anything that is not exactly what `encodeCursor` produces (other keys,
 * another partition, a sort key that does not belong to the id) is rejected, so a tampered cursor is a
 * 400 and never reaches DynamoDB as an arbitrary ExclusiveStartKey.
 */
export function decodeCursor(cursor: string): ListKey | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  if (keys !== 'id,s,v' || record.v !== 1 || !isItemId(record.id) || typeof record.s !== 'string') return undefined;
  const match = SORT.exec(record.s);
  if (!match || match[1] !== record.id || Number.isNaN(Date.parse(record.s.slice(0, 24)))) return undefined;
  // Re-encoding must give the same text: rejects non-canonical padding or alternative encodings.
  const key: ListKey = { id: record.id, listKey: LIST_PARTITION, listSort: record.s };
  return encodeCursor(key) === cursor ? key : undefined;
}
