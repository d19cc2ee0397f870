import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

/** One JSON line a handler wrote to stdout: a Powertools log line or an EMF metrics blob. */
export type Line = Record<string, unknown> & { _aws?: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } };

/**
 * Records every JSON line written to stdout and stderr while `run` runs: Metrics and the Logger's
 * INFO lines go to stdout, its WARN and ERROR lines to stderr (in Lambda both reach the log group).
 */
export async function stdoutLines<T>(run: () => Promise<T>): Promise<{ result: T; lines: Line[] }> {
  const chunks: string[] = [];
  const record = (chunk: string | Uint8Array): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(record);
  const spyErr = jest.spyOn(process.stderr, 'write').mockImplementation(record);
  try {
    const result = await run();
    const lines = chunks
      .join('')
      .split('\n')
      .filter((l) => l.trim().startsWith('{'))
      .map((l) => JSON.parse(l) as Line);
    return { result, lines };
  } finally {
    spy.mockRestore();
    spyErr.mockRestore();
  }
}

/** The metric names of the EMF lines among `lines`, with their values. */
export function emittedMetrics(lines: readonly Line[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of lines) {
    // A metric added more than once in an invocation is one EMF value array.
    for (const group of line._aws?.CloudWatchMetrics ?? []) for (const m of group.Metrics) out[m.Name] = (out[m.Name] ?? 0) + [line[m.Name]].flat().reduce((sum: number, v) => sum + Number(v), 0);
  }
  return out;
}

/** The log lines (not metrics) among `lines`. */
export function logLines(lines: readonly Line[]): Line[] {
  return lines.filter((l) => l._aws === undefined);
}

/** The parts of an X-Ray (sub)segment the tests read. */
export interface TraceNode {
  readonly name: string;
  readonly annotations?: Record<string, unknown>;
  readonly aws?: Record<string, unknown>;
  readonly subsegments?: TraceNode[];
}

interface XRay {
  Segment: new (name: string) => TraceNode;
  getNamespace(): { runPromise<T>(fn: () => Promise<T>): Promise<T> };
  setSegment(segment: TraceNode): void;
}

/**
 * Runs `fn` inside an X-Ray segment, as Lambda's facade segment would be, and returns that segment: its
 * subsegments are what the Tracer recorded (the handler's `## ...` subsegment and, under it, one per SDK
 * call). The X-Ray SDK is required through jest's registry at the path the Powertools Tracer resolves,
 * so it is the very instance the handler's Tracer uses.
 */
export async function traced<T>(fn: () => Promise<T>): Promise<{ result: T; segment: TraceNode }> {
  const kit = createRequire(require.resolve('@tap/lambda-kit'));
  const tracerPackage = createRequire(kit.resolve('@aws-lambda-powertools/tracer'));
  const xray = require(tracerPackage.resolve('aws-xray-sdk-core')) as XRay;
  const segment = new xray.Segment('lambda-facade');
  const result = await xray.getNamespace().runPromise(async () => {
    xray.setSegment(segment);
    return fn();
  });
  return { result, segment };
}

/** Every node under `root`, depth first. */
export function traceNodes(root: TraceNode): TraceNode[] {
  return [root, ...(root.subsegments ?? []).flatMap(traceNodes)];
}

/** A Lambda context as the runtime passes it. */
export function lambdaContext(requestId: string): { awsRequestId: string; functionName: string; functionVersion: string; invokedFunctionArn: string; memoryLimitInMB: string; getRemainingTimeInMillis: () => number } {
  return {
    awsRequestId: requestId,
    functionName: 'fn-under-test',
    functionVersion: '7',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn-under-test:live',
    memoryLimitInMB: '256',
    getRemainingTimeInMillis: () => 30_000,
  };
}

/** A loopback AWS JSON-protocol endpoint answering each call with `answer(target, body)` ({ status, body }). */
export async function jsonEndpoint(answer: (target: string, body: Record<string, unknown>) => { status: number; body: unknown }): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { status, body } = answer(String(req.headers['x-amz-target'] ?? ''), JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>);
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
