import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, DescribeTimeToLiveCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startLocalEnvironment, type LocalEnvironment } from '@tap/local-env';
import { FIXTURE_STACK, synthFixture } from '../../fixtures/local-env/app';

jest.setTimeout(60_000);

const root = mkdtempSync(join(tmpdir(), 'local-env-'));
const outDir = join(root, 'cdktf.out');
let env: LocalEnvironment;
let dynamo: DynamoDBClient;
let sqs: SQSClient;
let base: string;

function clients(endpoints: Readonly<Record<string, string>>): void {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  dynamo = new DynamoDBClient({ endpoint: endpoints.AWS_ENDPOINT_URL_DYNAMODB, region: endpoints.AWS_REGION, credentials });
  sqs = new SQSClient({ endpoint: endpoints.AWS_ENDPOINT_URL_SQS, region: endpoints.AWS_REGION, credentials });
}

async function attempts(id: string): Promise<number> {
  const out = await dynamo.send(new GetItemCommand({ TableName: String(env.outputs.fixtureTableName), Key: { pk: { S: `attempt#${id}` } }, ConsistentRead: true }));
  return Number(out.Item?.attempts?.N ?? 0);
}

async function until<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  synthFixture(outDir);
  // The fixture queue's visibility is 180 s (6 x the consumer's 30 s); scaled to 1.8 s here.
  env = await startLocalEnvironment({ outDir, stateDir: join(root, '.local'), visibilityTimeoutScale: 0.01, outputsFile: join(root, 'cfn-outputs', 'flat-outputs.json') });
  clients(env.endpoints);
  base = String(env.outputs.fixtureApiUrl);
});

afterAll(async () => {
  dynamo?.destroy();
  sqs?.destroy();
  await env?.stop();
});

describe('local environment from the synthesized JSON', () => {
  it('writes flat outputs with the synthesized keys and leaves out what needs unemulated services', () => {
    const written = JSON.parse(readFileSync(join(root, 'cfn-outputs', 'flat-outputs.json'), 'utf8')) as Record<string, string>;
    expect(written).toEqual(env.outputs);
    expect(written.fixtureApiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(written.fixtureTableName).toBe('fixture-items-lefx');
    expect(written.fixtureQueueUrl).toMatch(/\/000000000000\/fixture-jobs-lefx$/);
    expect(written.fixtureKeyArn).toBeUndefined();
    expect(env.omittedOutputs).toEqual([expect.objectContaining({ key: 'fixtureKeyArn', reason: expect.stringMatching(/aws_kms_key is not emulated/) })]);
    expect(env.notEmulated.join('\n')).toMatch(/KMS: .*aws_kms_key/);
    expect(env.notEmulated.join('\n')).toMatch(/IAM: .*aws_iam_role/);
  });

  it('creates the table from its synthesized definition: keys, GSI and TTL', async () => {
    const table = await dynamo.send(new DescribeTableCommand({ TableName: 'fixture-items-lefx' }));
    expect(table.Table?.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(table.Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(['by-gsi']);
    const ttl = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: 'fixture-items-lefx' }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('serves a synthesized route through the bundled handler, which writes to dynalite', async () => {
    const post = await fetch(`${base}/items`, { method: 'POST', body: JSON.stringify({ id: 'item-1', name: 'first' }), headers: { 'content-type': 'application/json' } });
    expect(post.status).toBe(201);
    const stored = await dynamo.send(new GetItemCommand({ TableName: 'fixture-items-lefx', Key: { pk: { S: 'item-1' } } }));
    expect(stored.Item?.name).toEqual({ S: 'first' });
    const get = await fetch(`${base}/items/item-1`);
    expect(await get.json()).toEqual({ id: 'item-1', name: 'first' });
  });

  it('answers an unknown route, method or stage as API Gateway does', async () => {
    expect(await (await fetch(`${base}/nowhere`)).json()).toEqual({ message: 'Missing Authentication Token' });
    const wrongMethod = await fetch(`${base}/items`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(403);
    const wrongStage = await fetch(base.replace(/\/api$/, '/prod/items/item-1'));
    expect(wrongStage.status).toBe(403);
  });

  it('a body over API Gateway\'s 10 MB payload limit is 413 before routing, as on AWS; one at the limit is served', async () => {
    const over = await fetch(`${base}/items`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), headers: { 'content-type': 'application/json' } });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ message: 'Request Too Long' });
    const unknownRoute = await fetch(`${base}/nowhere`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) });
    expect(unknownRoute.status).toBe(413);
    const atLimit = await fetch(`${base}/nowhere`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024, 0x20) });
    expect(atLimit.status).toBe(403);
  });

  it('a route removed from a copy of the synthesized stack is no longer served', async () => {
    expect((await fetch(`${base}/extra`)).status).toBe(200);
    const copy = join(root, 'copy.out');
    cpSync(outDir, copy, { recursive: true });
    const file = join(copy, 'stacks', FIXTURE_STACK, 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { resource: Record<string, Record<string, { path_part?: string; resource_id?: string }>> };
    const removed = Object.keys(json.resource.aws_api_gateway_resource).find((k) => json.resource.aws_api_gateway_resource[k].path_part === 'extra');
    expect(removed).toBeDefined();
    const ref = `\${aws_api_gateway_resource.${removed}.id}`;
    delete json.resource.aws_api_gateway_resource[String(removed)];
    for (const type of ['aws_api_gateway_method', 'aws_api_gateway_integration']) {
      for (const [k, v] of Object.entries(json.resource[type])) if (v.resource_id === ref) delete json.resource[type][k];
    }
    writeFileSync(file, JSON.stringify(json));
    const other = await startLocalEnvironment({ outDir: copy, stateDir: join(root, '.local-copy') });
    try {
      const url = String(other.outputs.fixtureApiUrl);
      const gone = await fetch(`${url}/extra`);
      expect(gone.status).toBe(403);
      expect(await gone.json()).toEqual({ message: 'Missing Authentication Token' });
      expect((await fetch(`${url}/items/item-1`)).status).toBe(404); // the rest is still served (a fresh, empty table)
    } finally {
      await other.stop();
    }
  });

  it('api_key_required: 403 Forbidden without or with a wrong key, 200 with the usage plan key', async () => {
    const none = await fetch(`${base}/secure`);
    expect(none.status).toBe(403);
    expect(await none.json()).toEqual({ message: 'Forbidden' });
    expect((await fetch(`${base}/secure`, { headers: { 'x-api-key': 'wrong-key' } })).status).toBe(403);
    const ok = await fetch(`${base}/secure`, { headers: { 'x-api-key': String(env.outputs.fixtureApiKey) } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ resource: '/secure', apiKey: env.outputs.fixtureApiKey });
  });

  it('method settings throttling (rate 1, burst 3 on limited/GET): a burst of 8 gets 429 Too Many Requests past the burst', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${base}/limited`).then(async (r) => ({ status: r.status, body: await r.text() }))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
    expect(JSON.parse(answers.find((a) => a.status === 429)?.body ?? '{}')).toEqual({ message: 'Too Many Requests' });
    // Other methods have their own bucket from `*/*` and are not throttled by it.
    expect((await fetch(`${base}/extra`)).status).toBe(200);
  });

  it('a handler that throws answers 502 Internal server error', async () => {
    const r = await fetch(`${base}/fail`);
    expect(r.status).toBe(502);
    expect(await r.json()).toEqual({ message: 'Internal server error' });
  });

  it('partial batch failure: only the reported message is redelivered', async () => {
    await sqs.send(new SendMessageBatchCommand({
      QueueUrl: String(env.outputs.fixtureQueueUrl),
      Entries: [
        { Id: 'a', MessageBody: JSON.stringify({ id: 'pb-a', fail: 'never' }) },
        { Id: 'b', MessageBody: JSON.stringify({ id: 'pb-b', fail: 'once' }) },
        { Id: 'c', MessageBody: JSON.stringify({ id: 'pb-c', fail: 'never' }) },
      ],
    }));
    await until('pb-b to be retried', () => attempts('pb-b'), (n) => n >= 2);
    await until('queue to drain', async () => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: String(env.outputs.fixtureQueueUrl), AttributeNames: ['All'] }))).Attributes, (a) => a?.ApproximateNumberOfMessages === '0' && a?.ApproximateNumberOfMessagesNotVisible === '0');
    expect([await attempts('pb-a'), await attempts('pb-b'), await attempts('pb-c')]).toEqual([1, 2, 1]);
  });

  it('a message that keeps failing reaches the DLQ after maxReceiveCount (2) receives', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: String(env.outputs.fixtureQueueUrl), MessageBody: JSON.stringify({ id: 'poison', fail: 'always' }) }));
    const received = await until(
      'the poison message in the DLQ',
      async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: String(env.outputs.fixtureDlqUrl), MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }))).Messages ?? [],
      (m) => m.length > 0,
    );
    expect(JSON.parse(received[0].Body ?? '{}')).toEqual({ id: 'poison', fail: 'always' });
    expect(await attempts('poison')).toBe(2);
  });
});
