import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { API_SDK_BUDGET, dependencyFailure, isUnavailable, sdkClientConfig, worstCaseCallMs } from '@tap/lambda-kit';

// The shared SDK client configuration: the request timeout really fires (node-http-handler 4.x only
// warns without throwOnRequestTimeout), and the retry budget is bounded.
let server: Server;
let endpoint: string;
let requests = 0;

beforeAll(async () => {
  // Accepts the connection and the request, never answers.
  server = createServer(() => {
    requests += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('sdkClientConfig', () => {
  it('a dependency that never answers fails with TimeoutError after the attempts of the budget, and maps to 503 + Retry-After', async () => {
    const budget = { connectTimeoutMs: 200, requestTimeoutMs: 300, maxAttempts: 2 };
    const client = new DynamoDBClient({ ...sdkClientConfig(budget), endpoint, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const started = Date.now();
    const caught = await client.send(new GetItemCommand({ TableName: 'never', Key: { id: { S: 'x' } } })).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    client.destroy();
    expect(caught).toMatchObject({ name: 'TimeoutError' });
    expect(requests).toBe(budget.maxAttempts);
    expect(elapsed).toBeLessThan(worstCaseCallMs(budget) + 1_000);
    expect(isUnavailable(caught)).toBe(true);
    const answer = dependencyFailure(caught, 'busy');
    expect(answer.statusCode).toBe(503);
    expect(answer.headers?.['Retry-After']).toBe('1');
  });

  it('the API budget stays under 10 s per call, far inside API Gateway 29 s and the 30 s function timeout', () => {
    expect(worstCaseCallMs(API_SDK_BUDGET)).toBeLessThan(10_000);
    expect(sdkClientConfig().maxAttempts).toBe(API_SDK_BUDGET.maxAttempts);
  });

  it('an unexpected error is still a 500 (only timeouts, unreachable hosts and throttling are retryable answers)', () => {
    expect(dependencyFailure(Object.assign(new Error('x'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }), 'busy').statusCode).toBe(500);
    expect(isUnavailable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
  });
});
