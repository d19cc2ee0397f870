import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { canonicalJson, scopedKeyHash, sha256 } from '@tap/lambda-kit';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSEvent, SQSRecord } from 'aws-lambda';
import { createItemsTable, type LocalDynamo, localDynamoEnv, startDynalite } from '../../helpers/dynalite';
import { emittedMetrics, jsonEndpoint, lambdaContext, logLines, stdoutLines, traceNodes, traced, type Line, type TraceNode } from '../../helpers/observe';

// Every handler module, loaded as Lambda loads it (environment first, clients at module scope), with
// tracing on as in a deployed function: its log lines carry the Lambda request id and the correlation
// id, its SDK calls are subsegments of the handler's subsegment, and its business metrics are EMF
// lines on stdout, on the success path and on each failure path.
jest.setTimeout(60_000);

type Context = ReturnType<typeof lambdaContext>;
type Handler<E, R> = (event: E, context?: Context) => Promise<R>;
let dynamo: LocalDynamo;
let raw: DynamoDBClient;

beforeAll(async () => {
  dynamo = await startDynalite({ transactions: true });
  Object.assign(process.env, localDynamoEnv(dynamo.endpoint), {
    // What Lambda sets (the Tracer is on only in Lambda); logs at INFO as deployed.
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_SERVICE_NAME: 'fn-under-test',
    ENVIRONMENT_SUFFIX: 'obs1',
    CORS_ORIGINS: 'https://app.example.org',
  });
  raw = new DynamoDBClient({});
});

afterAll(async () => {
  raw?.destroy();
  await dynamo.stop();
  delete process.env.AWS_EXECUTION_ENV;
});

const table = (name: string, hash: string, range?: string, extra: Partial<CreateTableCommandInput> = {}): Promise<unknown> =>
  raw.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: hash, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : [])],
      AttributeDefinitions: [{ AttributeName: hash, AttributeType: 'S' }, ...(range ? [{ AttributeName: range, AttributeType: 'S' as const }] : [])],
      ...extra,
    }),
  );

/** Loads a handler module after setting its environment (it reads the environment once, at load). */
async function load<E, R>(path: string, env: Record<string, string>): Promise<Handler<E, R>> {
  Object.assign(process.env, env);
  let handler: Handler<E, R> | undefined;
  await jest.isolateModulesAsync(async () => {
    handler = ((await import(path)) as { handler: Handler<E, R> }).handler;
  });
  if (!handler) throw new Error(`${path} did not load`);
  return handler;
}

interface Invocation<R> {
  readonly result: R;
  readonly logs: Line[];
  readonly metrics: Record<string, number>;
  readonly emf: Line[];
  /** The handler's own subsegment (`## ...`) and the SDK subsegments under it. */
  readonly handlerNode?: TraceNode;
  readonly sdkCalls: string[];
}

/**
 * One invocation inside an X-Ray segment with stdout recorded. The X-Ray SDK is loaded in the same jest
 * module registry as the handler (`traced` requires it through the handler module's Tracer), so the
 * handler module is loaded inside `load` and the X-Ray SDK inside `traced`; both resolve to the same
 * file, and jest's isolated registry hands the handler the very instance `traced` sets the segment on.
 */
async function invoke<E, R>(handler: Handler<E, R>, event: E, requestId: string): Promise<Invocation<R>> {
  const { result: run, lines } = await stdoutLines(() => traced(() => handler(event, lambdaContext(requestId))));
  const handlerNode = run.segment.subsegments?.find((s) => s.name.startsWith('## '));
  const sdkCalls = handlerNode ? traceNodes(handlerNode).flatMap((n) => (n.aws && typeof n.aws.operation === 'string' ? [`${n.name}.${n.aws.operation}`] : [])) : [];
  return { result: run.result, logs: logLines(lines), emf: lines.filter((l) => l._aws), metrics: emittedMetrics(lines), handlerNode, sdkCalls };
}

/** Every log line of the invocation carries the Lambda context and (when given) the correlation id. */
function expectContextOnEveryLine(logs: readonly Line[], requestId: string, correlationId?: string): void {
  expect(logs.length).toBeGreaterThan(0);
  for (const line of logs) {
    expect(line).toMatchObject({ function_request_id: requestId, function_name: 'fn-under-test', function_version: '7', cold_start: expect.any(Boolean), service: 'fn-under-test' });
    if (correlationId) expect(line.correlation_id).toBe(correlationId);
  }
}

/** The EMF lines name the system's namespace and the environment and service dimensions. */
function expectEmf(emf: readonly Line[], namespace: string): void {
  expect(emf.length).toBeGreaterThan(0);
  for (const line of emf) {
    expect(line._aws?.CloudWatchMetrics[0]).toMatchObject({ Namespace: namespace, Dimensions: [expect.arrayContaining(['service', 'environment'])] });
    expect(line).toMatchObject({ environment: 'obs1', service: 'fn-under-test' });
  }
}

const CALLER = 'arn:aws:sts::123456789012:assumed-role/orders-service/task-1';
function apiEvent(method: string, requestId: string, extra: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    httpMethod: method,
    path: '/',
    resource: '/',
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { requestId, identity: { userArn: CALLER } } as unknown as APIGatewayProxyEvent['requestContext'],
    ...extra,
  };
}

describe('payment-api create-payment', () => {
  const tables = { payments: 'obs-payments', idempotency: 'obs-idempotency', audit: 'obs-audit' };
  let create: Handler<APIGatewayProxyEvent, APIGatewayProxyResult>;
  const body = { amount: 1250, currency: 'EUR', merchantReference: 'order-1', customerReference: 'cust-1' };
  const post = (requestId: string, key: string, payload: unknown = body) => apiEvent('POST', requestId, { path: '/payments', resource: '/payments', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(payload) });

  beforeAll(async () => {
    await table(tables.payments, 'paymentId');
    await table(tables.idempotency, 'idempotencyKey');
    await table(tables.audit, 'paymentId', 'event');
    create = await load('../../../lambdas/payment-api/src/create-payment/handler', { PAYMENTS_TABLE: tables.payments, IDEMPOTENCY_TABLE: tables.idempotency, AUDIT_TABLE: tables.audit });
  });

  it('created: PaymentsCreated, every line with the request and correlation id, DynamoDB calls traced under the handler with the payment id annotated', async () => {
    const call = await invoke(create, post('apigw-c1', 'obs-key-1'), 'lambda-c1');
    expect(call.result.statusCode).toBe(201);
    expectContextOnEveryLine(call.logs, 'lambda-c1', 'apigw-c1');
    expect(call.logs.find((l) => l.message === 'payment created')?.paymentId).toBe(JSON.parse(call.result.body).paymentId);
    expectEmf(call.emf, 'tap/payment-api');
    expect(call.metrics).toEqual({ PaymentsCreated: 1 });
    expect(call.handlerNode?.annotations).toMatchObject({ ColdStart: expect.any(Boolean), Service: 'fn-under-test', correlationId: 'apigw-c1', paymentId: JSON.parse(call.result.body).paymentId });
    expect(call.sdkCalls).toEqual(expect.arrayContaining(['DynamoDB.PutItem', 'DynamoDB.TransactWriteItems']));
  });

  it('replay: IdempotentReplays; another body with the key: PayloadMismatches (422)', async () => {
    await invoke(create, post('apigw-c2', 'obs-key-2'), 'lambda-c2');
    const replay = await invoke(create, post('apigw-c3', 'obs-key-2'), 'lambda-c3');
    expect(replay.result.headers?.['Idempotent-Replayed']).toBe('true');
    expect(replay.metrics).toEqual({ IdempotentReplays: 1 });
    expectContextOnEveryLine(replay.logs, 'lambda-c3', 'apigw-c3');
    const mismatch = await invoke(create, post('apigw-c4', 'obs-key-2', { ...body, amount: 99 }), 'lambda-c4');
    expect(mismatch.result.statusCode).toBe(422);
    expect(mismatch.metrics).toEqual({ PayloadMismatches: 1 });
    expectContextOnEveryLine(mismatch.logs, 'lambda-c4', 'apigw-c4');
    expect(mismatch.sdkCalls).toEqual(expect.arrayContaining(['DynamoDB.GetItem']));
  });

  it('in progress (another attempt holds the lock): VersionConflicts (409)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const keyHash = scopedKeyHash('arn:aws:sts::123456789012:assumed-role/orders-service', 'obs-key-locked'); // the caller as callerOf counts it (the role)
    await raw.send(
      new PutItemCommand({
        TableName: tables.idempotency,
        Item: {
          idempotencyKey: { S: keyHash },
          status: { S: 'IN_PROGRESS' },
          payloadHash: { S: sha256(canonicalJson(body)) },
          paymentId: { S: '0b0e3b5e-8d2a-4c55-9d6e-5f0c1b2a3d4e' },
          createdAt: { S: new Date().toISOString() },
          expiresAt: { N: String(now + 3600) },
          lockToken: { S: 'other-attempt' },
          lockExpiresAt: { N: String(now + 30) },
        },
      }),
    );
    const call = await invoke(create, post('apigw-c5', 'obs-key-locked'), 'lambda-c5');
    expect(call.result.statusCode).toBe(409);
    expect(call.metrics).toEqual({ VersionConflicts: 1 });
    expectContextOnEveryLine(call.logs, 'lambda-c5', 'apigw-c5');
  });

  it('the idempotency table gone: 500 and DependencyFailures', async () => {
    await raw.send(new DeleteTableCommand({ TableName: tables.idempotency }));
    const call = await invoke(create, post('apigw-c6', 'obs-key-6'), 'lambda-c6');
    expect(call.result.statusCode).toBe(500);
    expect(call.metrics).toEqual({ DependencyFailures: 1 });
    expectEmf(call.emf, 'tap/payment-api');
    expectContextOnEveryLine(call.logs, 'lambda-c6', 'apigw-c6');
  });
});

describe('payment-api get-payment', () => {
  let get: Handler<APIGatewayProxyEvent, APIGatewayProxyResult>;
  const id = '3f0e3b5e-8d2a-4c55-9d6e-5f0c1b2a3d4e';
  beforeAll(async () => {
    await table('obs-payments-read', 'paymentId');
    await raw.send(new PutItemCommand({ TableName: 'obs-payments-read', Item: { paymentId: { S: id }, status: { S: 'PENDING' }, amount: { N: '5' }, currency: { S: 'EUR' }, ownerArn: { S: 'arn:aws:sts::123456789012:assumed-role/orders-service' } } }));
    get = await load('../../../lambdas/payment-api/src/get-payment/handler', { PAYMENTS_TABLE: 'obs-payments-read' });
  });

  it('read: lines with the request and correlation id, the GetItem traced and the payment id annotated; no business metric', async () => {
    const call = await invoke(get, apiEvent('GET', 'apigw-g1', { pathParameters: { id } }), 'lambda-g1');
    expect(call.result.statusCode).toBe(200);
    expectContextOnEveryLine(call.logs, 'lambda-g1', 'apigw-g1');
    expect(call.logs.every((l) => l.paymentId === id)).toBe(true);
    expect(call.emf).toEqual([]);
    expect(call.handlerNode?.annotations).toMatchObject({ paymentId: id, correlationId: 'apigw-g1' });
    expect(call.sdkCalls).toEqual(['DynamoDB.GetItem']);
  });

  it('the table gone: 500 and DependencyFailures', async () => {
    await raw.send(new DeleteTableCommand({ TableName: 'obs-payments-read' }));
    const call = await invoke(get, apiEvent('GET', 'apigw-g2', { pathParameters: { id } }), 'lambda-g2');
    expect(call.result.statusCode).toBe(500);
    expect(call.metrics).toEqual({ DependencyFailures: 1 });
    expectEmf(call.emf, 'tap/payment-api');
    expectContextOnEveryLine(call.logs, 'lambda-g2', 'apigw-g2');
  });
});

describe('rest-api items', () => {
  let items: Handler<APIGatewayProxyEvent, APIGatewayProxyResult>;
  const INDEX = 'by-created';
  beforeAll(async () => {
    await createItemsTable(raw, 'obs-items', INDEX);
    items = await load('../../../lambdas/rest-api/src/items/handler', { ITEMS_TABLE_NAME: 'obs-items', ITEMS_LIST_INDEX: INDEX });
  });
  const create = (requestId: string, key: string, name = 'widget') =>
    apiEvent('POST', requestId, { path: '/items', resource: '/items', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify({ name }) });

  it('create: lines with the request and correlation id, PutItem traced with the item id annotated; a replay counts IdempotentReplays, another body PayloadMismatches', async () => {
    const first = await invoke(items, create('apigw-i1', 'obs-item-key'), 'lambda-i1');
    expect(first.result.statusCode).toBe(201);
    const itemId = JSON.parse(first.result.body).id as string;
    expectContextOnEveryLine(first.logs, 'lambda-i1', 'apigw-i1');
    expect(first.handlerNode?.annotations).toMatchObject({ itemId, correlationId: 'apigw-i1' });
    expect(first.sdkCalls).toEqual(['DynamoDB.PutItem']);
    expect(first.emf).toEqual([]);
    const replay = await invoke(items, create('apigw-i2', 'obs-item-key'), 'lambda-i2');
    expect(replay.metrics).toEqual({ IdempotentReplays: 1 });
    expectEmf(replay.emf, 'tap/rest-api');
    const mismatch = await invoke(items, create('apigw-i3', 'obs-item-key', 'another'), 'lambda-i3');
    expect(mismatch.result.statusCode).toBe(422);
    expect(mismatch.metrics).toEqual({ PayloadMismatches: 1 });
    expectContextOnEveryLine(mismatch.logs, 'lambda-i3', 'apigw-i3');
  });

  it('a stale version: 409 and VersionConflicts; the table gone: 500 and DependencyFailures', async () => {
    const made = await invoke(items, create('apigw-i4', 'obs-item-key-2'), 'lambda-i4');
    const id = JSON.parse(made.result.body).id as string;
    const stale = await invoke(items, apiEvent('PUT', 'apigw-i5', { path: `/items/${id}`, resource: '/items/{id}', pathParameters: { id }, body: JSON.stringify({ name: 'x', version: 7 }) }), 'lambda-i5');
    expect(stale.result.statusCode).toBe(409);
    expect(stale.metrics).toEqual({ VersionConflicts: 1 });
    expectContextOnEveryLine(stale.logs, 'lambda-i5', 'apigw-i5');
    expect(stale.sdkCalls).toEqual(expect.arrayContaining(['DynamoDB.UpdateItem']));
    await raw.send(new DeleteTableCommand({ TableName: 'obs-items' }));
    const failed = await invoke(items, apiEvent('GET', 'apigw-i6', { path: `/items/${id}`, resource: '/items/{id}', pathParameters: { id } }), 'lambda-i6');
    expect(failed.result.statusCode).toBe(500);
    expect(failed.metrics).toEqual({ DependencyFailures: 1 });
    expectContextOnEveryLine(failed.logs, 'lambda-i6', 'apigw-i6');
  });
});

describe('event-pipeline ingest', () => {
  let ingest: Handler<APIGatewayProxyEvent, APIGatewayProxyResult>;
  let bus: Awaited<ReturnType<typeof jsonEndpoint>>;
  let answer: { status: number; body: unknown } = { status: 200, body: { FailedEntryCount: 0, Entries: [{ EventId: 'eb-1' }] } };
  const envelope = (id: string) => ({ id, source: 'orders.service', type: 'order.created', time: '2024-05-01T12:00:00Z', detail: { orderId: 'o-1' } });
  const post = (requestId: string, id: string) => apiEvent('POST', requestId, { path: '/events', resource: '/events', body: JSON.stringify(envelope(id)) });

  beforeAll(async () => {
    bus = await jsonEndpoint(() => answer);
    ingest = await load('../../../lambdas/event-pipeline/src/ingest/handler', { AWS_ENDPOINT_URL_EVENTBRIDGE: bus.endpoint, EVENT_BUS_NAME: 'obs-bus', EVENT_SOURCE: 'tap.pipeline' });
  });
  afterAll(() => bus.stop());

  it('accepted: lines with the request and correlation id, PutEvents traced with the event id annotated', async () => {
    const call = await invoke(ingest, post('apigw-e1', 'evt-obs-1'), 'lambda-e1');
    expect(call.result.statusCode).toBe(202);
    expectContextOnEveryLine(call.logs, 'lambda-e1', 'apigw-e1');
    expect(call.logs.every((l) => l.eventId === 'evt-obs-1')).toBe(true);
    expect(call.handlerNode?.annotations).toMatchObject({ eventId: 'evt-obs-1', correlationId: 'apigw-e1' });
    expect(call.sdkCalls).toEqual(['EventBridge.PutEvents']);
  });

  it('a rejected entry (500) and a throttled bus (503) count DependencyFailures', async () => {
    answer = { status: 200, body: { FailedEntryCount: 1, Entries: [{ ErrorCode: 'AccessDeniedException', ErrorMessage: 'no' }] } };
    const rejected = await invoke(ingest, post('apigw-e2', 'evt-obs-2'), 'lambda-e2');
    expect(rejected.result.statusCode).toBe(500);
    expect(rejected.metrics).toEqual({ DependencyFailures: 1 });
    expectEmf(rejected.emf, 'tap/event-pipeline');
    expectContextOnEveryLine(rejected.logs, 'lambda-e2', 'apigw-e2');
    answer = { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } };
    const throttled = await invoke(ingest, post('apigw-e3', 'evt-obs-3'), 'lambda-e3');
    expect(throttled.result.statusCode).toBe(503);
    expect(throttled.metrics).toEqual({ DependencyFailures: 1 });
    expectContextOnEveryLine(throttled.logs, 'lambda-e3', 'apigw-e3');
  });
});

describe('event-pipeline process', () => {
  let processBatch: Handler<SQSEvent, { batchItemFailures: { itemIdentifier: string }[] }>;
  const envelope = (id: string, detail: Record<string, unknown> = { n: 1 }) => ({ id, source: 'orders.service', type: 'order.created', time: '2024-05-01T12:00:00Z', detail });
  const record = (messageId: string, env: unknown): SQSRecord => ({ messageId, receiptHandle: messageId, body: JSON.stringify({ detail: env }), attributes: { ApproximateReceiveCount: '1' } as SQSRecord['attributes'], messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:q', awsRegion: 'us-east-1' });
  beforeAll(async () => {
    await table('obs-events', 'eventId');
    processBatch = await load('../../../lambdas/event-pipeline/src/process/handler', { TABLE_NAME: 'obs-events' });
  });

  it('stored, duplicate and reused id: EventsStored, DuplicatesSkipped, PayloadMismatches; a failed record line carries its event id as the correlation id; PutItem traced', async () => {
    await invoke(processBatch, { Records: [record('m-0', envelope('p-dup'))] }, 'lambda-p0');
    const call = await invoke(processBatch, { Records: [record('m-1', envelope('p-new')), record('m-2', envelope('p-dup')), record('m-3', envelope('p-dup', { n: 2 }))] }, 'lambda-p1');
    expect(call.result.batchItemFailures).toEqual([{ itemIdentifier: 'm-3' }]);
    expect(call.metrics).toEqual({ EventsStored: 1, DuplicatesSkipped: 1, PayloadMismatches: 1 });
    expectEmf(call.emf, 'tap/event-pipeline');
    expectContextOnEveryLine(call.logs, 'lambda-p1');
    expect(call.logs.find((l) => l.message === 'record failed')?.correlation_id).toBe('p-dup');
    expect(call.sdkCalls).toEqual(expect.arrayContaining(['DynamoDB.PutItem', 'DynamoDB.GetItem']));
  });

  it('the table gone: every record fails and DependencyFailures counts each', async () => {
    await raw.send(new DeleteTableCommand({ TableName: 'obs-events' }));
    const call = await invoke(processBatch, { Records: [record('f-1', envelope('p-f1')), record('f-2', envelope('p-f2'))] }, 'lambda-p2');
    expect(call.result.batchItemFailures).toEqual(expect.arrayContaining([{ itemIdentifier: 'f-1' }, { itemIdentifier: 'f-2' }]));
    expect(call.metrics).toEqual({ DependencyFailures: 2 });
    expectContextOnEveryLine(call.logs, 'lambda-p2');
  });
});

describe('event-pipeline authorizer', () => {
  const TOKEN = 'Q3vT9kP2xL7mN4bR8wZ1cF6hJ0sD5gA2yU9eI3oK7tV1nM4q';
  let authorize: Handler<{ type: 'TOKEN'; authorizationToken: string; methodArn: string }, { policyDocument: { Statement: { Effect: string }[] } }>;
  let ssm: Awaited<ReturnType<typeof jsonEndpoint>>;
  let failing = false;
  beforeAll(async () => {
    ssm = await jsonEndpoint((_target, body) => (failing ? { status: 400, body: { __type: 'AccessDeniedException', message: 'no' } } : { status: 200, body: { Parameter: { Name: body.Name, Type: 'SecureString', Value: TOKEN, Version: 1 } } }));
    authorize = await load('../../../lambdas/event-pipeline/src/authorizer/handler', { AWS_ENDPOINT_URL_SSM: ssm.endpoint, TOKEN_PARAMETER_NAME: '/obs/token', PREVIOUS_TOKEN_PARAMETER_NAME: '', TOKEN_OVERLAP_SECONDS: '3600' });
  });
  afterAll(() => ssm.stop());
  const event = (token: string) => ({ type: 'TOKEN' as const, authorizationToken: token, methodArn: 'arn:aws:execute-api:us-east-1:123456789012:abc/api/POST/events' });

  it('a decision: lines with the Lambda request id (a TOKEN event has no API request id), GetParameter traced', async () => {
    const call = await invoke(authorize, event(TOKEN), 'lambda-a1');
    expect(call.result.policyDocument.Statement[0].Effect).toBe('Allow');
    expectContextOnEveryLine(call.logs, 'lambda-a1');
    expect(call.sdkCalls).toEqual(['SSM.GetParameter']);
    expect(call.emf).toEqual([]);
  });

  it('SSM unreadable: the invocation fails and DependencyFailures is still published', async () => {
    failing = true;
    const { lines } = await stdoutLines(() => traced(() => authorize(event('another-token-that-forces-a-fresh-read-0000000000'), lambdaContext('lambda-a2')).catch((e: Error) => e)));
    expect(emittedMetrics(lines)).toEqual({ DependencyFailures: 1 });
    expectContextOnEveryLine(logLines(lines), 'lambda-a2');
  });
});
