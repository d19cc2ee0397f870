import { sha256 } from '@tap/lambda-kit';

/**
 * The idempotency record's key: the client's key within the caller's namespace, so two clients using
 * the same key get two payments and neither can block or read the other's. The one place the scoping
 * is decided.
 */
export function scopedKeyHash(caller: string, idempotencyKey: string): string {
  return sha256(`${caller}\n${idempotencyKey}`);
}

/** Attribute of a stored payment naming its owner; a read by anyone else answers 404. */
export const OWNER_ATTRIBUTE = 'ownerArn';
