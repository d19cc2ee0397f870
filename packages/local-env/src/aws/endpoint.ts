import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Faults, StallableService } from '../faults';
import type { Enforcement } from '../iam/enforcer';
import { listenOnLoopback } from '../listen';
import { AwsError, readBody, sendJson } from './protocol';

/** One AWS JSON call as the endpoint received it. */
export interface AwsCall {
  readonly operation: string;
  readonly raw: Buffer;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly contentType: string;
}

/** The answer of a protocol that wrote the response itself (DynamoDB forwards to dynalite). */
export const ANSWERED = Symbol('answered');

/** One service's wire protocol: the X-Amz-Target prefix it answers and how. */
export interface AwsProtocol {
  /** The X-Amz-Target service part, e.g. `AmazonSQS` (JSON 1.0) or `AmazonSSM` (JSON 1.1). */
  readonly target: string;
  /** Its name in `faults.stalled`. */
  readonly service: StallableService;
  /** The result to answer with 200, or ANSWERED; an AwsError is answered as AWS does. */
  handle(call: AwsCall): Promise<unknown> | unknown;
}

export interface EndpointOptions {
  /** The services answered from the start; more can be added with register(). Default none. */
  readonly protocols?: readonly AwsProtocol[];
  /** GET /_local/<path>: the environment's own diagnostics (function metrics, delivery errors). */
  readonly admin?: (path: string) => unknown;
  /** IAM and network enforcement (iam/enforcer.ts); absent when turned off. */
  readonly enforce?: (headers: IncomingMessage['headers'], target: string, raw: Buffer) => Promise<Enforcement>;
  /** Stalled services (faults.ts). Default none. */
  readonly faults?: Pick<Faults, 'stalled'>;
}

/**
 * One loopback endpoint for the AWS JSON protocols the SDK v3 clients use; each service's protocol
 * (sqs/, ssm/, events/, dynamodb/) answers its X-Amz-Target. Every AWS_ENDPOINT_URL_<SERVICE> points at
 * it. Here, for every service alike: stalls, then IAM and network enforcement, then AWS's error shape.
 */
export class AwsEndpoint {
  private server?: Server;
  private readonly byTarget = new Map<string, AwsProtocol>();

  constructor(private readonly options: EndpointOptions) {
    for (const p of options.protocols ?? []) this.register(p);
  }

  /** Answers a service's X-Amz-Target from now on. */
  register(protocol: AwsProtocol): void {
    this.byTarget.set(protocol.target, protocol);
  }

  /** Listens on 127.0.0.1:`port` (0: any free port); rejects with EADDRINUSE when the port is taken. */
  async start(port = 0): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    return listenOnLoopback(this.server, port);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method === 'GET' && req.url?.startsWith('/_local/') && this.options.admin) {
      sendJson(res, 200, this.options.admin(req.url.slice('/_local/'.length)), 'application/json');
      return;
    }
    const contentType = String(req.headers['content-type'] ?? 'application/x-amz-json-1.1');
    const raw = await readBody(req);
    const [service, operation] = target.split('.');
    const protocol = this.byTarget.get(service);
    if (protocol && this.options.faults?.stalled.has(protocol.service)) return; // never answered; the caller's timeout must fire
    const enforcement = await this.options.enforce?.(req.headers, target, raw);
    if (enforcement?.kind === 'deny') return sendJson(res, 400, { __type: enforcement.code, message: enforcement.message }, contentType);
    // No network path: nothing answers, and the connection drops after the client's connect timeout.
    if (enforcement?.kind === 'unreachable') return void setTimeout(() => req.socket.destroy(), enforcement.afterMs).unref();
    try {
      if (!protocol) throw new AwsError('UnknownOperationException', `${target || '(no X-Amz-Target)'} is not emulated by the local environment`);
      const result = await protocol.handle({ operation, raw, req, res, contentType });
      if (result !== ANSWERED) sendJson(res, 200, result, contentType);
    } catch (error) {
      if (error instanceof AwsError) {
        sendJson(res, error.status, { __type: error.code, message: error.message }, contentType, error.queryCode ? { 'x-amzn-query-error': error.queryCode } : {});
      } else {
        sendJson(res, 500, { __type: 'InternalFailure', message: (error as Error).message }, contentType);
      }
    }
  }
}

/** Environment variables that point SDK v3 clients (and the AWS CLI) at the endpoint. */
export function endpointVariables(region: string, url: string): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: url,
    AWS_ENDPOINT_URL_SQS: url,
    AWS_ENDPOINT_URL_EVENTBRIDGE: url,
    AWS_ENDPOINT_URL_SSM: url,
  };
}
