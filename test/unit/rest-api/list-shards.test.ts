import { DynamoDBClient, QueryCommand as RawQuery } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createItemsTable, localDynamoEnv, startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { decodeCursor, encodeCursor, listShardKey, listShardsFromEnv, shardKey, shardOf, type ListKey } from '../../../lambdas/rest-api/src/items/cursor';
import { ItemRepository, type Item } from '../../../lambdas/rest-api/src/items/repository';

// The list index spread over shards, against a real local DynamoDB: every item exactly once, in creation
// order, across pages, while other clients keep writing.
jest.setTimeout(60_000);
const INDEX = 'by-created';
let server: LocalDynamo;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;

const table = (name: string): Promise<void> => createItemsTable(raw, name, INDEX);

/** A clock that moves 1 ms per call from a fixed start, so creation order is known and distinct. */
function steppingClock(startMs: number): () => Date {
  let t = startMs;
  return () => new Date((t += 1));
}

/** Every page of GET /items through the cursor the router would hand out (encoded and decoded each time). */
async function listAll(repo: ItemRepository, limit: number, between?: () => Promise<void>): Promise<{ items: Item[]; pages: number }> {
  const items: Item[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const start: ListKey | undefined = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && !start) throw new Error(`cursor ${cursor} did not decode`);
    const page = await repo.list(limit, start);
    pages += 1;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.last ? encodeCursor(page.last) : undefined;
    if (between) await between();
  } while (cursor !== undefined && pages < 1_000);
  return { items, pages };
}

beforeAll(async () => {
  server = await startDynalite();
  Object.assign(process.env, localDynamoEnv(server.endpoint));
  raw = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
});

afterAll(async () => {
  raw.destroy();
  await server.stop();
});

describe('list index shards', () => {
  it('an item id always lands on the same shard, and the shard count is read strictly from the environment', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(shardOf(id, 8)).toBe(shardOf(id, 8));
    expect(listShardKey(id, 8)).toBe(shardKey(shardOf(id, 8)));
    expect(listShardKey(id, 1)).toBe('ITEM#0');
    const seen = new Set(Array.from({ length: 400 }, (_, i) => shardOf(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 8)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(listShardsFromEnv(undefined)).toBe(1);
    expect(listShardsFromEnv('16')).toBe(16);
    for (const bad of ['0', '65', '2.5', 'four', '-1']) expect(() => listShardsFromEnv(bad)).toThrow(/ITEMS_LIST_SHARDS/);
  });

  it('writes spread over every shard key of the index, never one constant key', async () => {
    await table('shards-spread');
    const repo = new ItemRepository({ client: doc, tableName: 'shards-spread', listIndexName: INDEX, listShards: 4 });
    for (let i = 0; i < 40; i += 1) await repo.create({ name: `n${i}` });
    const counts = await Promise.all(
      [0, 1, 2, 3].map(async (s) => {
        const out = await raw.send(new RawQuery({ TableName: 'shards-spread', IndexName: INDEX, KeyConditionExpression: 'listKey = :k', ExpressionAttributeValues: { ':k': { S: shardKey(s) } }, Select: 'COUNT' }));
        return out.Count ?? 0;
      }),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    for (const c of counts) expect(c).toBeGreaterThan(0);
  });

  it.each([1, 3, 8])('%i shard(s): every item exactly once, in creation order, across pages of 7', async (shards) => {
    const name = `shards-order-${shards}`;
    await table(name);
    const repo = new ItemRepository({ client: doc, tableName: name, listIndexName: INDEX, listShards: shards, now: steppingClock(Date.parse('2026-01-01T00:00:00.000Z')) });
    const created: Item[] = [];
    for (let i = 0; i < 45; i += 1) created.push(await repo.create({ name: `n${i}` }));
    const { items, pages } = await listAll(repo, 7);
    expect(items.map((i) => i.id)).toEqual(created.map((i) => i.id));
    expect(pages).toBeGreaterThanOrEqual(7);
  });

  it('under concurrent writes: every item that existed before the listing once and in order, later ones at most once', async () => {
    await table('shards-concurrent');
    const clock = steppingClock(Date.parse('2026-02-01T00:00:00.000Z'));
    const repo = new ItemRepository({ client: doc, tableName: 'shards-concurrent', listIndexName: INDEX, listShards: 5, now: clock });
    const before: Item[] = [];
    for (let i = 0; i < 60; i += 1) before.push(await repo.create({ name: `before-${i}` }));
    // Writers keep creating (and updating, and deleting their own) items while the pages are read.
    let writing = true;
    const written: string[] = [];
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; writing; i += 1) {
        const item = await repo.create({ name: `during-${w}-${i}` });
        written.push(item.id);
        if (i % 3 === 0) await repo.update(item.id, { name: `during-${w}-${i}-v2`, version: 1 });
      }
    });
    const { items } = await listAll(repo, 9, () => new Promise((r) => setTimeout(r, 5)));
    writing = false;
    await Promise.all(writers);
    expect(written.length).toBeGreaterThan(0);
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const positions = before.map((b) => ids.indexOf(b.id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const sorts = items.map((i) => `${i.createdAt}#${i.id}`);
    expect([...sorts].sort()).toEqual(sorts);
    expect(ids.every((id) => written.includes(id) || before.some((b) => b.id === id))).toBe(true);
  });
});
