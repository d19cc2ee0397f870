/**
 * Event pipeline through cfn-outputs/flat-outputs.json only: the same suite runs against the local
 * environment (default) and a real deployment (INTEGRATION_TARGET=aws). The token is read the way a
 * producer's deploy tooling would: SSM GetParameter WithDecryption on the parameter NAME output (the
 * value is never an output). Event ids carry a random run id; every wait is bounded.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { requireOutputs } from './support/outputs';

const out = requireOutputs(['eventPipelineEventPostUrl', 'eventPipelineTableName', 'eventPipelineTokenParameterName', 'eventPipelineRegion']);
const RUN = randomUUID().slice(0, 8);
const ARRIVAL_TIMEOUT_MS = 20_000;
// SDK clients take their endpoints from the standard env vars (set by the local environment's setup).
const region = out.eventPipelineRegion && !out.eventPipelineRegion.includes('${') ? out.eventPipelineRegion : process.env.AWS_REGION;
const ssm = new SSMClient({ region });
const dynamodb = new DynamoDBClient({ region });
let token = '';

jest.setTimeout(60_000);

const envelope = (suffix: string) => ({
  id: `it-${RUN}-${suffix}`,
  source: 'integration.suite',
  type: 'integration.test',
  time: new Date().toISOString(),
  detail: { run: RUN, case: suffix },
});

async function post(body: unknown, authorization?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(out.eventPipelineEventPostUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { raw: text };
  }
  return { status: response.status, body: parsed };
}

async function storedItem(eventId: string): Promise<Record<string, unknown> | undefined> {
  const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const result = await dynamodb.send(new GetItemCommand({ TableName: out.eventPipelineTableName, Key: { eventId: { S: eventId } }, ConsistentRead: true }));
    if (result.Item) return result.Item;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}

describe('event pipeline: POST /events → bus → queue → table', () => {
  beforeAll(async () => {
    const parameter = await ssm.send(new GetParameterCommand({ Name: out.eventPipelineTokenParameterName, WithDecryption: true }));
    token = parameter.Parameter?.Value ?? '';
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  afterAll(() => {
    ssm.destroy();
    dynamodb.destroy();
  });

  it('rejects a request without a token (401) and stores nothing', async () => {
    const event = envelope('no-token');
    const reply = await post(event);
    expect(reply.status).toBe(401);
    expect(await dynamodb.send(new GetItemCommand({ TableName: out.eventPipelineTableName, Key: { eventId: { S: event.id } } }))).not.toHaveProperty('Item');
  });

  it('rejects a malformed token before the authorizer runs (401, identity validation expression)', async () => {
    for (const bad of [`${token}-wrong`, 'Bearer x', 'a'.repeat(47)]) {
      const reply = await post(envelope('malformed-token'), bad);
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ message: 'Unauthorized' });
    }
  });

  it('rejects a well-formed wrong token (403)', async () => {
    const wrong = token.split('').reverse().join('') === token ? 'Z'.repeat(48) : token.split('').reverse().join('');
    const reply = await post(envelope('wrong-token'), wrong);
    expect(reply.status).toBe(403);
  });

  it('a malformed envelope is a 400 naming the bad fields', async () => {
    const reply = await post({ id: `it-${RUN}-bad`, source: 'integration.suite', time: 'yesterday' }, token);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: expect.any(String), fields: { type: expect.any(String), time: expect.any(String), detail: expect.any(String) } });
  });

  it('accepts an event with the token (202) and it reaches the table within a bounded wait', async () => {
    const event = envelope('accepted');
    const reply = await post(event, token);
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ id: event.id, status: 'accepted' });
    const item = await storedItem(event.id);
    expect(item).toBeDefined();
    expect(item).toMatchObject({ eventId: { S: event.id }, source: { S: 'integration.suite' }, type: { S: 'integration.test' } });
    expect(JSON.parse(String((item?.detail as { S: string }).S))).toEqual(event.detail);
  });

  it('posting the same event id twice stores it once and never overwrites it (idempotent by event id)', async () => {
    const event = envelope('twice');
    expect((await post(event, token)).status).toBe(202);
    expect((await post(event, token)).status).toBe(202);
    const first = await storedItem(event.id);
    expect(first).toBeDefined();
    // Give the second delivery time to be processed, then check the item was not rewritten.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const again = await storedItem(event.id);
    expect(again?.storedAt).toEqual(first?.storedAt);
  });
});
