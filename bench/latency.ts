import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { percentile } from './measure';
import type { MainRequest } from './requests';

/**
 * A loopback stub for the non-DynamoDB calls a handler makes (SQS SendMessage, EventBridge PutEvents,
 * SSM GetParameter): it answers success in the AWS JSON protocol, so latency figures measure the
 * handler and DynamoDB, not a queue.
 */
export async function startStub(): Promise<{ port: number; stop: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      let out: unknown = {};
      if (target.endsWith('.SendMessage')) out = { MessageId: randomUUID(), MD5OfMessageBody: createHash('md5').update(String(body.MessageBody ?? '')).digest('hex') };
      else if (target.endsWith('.GetQueueUrl')) out = { QueueUrl: `http://127.0.0.1/000000000000/${String(body.QueueName)}` };
      else if (target.endsWith('.PutEvents')) out = { FailedEntryCount: 0, Entries: ((body.Entries as unknown[]) ?? []).map(() => ({ EventId: randomUUID() })) };
      else if (target.endsWith('.GetParameter')) out = { Parameter: { Name: body.Name, Type: 'SecureString', Value: 'bench-value', Version: 1 } };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The IAM identity API Gateway puts in the context of a SigV4-signed call (the payment API refuses a call without one). */
const BENCH_CALLER = 'arn:aws:sts::000000000000:assumed-role/bench-client/bench';

function proxyEvent(spec: MainRequest): APIGatewayProxyEvent {
  const body = JSON.stringify(spec.body());
  return {
    httpMethod: spec.method,
    path: spec.path,
    resource: spec.resource ?? spec.path,
    headers: { 'Content-Type': 'application/json', Origin: 'https://example.com', ...(spec.headers?.() ?? {}) },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: { requestId: randomUUID(), stage: 'api', httpMethod: spec.method, path: `/api${spec.path}`, identity: { sourceIp: '127.0.0.1', userArn: BENCH_CALLER } } as APIGatewayProxyEvent['requestContext'],
  };
}

export interface Latency {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly statuses: Readonly<Record<string, number>>;
}

/** Invokes a bundled handler in-process N times (after a warm-up) with API Gateway proxy events. */
export async function measureLatency(bundle: string, spec: MainRequest, requests: number): Promise<Latency> {
  const mod = require(bundle) as { handler: (e: APIGatewayProxyEvent, c: unknown) => Promise<APIGatewayProxyResult> };
  const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 30000 };
  for (let i = 0; i < 10; i++) await mod.handler(proxyEvent(spec), context);
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  for (let i = 0; i < requests; i++) {
    const event = proxyEvent(spec);
    const t0 = performance.now();
    const res = await mod.handler(event, context);
    times.push(performance.now() - t0);
    statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
  }
  return { requests, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), statuses };
}
