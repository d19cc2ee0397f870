import { isItemId } from './validation';

/** Partition key value every item carries on the list index (one list; see stacks/rest-api/README.md). */
export const LIST_PARTITION = 'ITEM';

/** The list index's key of one item: what DynamoDB returns as LastEvaluatedKey for a Query on it. */
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
