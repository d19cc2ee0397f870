import { localDynamoEnv, startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import fc from 'fast-check';
import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import { authorize, cachedTokenSource, stageResource, tokensMatch, type KnownTokens } from '../../../lambdas/event-pipeline/src/authorizer/authorize';
import { ingest, type Publish } from '../../../lambdas/event-pipeline/src/ingest/ingest';
import { processBatch, type Store } from '../../../lambdas/event-pipeline/src/process/process';
import { dynamoStore } from '../../../lambdas/event-pipeline/src/process/store';
import { hasControlCharacters, isIsoDateTime, validateEnvelope, type EventEnvelope } from '@tap/pipeline-common';
import type { Telemetry } from '@tap/lambda-kit';

/** Records log lines so tests can check what is (and is not) logged. */
type LogFields = Record<string, unknown>;
function recorder(): Telemetry & { lines: { level: string; message: string; fields: LogFields }[]; counts: Record<string, number> } {
  const lines: { level: string; message: string; fields: LogFields }[] = [];
  const counts: Record<string, number> = {};
  const at = (level: string) => (message: string, fields: object = {}) => void lines.push({ level, message, fields: fields as LogFields });
  return { lines, counts, info: at('info'), warn: at('warn'), error: at('error'), count: (metric, value = 1) => void (counts[metric] = (counts[metric] ?? 0) + value), key: () => undefined };
}

const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/api/POST/events';
const TOKEN = 'Q3vT9kP2xL7mN4bR8wZ1cF6hJ0sD5gA2yU9eI3oK7tV1nM4q';

describe('authorizer', () => {
  const expected = async (): Promise<KnownTokens> => ({ current: TOKEN });

  it('allows the right token with a policy for the whole stage (the result is cached across methods)', async () => {
    const result = await authorize({ authorizationToken: TOKEN, methodArn: METHOD_ARN }, expected);
    expect(result.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc123/api/*' }]);
    expect(result.principalId).not.toContain(TOKEN);
  });

  it('denies a wrong token (API Gateway answers 403), including a prefix and a longer token', async () => {
    for (const wrong of ['nope', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toLowerCase()]) {
      const result = await authorize({ authorizationToken: wrong, methodArn: METHOD_ARN }, expected);
      expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    }
  });

  it('a missing or blank token is Unauthorized (API Gateway answers 401) and the expected token is not even fetched', async () => {
    const fetch = jest.fn(expected);
    for (const missing of ['', '   ', undefined as unknown as string]) {
      await expect(authorize({ authorizationToken: missing, methodArn: METHOD_ARN }, fetch)).rejects.toThrow(/^Unauthorized$/);
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('compares in constant time over equal-length digests, whatever the lengths', () => {
    expect(tokensMatch(TOKEN, TOKEN)).toBe(true);
    expect(tokensMatch('a', TOKEN)).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => tokensMatch(a, b) === (a === b && b.length > 0)));
  });

  it('caches the known tokens for its TTL, refetches after, and never caches a failure', async () => {
    let now = 0;
    const fetch = jest.fn<Promise<KnownTokens>, []>().mockRejectedValueOnce(new Error('ssm down')).mockResolvedValue({ current: TOKEN });
    const source = cachedTokenSource(fetch, 60_000, () => now);
    await expect(source()).rejects.toThrow('ssm down');
    await expect(source()).resolves.toEqual({ current: TOKEN });
    now = 59_000;
    await expect(Promise.all([source(), source()])).resolves.toEqual([{ current: TOKEN }, { current: TOKEN }]);
    expect(fetch).toHaveBeenCalledTimes(2);
    now = 121_000;
    await source();
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('a fresh read always starts after it was asked (never an older copy), spaced MIN_REFRESH_MS apart; waiters share it', async () => {
    let now = 0;
    const waits: number[] = [];
    const fetch = jest.fn<Promise<KnownTokens>, []>().mockResolvedValue({ current: TOKEN });
    const sleep = async (ms: number) => {
      waits.push(ms);
      now += ms;
    };
    const source = cachedTokenSource(fetch, 300_000, () => now, 1_000, sleep);
    await source();
    now = 200;
    await Promise.all([source({ fresh: true }), source({ fresh: true })]);
    // Both waited for the next allowed start (800 ms later) instead of getting the copy read at 0.
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(waits[0]).toBe(800);
    now = 5_000;
    await source({ fresh: true });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('token rotation: a just-rotated token is allowed on first use (fresh read before a Deny), the cached copy notwithstanding', async () => {
    const NEW = 'N'.repeat(48);
    let stored: KnownTokens = { current: TOKEN };
    let now = 0;
    // A fresh read just before the rotation must not hide the new token.
    const source = cachedTokenSource(async () => stored, 300_000, () => now, 5_000, async (ms) => void (now += ms));
    expect((await authorize({ authorizationToken: TOKEN, methodArn: METHOD_ARN }, source, { now: () => now })).policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    await source({ fresh: true });
    now = 1_000;
    stored = { current: NEW, previous: { value: TOKEN, writtenAt: now } };
    now = 2_000;
    for (const token of [NEW, TOKEN]) {
      expect((await authorize({ authorizationToken: token, methodArn: METHOD_ARN }, source, { now: () => now, overlapMs: 60_000 })).policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    }
  });

  it('token rotation: the previous token is accepted during the overlap window only', async () => {
    const NEW = 'N'.repeat(48);
    const tokens: KnownTokens = { current: NEW, previous: { value: TOKEN, writtenAt: 1_000 } };
    const at = async (ms: number) => (await authorize({ authorizationToken: TOKEN, methodArn: METHOD_ARN }, async () => tokens, { now: () => ms, overlapMs: 60_000 })).policyDocument.Statement[0];
    expect(await at(60_999)).toMatchObject({ Effect: 'Allow' });
    expect(await at(61_000)).toMatchObject({ Effect: 'Deny' });
  });

  it('stageResource keeps account, API and stage and wildcards the rest', () => {
    expect(stageResource(METHOD_ARN)).toBe('arn:aws:execute-api:us-east-1:123456789012:abc123/api/*');
    expect(stageResource('not-an-arn')).toBe('not-an-arn');
  });
});

const validEnvelope = (id = `evt-${Math.random().toString(36).slice(2)}`): EventEnvelope => ({
  id,
  source: 'orders.service',
  type: 'order.created',
  time: '2024-05-01T12:00:00Z',
  detail: { orderId: 'o-1', amount: 12.5, lines: [{ sku: 'a' }] },
});

function apiEvent(body: unknown, raw = false): Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'httpMethod'> {
  return { httpMethod: 'POST', isBase64Encoded: false, body: raw ? (body as string | null) : JSON.stringify(body) };
}

describe('envelope validation', () => {
  it('accepts a complete envelope', () => {
    expect(validateEnvelope(validEnvelope('e-1'))).toEqual({ ok: true, value: validEnvelope('e-1') });
  });

  it('names every bad field at once', () => {
    const result = validateEnvelope({ id: '', source: 7, time: '2024-02-30T00:00:00Z', detail: [], extra: true });
    expect(result).toEqual({
      ok: false,
      fields: {
        id: 'must be 1-128 characters',
        source: 'must be a string',
        type: 'is required',
        time: expect.stringMatching(/ISO 8601/),
        detail: 'must be a JSON object',
        extra: 'is not allowed',
      },
    });
  });

  it('checks ISO 8601 date-times for real dates and a zone', () => {
    for (const ok of ['2024-02-29T23:59:59Z', '2024-05-01T12:00:00.123+02:00', '1999-12-31T00:00:00-05:30']) expect(isIsoDateTime(ok)).toBe(true);
    for (const bad of ['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01 12:00:00Z', '2024-05-01T12:00:00', '2024-05-01T24:00:00Z', 'yesterday']) expect(isIsoDateTime(bad)).toBe(false);
  });

  it('rejects ids over 128 characters or with spaces, and an envelope too large for PutEvents', () => {
    expect(validateEnvelope({ ...validEnvelope(), id: 'x'.repeat(129) })).toMatchObject({ ok: false, fields: { id: expect.any(String) } });
    expect(validateEnvelope({ ...validEnvelope(), id: 'has space' })).toMatchObject({ ok: false, fields: { id: expect.any(String) } });
    expect(validateEnvelope({ ...validEnvelope(), detail: { blob: 'x'.repeat(250 * 1024) } })).toMatchObject({ ok: false, fields: { detail: expect.stringMatching(/too large/) } });
  });
});

describe('ingest', () => {
  const accepted: Publish = async () => ({ ok: true, eventBridgeId: 'eb-1' });

  it('publishes a valid envelope and answers 202 with the event id', async () => {
    const publish = jest.fn(accepted);
    const envelope = validEnvelope('evt-202');
    const response = await ingest(apiEvent(envelope), publish, recorder());
    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body)).toEqual({ id: 'evt-202', status: 'accepted' });
    expect(publish).toHaveBeenCalledWith(envelope);
  });

  it('answers 400 naming each bad field and publishes nothing', async () => {
    const publish = jest.fn(accepted);
    const response = await ingest(apiEvent({ id: 'ok-1', source: '', type: 'x', time: 'now' }), publish, recorder());
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: 'invalid event envelope', fields: { source: 'must be 1-256 characters', time: expect.any(String), detail: 'is required' } });
    expect(publish).not.toHaveBeenCalled();
  });

  it('answers 400 for a missing, non-JSON or non-object body', async () => {
    for (const body of [null, '', '{', '[1,2]', '"text"']) {
      const response = await ingest(apiEvent(body, true), jest.fn(accepted), recorder());
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body).fields).toHaveProperty('body');
    }
  });

  it('a rejected bus entry is a 500 JSON error (the shared dependency-failure rule), a throttled one 503 with Retry-After, never a silent 202', async () => {
    const rejected = await ingest(apiEvent(validEnvelope()), async () => ({ ok: false, code: 'AccessDeniedException', message: 'no' }), recorder());
    expect(rejected.statusCode).toBe(500);
    expect(JSON.parse(rejected.body)).toEqual({ error: 'internal error' });
    const throttled = await ingest(apiEvent(validEnvelope()), async () => ({ ok: false, code: 'ThrottlingException', message: 'slow down' }), recorder());
    expect(throttled.statusCode).toBe(503);
    expect(throttled.headers).toMatchObject({ 'Retry-After': '1' });
  });

  it('an SDK failure while publishing is a 500/503 JSON error, logged by error name only', async () => {
    const log = recorder();
    const boom = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    const response = await ingest(apiEvent(validEnvelope('evt-x')), async () => Promise.reject(boom), log);
    // A bus that did not answer within the SDK budget: the event was not accepted and may be retried.
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBe('1');
    expect(log.lines.find((l) => l.level === 'error')?.fields).toEqual({ eventId: 'evt-x', errorName: 'TimeoutError' });
    const denied = Object.assign(new Error('not allowed'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    expect((await ingest(apiEvent(validEnvelope('evt-y')), async () => Promise.reject(denied), recorder())).statusCode).toBe(500);
  });

  it('never logs the envelope detail', async () => {
    const log = recorder();
    await ingest(apiEvent({ ...validEnvelope(), detail: { secret: 'card-4111111111111111' } }), accepted, log);
    expect(JSON.stringify(log.lines)).not.toContain('4111111111111111');
  });

  it('property: no malformed request gets a 5xx, and only valid envelopes are published', async () => {
    const field = fc.oneof(fc.string({ maxLength: 140 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }));
    const mutated = fc.record(
      { id: field, source: field, type: field, time: fc.oneof(field, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), detail: fc.oneof(field, fc.object()), extra: field },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      mutated.map((o) => JSON.stringify(o)),
      fc.json(),
      fc.string(),
      fc.constant(null),
      fc.constant(''),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const publish = jest.fn(accepted);
        const response = await ingest(apiEvent(raw, true), publish, recorder());
        expect(response.statusCode).toBeLessThan(500);
        expect(() => JSON.parse(response.body)).not.toThrow();
        if (response.statusCode === 202) {
          expect(publish).toHaveBeenCalledTimes(1);
          expect(validateEnvelope(JSON.parse(raw as string)).ok).toBe(true);
        } else {
          expect(response.statusCode).toBe(400);
          expect(publish).not.toHaveBeenCalled();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('property: every valid envelope is accepted', async () => {
    const text = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0 && !hasControlCharacters(s));
    const envelope = fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/),
      source: text(256),
      type: text(128),
      time: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
      detail: fc.object(),
    });
    await fc.assert(
      fc.asyncProperty(envelope, async (e) => {
        const response = await ingest(apiEvent(e), accepted, recorder());
        expect(response.statusCode).toBe(202);
      }),
      { numRuns: 200 },
    );
  });
});

function sqsRecord(messageId: string, body: string, receiveCount = 1): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'events', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:events-queue-test',
    awsRegion: 'us-east-1',
  };
}

/** What the bus rule delivers: the whole EventBridge event, the envelope as its detail. */
const busEvent = (envelope: unknown) => JSON.stringify({ version: '0', id: 'eb-1', 'detail-type': 'order.created', source: 'tap.event-pipeline', detail: envelope });

describe('process (partial batch failures)', () => {
  it('one bad record among good ones: only its messageId is returned', async () => {
    const stored: string[] = [];
    const store: Store = async (e) => {
      stored.push(e.id);
      return 'created';
    };
    const event: SQSEvent = {
      Records: [
        sqsRecord('m-1', busEvent(validEnvelope('a-1'))),
        sqsRecord('m-2', busEvent({ ...validEnvelope('a-2'), time: 'not a time' })),
        sqsRecord('m-3', busEvent(validEnvelope('a-3'))),
        sqsRecord('m-4', 'not json'),
      ],
    };
    const log = recorder();
    const result = await processBatch(event, store, log);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-4' }]);
    expect(stored.sort()).toEqual(['a-1', 'a-3']);
    expect(log.lines.find((l) => l.message === 'record failed' && l.fields.messageId === 'm-2')?.fields.reason).toBe('invalid envelope: time');
  });

  it('a store failure fails only that record; a duplicate counts as success', async () => {
    const store: Store = async (e) => {
      if (e.id === 'boom') throw Object.assign(new Error('x'), { name: 'ProvisionedThroughputExceededException' });
      return e.id === 'dup' ? 'duplicate' : 'created';
    };
    const result = await processBatch({ Records: [sqsRecord('m-1', busEvent(validEnvelope('boom'))), sqsRecord('m-2', busEvent(validEnvelope('dup'))), sqsRecord('m-3', busEvent(validEnvelope('new')))] }, store, recorder());
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
  });

  it('an empty batch reports no failures', async () => {
    await expect(processBatch({ Records: [] }, jest.fn(), recorder())).resolves.toEqual({ batchItemFailures: [] });
  });
});

describe('idempotent store against a real local DynamoDB (dynalite)', () => {
  const TABLE = 'pipeline-events-test';
  let server: LocalDynamo;
  let raw: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  let handler: (event: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

  beforeAll(async () => {
    server = await startDynalite();
    Object.assign(process.env, { ...localDynamoEnv(server.endpoint), TABLE_NAME: TABLE });
    raw = new DynamoDBClient({});
    doc = DynamoDBDocumentClient.from(raw);
    await raw.send(
      new CreateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'eventId', AttributeType: 'S' }] }),
    );
    // The real handler, built after the environment is set (it creates its client at module load).
    handler = (await import('../../../lambdas/event-pipeline/src/process/handler')).handler as typeof handler;
  }, 30_000);

  afterAll(async () => {
    raw?.destroy();
    await server.stop();
  });

  const count = async (eventId: string) => ((await raw.send(new ScanCommand({ TableName: TABLE }))).Items ?? []).filter((i) => i.eventId?.S === eventId).length;

  it('the same event twice: one item, first write kept, both successes', async () => {
    const store = dynamoStore(doc, TABLE, () => new Date('2024-05-01T12:00:01Z'));
    const first = validEnvelope('dup-1');
    await expect(store(first)).resolves.toBe('created');
    await expect(store({ ...first })).resolves.toBe('duplicate');
    expect(await count('dup-1')).toBe(1);
    const item = (await doc.send(new GetCommand({ TableName: TABLE, Key: { eventId: 'dup-1' } }))).Item;
    expect(item).toMatchObject({ eventId: 'dup-1', source: 'orders.service', type: 'order.created', time: first.time, storedAt: '2024-05-01T12:00:01.000Z' });
    expect(JSON.parse(String(item?.detail))).toEqual(first.detail);
  });

  it('redelivery through the real handler: the same message in two batches and twice in one batch stores once, no failures', async () => {
    const body = busEvent(validEnvelope('redelivered-1'));
    await expect(handler({ Records: [sqsRecord('m-1', body)] })).resolves.toEqual({ batchItemFailures: [] });
    await expect(handler({ Records: [sqsRecord('m-1', body, 2), sqsRecord('m-1b', body, 1)] })).resolves.toEqual({ batchItemFailures: [] });
    expect(await count('redelivered-1')).toBe(1);
  });

  it('an event id reused with a different payload is a conflict, not a silent duplicate: the record fails (kept for the DLQ), the first stays', async () => {
    const store = dynamoStore(doc, TABLE);
    const first = validEnvelope('reused-1');
    await expect(store(first)).resolves.toBe('created');
    await expect(store({ ...first, detail: { changed: true } })).resolves.toBe('conflict');
    const log = recorder();
    const result = await processBatch({ Records: [sqsRecord('r-1', busEvent({ ...first, detail: { changed: true } })), sqsRecord('r-2', busEvent(first))] }, store, log);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'r-1' }]);
    expect(JSON.stringify(log.lines)).toContain('event id reused-1 reused with a different payload');
    const item = (await doc.send(new GetCommand({ TableName: TABLE, Key: { eventId: 'reused-1' } }))).Item;
    expect(JSON.parse(String(item?.detail))).toEqual(first.detail);
    expect(await count('reused-1')).toBe(1);
  });

  it('a batch with one poison message through the real handler: only it is returned, the rest are stored', async () => {
    const result = await handler({ Records: [sqsRecord('p-1', busEvent(validEnvelope('good-1'))), sqsRecord('p-2', busEvent({ id: 'bad' })), sqsRecord('p-3', busEvent(validEnvelope('good-2')))] });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'p-2' }] });
    expect(await count('good-1')).toBe(1);
    expect(await count('good-2')).toBe(1);
  });
});

describe('bounded input: what broke before', () => {
  const accepted: Publish = async () => ({ ok: true, eventBridgeId: 'eb-1' });
  const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  const rawEnvelope = (detail: string, id = 'deep-1') => `{"id":"${id}","source":"s","type":"t","time":"2024-05-01T12:00:00Z","detail":${detail}}`;

  it('a detail nested 4,500 levels deep is a 400 naming the depth at ingest (not a 502 that counts as a function error)', async () => {
    const publish = jest.fn(accepted);
    const response = await ingest(apiEvent(rawEnvelope(nested(4500)), true), publish, recorder());
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).fields.body).toMatch(/nested deeper than 32 levels/);
    expect(publish).not.toHaveBeenCalled();
  });

  it('one deeply nested record fails only itself in the SQS batch; the others are stored', async () => {
    const stored: string[] = [];
    const store: Store = async (e) => {
      stored.push(e.id);
      return 'created';
    };
    const deep = `{"version":"0","detail":${rawEnvelope(nested(4500))}}`;
    const result = await processBatch({ Records: [sqsRecord('m-ok', busEvent(validEnvelope('fine-1'))), sqsRecord('m-deep', deep), sqsRecord('m-ok2', busEvent(validEnvelope('fine-2')))] }, store, recorder());
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-deep' }]);
    expect(stored.sort()).toEqual(['fine-1', 'fine-2']);
  });

  it('unknown field names are echoed at most 10 times, each cut to 64 characters; the log line stays small', async () => {
    const body: Record<string, unknown> = { ...validEnvelope('many-1') };
    for (let i = 0; i < 200; i++) body[`f${i}-${'x'.repeat(1000)}`] = 1;
    const log = recorder();
    const response = await ingest(apiEvent(body), accepted, log);
    expect(response.statusCode).toBe(400);
    const fields = JSON.parse(response.body).fields as Record<string, string>;
    expect(Object.keys(fields)).toHaveLength(11);
    expect(fields['(more)']).toBe('190 more fields not listed');
    for (const name of Object.keys(fields)) expect(name.length).toBeLessThanOrEqual(67);
    expect(response.body.length).toBeLessThan(2_000);
    expect(JSON.stringify(log.lines).length).toBeLessThan(2_000);
  });

  it('a 4.7 MB body is 413 naming the limit (never a 10 MB error body)', async () => {
    const body = { ...validEnvelope('big-1'), detail: { blob: 'x'.repeat(4_700_000) } };
    const response = await ingest(apiEvent(body), accepted, recorder());
    expect(response.statusCode).toBe(413);
    expect(JSON.parse(response.body).fields.body).toMatch(/at most 262144 bytes/);
    expect(response.body.length).toBeLessThan(500);
  });

  it.each([
    ['a 30-digit integer (would be stored as 1.2345678901234568e+29)', '{"n":123456789012345678901234567890}', /cannot keep exactly/],
    ['1e400 (would be stored as null)', '{"n":1e400}', /outside the range/],
    ['duplicate keys (would collapse into one)', '{"n":1,"n":2}', /the key "n" twice/],
  ])('a number or key the store cannot keep exactly is refused with 400: %s', async (_what, detail, problem) => {
    const publish = jest.fn(accepted);
    const response = await ingest(apiEvent(rawEnvelope(detail, 'exact-1'), true), publish, recorder());
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).fields.body).toMatch(problem);
    expect(publish).not.toHaveBeenCalled();
  });

  it('numbers a double keeps exactly are accepted, whatever their spelling (1.50, 9.211757519163781e-220, 1e21)', async () => {
    const response = await ingest(apiEvent(rawEnvelope('{"a":1.50,"b":9.211757519163781e-220,"c":1e21,"d":-0.0}', 'exact-2'), true), accepted, recorder());
    expect(response.statusCode).toBe(202);
  });

  it.each(['__proto__', 'constructor'])('an unknown top-level key named %s is refused like any other', async (key) => {
    const publish = jest.fn(accepted);
    const text = `{"id":"proto-1","source":"s","type":"t","time":"2024-05-01T12:00:00Z","detail":{},"${key}":{"x":1}}`;
    const response = await ingest(apiEvent(text, true), publish, recorder());
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).fields).toEqual({ [key]: 'is not allowed' });
    expect(publish).not.toHaveBeenCalled();
  });
});
