import { randomUUID } from 'node:crypto';
import type { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@tap/lambda-kit';
import { LIST_PARTITION, listShardKey, listShardsFromEnv, listSortKey, shardKey, type ListKey } from './cursor';
import type { ItemInput, ItemUpdate } from './validation';

/** An item as the API returns it. */
export interface Item {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly quantity?: number;
  /** Starts at 1 and grows by one per successful update (optimistic concurrency). */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Where the repository stores items. */
export interface RepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** GSI with hash `listKey` and range `listSort`, projection ALL. */
  readonly listIndexName: string;
  /** Clock, for tests. Default `new Date()`. */
  readonly now?: () => Date;
  /**
   * Shards of the list index (config `dynamodb.itemListShards`, passed as `ITEMS_LIST_SHARDS`). Every
   * reader and writer of one table must use the same count. Default: `ITEMS_LIST_SHARDS`, else 1.
   */
  readonly listShards?: number;
}

/** Outcome of a conditional write: done, the item does not exist, or its version moved on. */
export type WriteResult<T> = { readonly kind: 'ok'; readonly value: T } | { readonly kind: 'not-found' } | { readonly kind: 'stale'; readonly currentVersion: number };

function toItem(record: Record<string, unknown>): Item {
  return {
    id: record.id as string,
    name: record.name as string,
    ...(record.description !== undefined ? { description: record.description as string } : {}),
    ...(record.quantity !== undefined ? { quantity: record.quantity as number } : {}),
    version: record.version as number,
    createdAt: record.createdAt as string,
    updatedAt: record.updatedAt as string,
  };
}

/**
 * Items in DynamoDB, every write conditional. A ConditionalCheckFailed is turned into `stale` (the item
 * exists with another version: 409) or `not-found` (404) by one rule: the item returned with the
 * failure (ReturnValuesOnConditionCheckFailure), or a consistent read where the store does not return it.
 */
export class ItemRepository {
  private readonly now: () => Date;
  private readonly shards: number;

  constructor(private readonly options: RepositoryOptions) {
    this.now = options.now ?? (() => new Date());
    this.shards = options.listShards ?? listShardsFromEnv(process.env.ITEMS_LIST_SHARDS);
  }

  async create(input: ItemInput): Promise<Item> {
    const result = await this.createOnce(randomUUID(), input);
    if (result.kind !== 'created') throw new Error('random item id collided');
    return result.item;
  }

  /**
   * Creates the item under `id` unless one exists (a keyed retry): then returns the item as first
   * created, or `mismatch` when it was created from another request. The first response is stored with
   * the item, so a replay answers it even after later updates.
   */
  async createOnce(id: string, input: ItemInput, hash?: string): Promise<{ kind: 'created' | 'replay'; item: Item } | { kind: 'mismatch' }> {
    const at = this.now().toISOString();
    const item: Item = { id, ...input, version: 1, createdAt: at, updatedAt: at };
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...item, listKey: listShardKey(id, this.shards), listSort: listSortKey(at, id), ...(hash ? { requestHash: hash, firstResponse: JSON.stringify(item) } : {}) },
          // The condition makes "never overwrite" a guarantee (and a keyed retry's answer).
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      return { kind: 'created', item };
    } catch (error) {
      if (!hash || !isConditionalCheckFailed(error)) throw error;
      const out = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: { id }, ConsistentRead: true }));
      if (!out.Item || out.Item.requestHash !== hash) return { kind: 'mismatch' };
      return { kind: 'replay', item: JSON.parse(String(out.Item.firstResponse)) as Item };
    }
  }

  async get(id: string): Promise<Item | undefined> {
    const out = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: { id }, ConsistentRead: true }));
    return out.Item ? toItem(out.Item) : undefined;
  }

  /** Replaces the writable fields when the stored version equals `update.version`; bumps the version. */
  async update(id: string, update: ItemUpdate): Promise<WriteResult<Item>> {
    const names: Record<string, string> = { '#name': 'name', '#version': 'version', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':name': update.name, ':expected': update.version, ':next': update.version + 1, ':at': this.now().toISOString() };
    const set = ['#name = :name', '#version = :next', '#updatedAt = :at'];
    const remove: string[] = [];
    for (const field of ['description', 'quantity'] as const) {
      names[`#${field}`] = field;
      if (update[field] === undefined) remove.push(`#${field}`);
      else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = update[field];
      }
    }
    try {
      const out = await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { id },
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_exists(id) AND #version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { kind: 'ok', value: toItem(out.Attributes ?? {}) };
    } catch (error) {
      return this.conditionFailure(id, error);
    }
  }

  /** Deletes the item only when the stored version equals `version` (a lost update is a 409). */
  async delete(id: string, version?: number): Promise<WriteResult<null>> {
    try {
      await this.options.client.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: { id },
          ConditionExpression: version === undefined ? 'attribute_exists(id)' : 'attribute_exists(id) AND #version = :expected',
          ...(version === undefined ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': version } }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { kind: 'ok', value: null };
    } catch (error) {
      return this.conditionFailure(id, error);
    }
  }

  /**
   * One page of items in creation order across the list's shards (never Scan): one Query per shard for
   * the `limit` items after `start`, merged by sort key. A shard that stopped early (its page was full, or
   * DynamoDB's 1 MB page size) bounds the page: nothing after its last key is returned yet, so no item of
   * that shard is skipped. Cost: `shards` Queries, each reading up to `limit` items.
   */
  async list(limit: number, start?: ListKey): Promise<{ items: Item[]; last?: ListKey }> {
    const pages = await Promise.all(Array.from({ length: this.shards }, (_, shard) => this.queryShard(shard, limit, start?.listSort)));
    // The lowest sort key up to which every shard answered completely.
    let complete: string | undefined;
    for (const page of pages) if (page.more && page.records.length > 0 && (complete === undefined || page.lastSort < complete)) complete = page.lastSort;
    const merged = pages
      .flatMap((page) => page.records)
      .filter((record) => complete === undefined || String(record.listSort) <= complete)
      .sort((a, b) => (String(a.listSort) < String(b.listSort) ? -1 : 1));
    const items = merged.slice(0, limit);
    const more = merged.length > limit || complete !== undefined;
    const tail = items[items.length - 1];
    return {
      items: items.map(toItem),
      ...(more && tail ? { last: { id: String(tail.id), listKey: LIST_PARTITION, listSort: String(tail.listSort) } } : {}),
    };
  }

  /** Up to `limit` records of one shard after `after`, and whether the shard has more. */
  private async queryShard(shard: number, limit: number, after?: string): Promise<{ records: Record<string, unknown>[]; more: boolean; lastSort: string }> {
    const out = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        IndexName: this.options.listIndexName,
        KeyConditionExpression: after === undefined ? 'listKey = :list' : 'listKey = :list AND listSort > :after',
        ExpressionAttributeValues: { ':list': shardKey(shard), ...(after === undefined ? {} : { ':after': after }) },
        Limit: limit,
      }),
    );
    const records = (out.Items ?? []) as Record<string, unknown>[];
    return { records, more: out.LastEvaluatedKey !== undefined, lastSort: String(records[records.length - 1]?.listSort ?? '') };
  }

  private async conditionFailure<T>(id: string, error: unknown): Promise<WriteResult<T>> {
    if (!isConditionalCheckFailed(error)) throw error;
    const returned = (error as ConditionalCheckFailedException).Item;
    if (returned) {
      const version = returned.version?.N;
      return { kind: 'stale', currentVersion: Number(version) };
    }
    // Stores that do not return the old item (older DynamoDB-compatible servers): one consistent read decides.
    const current = await this.get(id);
    return current ? { kind: 'stale', currentVersion: current.version } : { kind: 'not-found' };
  }
}
