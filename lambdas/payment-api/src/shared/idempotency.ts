import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { isConditionalCheckFailed } from '@tap/lambda-kit';
import { IDEMPOTENCY_TABLE_KEY, IDEMPOTENCY_TTL_ATTRIBUTE } from './tables';

/**
 * Idempotency over DynamoDB conditional writes, with the guarantees of Powertools idempotency:
 * - an IN_PROGRESS lock with its own expiry (`lockExpiresAt`, a little over the function timeout), so a
 *   request that crashed can be retried once the lock has lapsed;
 * - a record expiry (`expiresAt`, the table's TTL attribute; 24 h by default), after which the key is new;
 * - a payload hash: the same key with another body is refused without touching data.
 * The record also pins the payment id and creation time chosen at first claim, so a retry after a crash
 * (or after a released lock) completes the SAME payment instead of creating a second one.
 *
 * Why this is not Powertools idempotency (`makeIdempotent` with its DynamoDB persistence layer):
 * - Powertools saves the completed response in its own UpdateItem AFTER the wrapped function returns,
 *   so it cannot be one item of the payment's TransactWriteItems. A crash between the payment's commit
 *   and that update leaves the record IN_PROGRESS with a payment already stored
 *   (docs/decisions/001-transactional-payment-audit.md needs payment, audit record and completion in
 *   one transaction);
 * - when an IN_PROGRESS record's `in_progress_expiration` has passed (a crashed attempt), Powertools
 *   overwrites it and runs the function again from scratch: the record keeps nothing of the first
 *   attempt but the payload hash, so the retry mints a NEW payment id. Here the retry takes the lapsed
 *   lock over with a conditional update that keeps `paymentId` and `createdAt`, and the payment's own
 *   `attribute_not_exists(paymentId)` condition makes a second one impossible.
 */

// The stack creates the table with this key and TTL attribute (shared constants).
const IDEMPOTENCY_KEY_ATTRIBUTE = IDEMPOTENCY_TABLE_KEY;

/** Header values accepted as keys: 1-128 visible ASCII characters. */
const KEY_PATTERN = /^[\x21-\x7E]{1,128}$/;

export function validateIdempotencyKey(value: string | undefined): { ok: true; key: string } | { ok: false; problem: string } {
  if (value === undefined || value.trim() === '') return { ok: false, problem: 'is required' };
  if (!KEY_PATTERN.test(value)) return { ok: false, problem: 'must be 1-128 visible ASCII characters' };
  return { ok: true, key: value };
}

export type Claim =
  | { readonly kind: 'acquired'; readonly paymentId: string; readonly createdAt: string; readonly lockToken: string }
  | { readonly kind: 'replay'; readonly statusCode: number; readonly body: string }
  | { readonly kind: 'payload-mismatch' }
  | { readonly kind: 'in-progress' };

export interface IdempotencyOptions {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  /** How long an IN_PROGRESS lock holds (seconds). Default 35 (function timeout 30 + margin). */
  readonly lockSeconds?: number;
  /** Record lifetime (seconds). Default 86,400 (24 h). */
  readonly ttlSeconds?: number;
  /** Clock in ms. Default Date.now. */
  readonly now?: () => number;
  /** New random ids (payment id, lock token). Default crypto.randomUUID. */
  readonly newId?: () => string;
}

/** An Update action of a TransactWriteItems (document client shape). */
export interface CompletionUpdate {
  readonly TableName: string;
  readonly Key: Record<string, string>;
  readonly UpdateExpression: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

interface StoredRecord {
  idempotencyKey: string;
  status: 'IN_PROGRESS' | 'COMPLETED';
  payloadHash: string;
  paymentId: string;
  createdAt: string;
  expiresAt: number;
  lockToken?: string;
  lockExpiresAt?: number;
  responseStatus?: number;
  responseBody?: string;
}

export class IdempotencyStore {
  private readonly lockSeconds: number;
  private readonly ttlSeconds: number;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly options: IdempotencyOptions) {
    this.lockSeconds = options.lockSeconds ?? 35;
    this.ttlSeconds = options.ttlSeconds ?? 86_400;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  /**
   * Claims a key for this payload: acquired (do the work), replay, payload mismatch, or in progress.
   * `remainingMs` is the invocation's remaining time (Lambda context): the lock then lapses when the
   * invocation is over for certain, so after a crash a retry proceeds within one function timeout
   * instead of waiting for a fixed lock. The key is any string (callers may scope it, e.g. per caller).
   */
  async claim(keyHash: string, payloadHash: string, remainingMs?: number): Promise<Claim> {
    const lockSeconds = remainingMs === undefined ? this.lockSeconds : Math.min(this.lockSeconds, Math.ceil(remainingMs / 1000) + 1);
    // A few rounds cover the races (record expiring or a lock being taken over between read and write).
    for (let round = 0; round < 3; round += 1) {
      const nowSeconds = Math.floor(this.now() / 1000);
      const fresh = this.freshRecord(keyHash, payloadHash, nowSeconds, lockSeconds);
      if (await this.conditionalPut(fresh, 'attribute_not_exists(#k)', { '#k': IDEMPOTENCY_KEY_ATTRIBUTE })) return acquired(fresh);

      const existing = await this.read(keyHash);
      if (!existing) continue; // expired and deleted by TTL in between: try again
      if (existing.expiresAt <= nowSeconds) {
        // Expired but not yet deleted (TTL deletion lags): the key is new again, like Powertools' EXPIRED.
        if (await this.conditionalPut(fresh, '#e = :old', { '#e': IDEMPOTENCY_TTL_ATTRIBUTE }, { ':old': existing.expiresAt })) return acquired(fresh);
        continue;
      }
      if (existing.payloadHash !== payloadHash) return { kind: 'payload-mismatch' };
      if (existing.status === 'COMPLETED') {
        return { kind: 'replay', statusCode: existing.responseStatus ?? 200, body: existing.responseBody ?? '{}' };
      }
      if ((existing.lockExpiresAt ?? 0) > nowSeconds) return { kind: 'in-progress' };
      // The lock lapsed (crashed or released attempt): take it over, keeping its payment id.
      const lockToken = this.newId();
      const taken = await this.conditionalUpdate(
        keyHash,
        'SET lockToken = :t, lockExpiresAt = :l',
        '#s = :inProgress AND lockExpiresAt = :oldLock',
        { ':t': lockToken, ':l': nowSeconds + lockSeconds, ':inProgress': 'IN_PROGRESS', ':oldLock': existing.lockExpiresAt ?? 0 },
      );
      if (taken) return { kind: 'acquired', paymentId: existing.paymentId, createdAt: existing.createdAt, lockToken };
    }
    return { kind: 'in-progress' };
  }

  /**
   * The completion of a claim as one update for a TransactWriteItems (create.ts writes it together with
   * the payment and its audit record): stores the response for replays and drops the lock, only while
   * this attempt still holds the lock (otherwise the whole transaction is cancelled).
   */
  completion(keyHash: string, lockToken: string, statusCode: number, body: string): CompletionUpdate {
    return {
      TableName: this.options.table,
      Key: { [IDEMPOTENCY_KEY_ATTRIBUTE]: keyHash },
      UpdateExpression: 'SET #s = :completed, responseStatus = :code, responseBody = :body REMOVE lockToken, lockExpiresAt',
      ConditionExpression: `attribute_exists(${IDEMPOTENCY_KEY_ATTRIBUTE}) AND lockToken = :t`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':completed': 'COMPLETED', ':code': statusCode, ':body': body, ':t': lockToken },
    };
  }

  /**
   * Releases the lock after a failure so an immediate retry proceeds; the record (and its payment id)
   * stays, so the retry finishes the same payment.
   */
  async release(keyHash: string, lockToken: string): Promise<void> {
    await this.conditionalUpdate(keyHash, 'SET lockExpiresAt = :zero', 'lockToken = :t AND #s = :inProgress', {
      ':zero': 0,
      ':t': lockToken,
      ':inProgress': 'IN_PROGRESS',
    });
  }

  private freshRecord(keyHash: string, payloadHash: string, nowSeconds: number, lockSeconds: number): StoredRecord {
    return {
      idempotencyKey: keyHash,
      status: 'IN_PROGRESS',
      payloadHash,
      paymentId: this.newId(),
      createdAt: new Date(nowSeconds * 1000).toISOString(),
      expiresAt: nowSeconds + this.ttlSeconds,
      lockToken: this.newId(),
      lockExpiresAt: nowSeconds + lockSeconds,
    };
  }

  private async read(keyHash: string): Promise<StoredRecord | undefined> {
    const out = await this.options.db.send(new GetCommand({ TableName: this.options.table, Key: { [IDEMPOTENCY_KEY_ATTRIBUTE]: keyHash }, ConsistentRead: true }));
    return out.Item as StoredRecord | undefined;
  }

  private async conditionalPut(item: StoredRecord, condition: string, names: Record<string, string>, values?: Record<string, unknown>): Promise<boolean> {
    try {
      await this.options.db.send(
        new PutCommand({
          TableName: this.options.table,
          Item: item,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }

  private async conditionalUpdate(keyHash: string, update: string, condition: string, values: Record<string, unknown>): Promise<boolean> {
    const usesStatus = update.includes('#s') || condition.includes('#s');
    try {
      await this.options.db.send(
        new UpdateCommand({
          TableName: this.options.table,
          Key: { [IDEMPOTENCY_KEY_ATTRIBUTE]: keyHash },
          UpdateExpression: update,
          // Also guards against creating a record by update when it expired and was deleted.
          ConditionExpression: `attribute_exists(${IDEMPOTENCY_KEY_ATTRIBUTE}) AND ${condition}`,
          ...(usesStatus ? { ExpressionAttributeNames: { '#s': 'status' } } : {}),
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }
}

function acquired(record: StoredRecord): Claim {
  return { kind: 'acquired', paymentId: record.paymentId, createdAt: record.createdAt, lockToken: record.lockToken ?? '' };
}
