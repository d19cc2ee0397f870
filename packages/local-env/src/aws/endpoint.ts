import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Enforcement } from '../iam/enforcer';
import type { EventBus, PutEventsEntry } from '../events/bus';
import { DynamoTransactions } from '../dynamodb/transactions';
import { AwsError, readBody, sendJson } from './protocol';
import type { MessageAttribute, SqsEngine } from '../sqs/engine';
import type { SsmStore } from '../ssm/store';
import { listenOnLoopback } from '../listen';

export interface AwsServices {
  readonly sqs: SqsEngine;
  /** Set once the rules are read (they need queue URLs, which need this endpoint's port). */
  events?: EventBus;
  readonly ssm: SsmStore;
  /** Port of the dynalite server DynamoDB calls are forwarded to. */
  readonly dynamoPort: number;
  /** GET /_local/<path>: the environment's own diagnostics (function metrics, delivery errors). */
  readonly admin?: (path: string) => unknown;
  /** IAM and network enforcement (iam/enforcer.ts); absent when turned off. */
  enforce?: (headers: IncomingMessage['headers'], target: string, raw: Buffer) => Promise<Enforcement>;
}

type Body = Record<string, unknown>;

/**
 * One loopback endpoint that speaks the AWS JSON protocols the SDK v3 clients use: AmazonSQS.* (JSON
 * 1.0), AWSEvents.* and AmazonSSM.* (JSON 1.1), and DynamoDB_20120810.* forwarded to dynalite (with
 * UpdateTimeToLive/DescribeTimeToLive answered here, since dynalite does not implement them). Every
 * AWS_ENDPOINT_URL_<SERVICE> points at it.
 */
export class AwsEndpoint {
  private server?: Server;
  private readonly ttl = new Map<string, { AttributeName: string; Enabled: boolean }>();
  private readonly sqsTargets: Record<string, (b: Body) => Promise<unknown> | unknown>;
  /**
   * DynamoDB faults by table name (tests only): every request naming the table is refused with this
   * error code (e.g. ProvisionedThroughputExceededException, status 400 as DynamoDB answers). Default none.
   */
  readonly dynamoFaults = new Map<string, string>();
  /**
   * A slow store (fault runs): DynamoDB writes are forwarded one at a time, each after this many
   * milliseconds, so a batch in flight is stored item by item and can be interrupted midway (reads are
   * not delayed, so an observer can watch it). Default 0.
   */
  dynamoLatencyMs = 0;
  private dynamoGate: Promise<void> = Promise.resolve();
  /** TransactWriteItems (dynalite has none); every write is serialized through it. */
  private readonly transactions: DynamoTransactions;
  /**
   * Fault runs: called around every DynamoDB write, `before` it is applied and `after` (applied, answer
   * not yet sent), so a test can kill the calling function exactly between two steps. Returning false
   * drops the request unanswered (and, `before`, unapplied). Default none.
   */
  dynamoWriteHook?: (phase: 'before' | 'after', operation: string, body: Body) => boolean | void;
  /** Services whose requests are never answered (a stalled dependency): `dynamodb`, `sqs`, `events`, `ssm`. Default none. */
  readonly stalled = new Set<string>();

  constructor(private readonly services: AwsServices) {
    const { sqs } = services;
    this.transactions = new DynamoTransactions(services.dynamoPort);
    const attrs = (a: unknown): Record<string, MessageAttribute> | undefined => (a && typeof a === 'object' ? (a as Record<string, MessageAttribute>) : undefined);
    this.sqsTargets = {
      GetQueueUrl: (b) => ({ QueueUrl: sqs.find(String(b.QueueName)).url }),
      ListQueues: (b) => ({ QueueUrls: sqs.specs().filter((q) => !b.QueueNamePrefix || q.name.startsWith(String(b.QueueNamePrefix))).map((q) => q.url) }),
      SendMessage: (b) => sqs.send(String(b.QueueUrl), String(b.MessageBody ?? ''), { delaySeconds: num(b.DelaySeconds), attributes: attrs(b.MessageAttributes), groupId: str(b.MessageGroupId) }),
      SendMessageBatch: (b) => batch(b, (e) => ({ Id: e.Id, ...sqs.send(String(b.QueueUrl), String(e.MessageBody ?? ''), { delaySeconds: num(e.DelaySeconds), attributes: attrs(e.MessageAttributes), groupId: str(e.MessageGroupId) }) })),
      ReceiveMessage: async (b) => {
        const messages = await sqs.receive(String(b.QueueUrl), num(b.MaxNumberOfMessages) ?? 1, num(b.VisibilityTimeout), num(b.WaitTimeSeconds));
        return messages.length > 0 ? { Messages: messages } : {};
      },
      DeleteMessage: (b) => {
        sqs.delete(String(b.QueueUrl), String(b.ReceiptHandle ?? ''));
        return {};
      },
      DeleteMessageBatch: (b) => batch(b, (e) => {
        sqs.delete(String(b.QueueUrl), String(e.ReceiptHandle ?? ''));
        return { Id: e.Id };
      }),
      ChangeMessageVisibility: (b) => {
        sqs.changeVisibility(String(b.QueueUrl), String(b.ReceiptHandle ?? ''), num(b.VisibilityTimeout) ?? 0);
        return {};
      },
      ChangeMessageVisibilityBatch: (b) => batch(b, (e) => {
        sqs.changeVisibility(String(b.QueueUrl), String(e.ReceiptHandle ?? ''), num(e.VisibilityTimeout) ?? 0);
        return { Id: e.Id };
      }),
      PurgeQueue: (b) => {
        sqs.purge(String(b.QueueUrl));
        return {};
      },
      GetQueueAttributes: (b) => {
        const all = sqs.attributes(String(b.QueueUrl));
        const names = Array.isArray(b.AttributeNames) ? (b.AttributeNames as string[]) : ['All'];
        return { Attributes: names.includes('All') ? all : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k))) };
      },
    };
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
    if (req.method === 'GET' && req.url?.startsWith('/_local/') && this.services.admin) {
      sendJson(res, 200, this.services.admin(req.url.slice('/_local/'.length)), 'application/json');
      return;
    }
    const contentType = String(req.headers['content-type'] ?? 'application/x-amz-json-1.1');
    const raw = await readBody(req);
    const [service, operation] = target.split('.');
    if (this.stalled.has(STALL_KEYS[service] ?? '')) return; // never answered; the caller's timeout must fire
    const enforcement = await this.services.enforce?.(req.headers, target, raw);
    if (enforcement?.kind === 'deny') return sendJson(res, 400, { __type: enforcement.code, message: enforcement.message }, contentType);
    // No network path: nothing answers, and the connection drops after the client's connect timeout.
    if (enforcement?.kind === 'unreachable') return void setTimeout(() => req.socket.destroy(), enforcement.afterMs).unref();
    try {
      if (service === 'DynamoDB_20120810') {
        if (operation === 'UpdateTimeToLive' || operation === 'DescribeTimeToLive') {
          sendJson(res, 200, this.timeToLive(operation, parse(raw)), contentType);
          return;
        }
        const fault = this.dynamoFault(raw);
        if (fault) {
          sendJson(res, 400, { __type: `com.amazonaws.dynamodb.v20120810#${fault}`, message: 'fault injected by the local environment' }, contentType);
          return;
        }
        if (this.dynamoLatencyMs > 0 && WRITES.has(operation)) {
          const ms = this.dynamoLatencyMs;
          const turn = this.dynamoGate.then(() => new Promise<void>((r) => setTimeout(r, ms)));
          this.dynamoGate = turn;
          await turn;
        }
        if (WRITES.has(operation)) {
          await this.transactions.exclusive(() => this.write(operation, parse(raw), res, contentType));
          return;
        }
        this.forwardToDynalite(req, raw, res);
        return;
      }
      const body = parse(raw);
      let result: unknown;
      if (service === 'AmazonSQS' && this.sqsTargets[operation]) result = await this.sqsTargets[operation](body);
      else if (service === 'AWSEvents' && operation === 'PutEvents' && this.services.events) result = await this.services.events.put((body.Entries as PutEventsEntry[]) ?? []);
      else if (service === 'AmazonSSM' && operation === 'GetParameter') result = { Parameter: this.services.ssm.get(String(body.Name), body.WithDecryption === true) };
      else if (service === 'AmazonSSM' && operation === 'GetParameters') result = this.getParameters(body);
      else if (service === 'AmazonSSM' && operation === 'PutParameter') result = this.services.ssm.put(String(body.Name), String(body.Value), str(body.Type), body.Overwrite === true);
      else throw new AwsError('UnknownOperationException', `${target || '(no X-Amz-Target)'} is not emulated by the local environment`);
      sendJson(res, 200, result, contentType);
    } catch (error) {
      if (error instanceof AwsError) {
        sendJson(res, error.status, { __type: error.code, message: error.message }, contentType, error.queryCode ? { 'x-amzn-query-error': error.queryCode } : {});
      } else {
        sendJson(res, 500, { __type: 'InternalFailure', message: (error as Error).message }, contentType);
      }
    }
  }

  /** The injected error code for a DynamoDB request naming a faulted table (TableName, RequestItems or TransactItems). */
  private dynamoFault(raw: Buffer): string | undefined {
    if (this.dynamoFaults.size === 0) return undefined;
    const text = raw.toString('utf8');
    for (const [table, code] of this.dynamoFaults) if (text.includes(`"${table}"`)) return code;
    return undefined;
  }

  private getParameters(body: Body): unknown {
    const Parameters: unknown[] = [];
    const InvalidParameters: string[] = [];
    for (const name of (body.Names as string[]) ?? []) {
      try {
        Parameters.push(this.services.ssm.get(name, body.WithDecryption === true));
      } catch {
        InvalidParameters.push(name);
      }
    }
    return { Parameters, InvalidParameters };
  }

  /** Declares a table's TTL (from the synthesized `ttl` block). */
  setTimeToLive(table: string, attributeName: string, enabled: boolean): void {
    this.ttl.set(table, { AttributeName: attributeName, Enabled: enabled });
  }

  private timeToLive(operation: string, body: Body): unknown {
    const table = String(body.TableName);
    if (operation === 'UpdateTimeToLive') {
      const spec = body.TimeToLiveSpecification as { AttributeName: string; Enabled: boolean };
      this.setTimeToLive(table, spec.AttributeName, spec.Enabled);
      return { TimeToLiveSpecification: spec };
    }
    const ttl = this.ttl.get(table);
    return { TimeToLiveDescription: ttl ? { TimeToLiveStatus: ttl.Enabled ? 'ENABLED' : 'DISABLED', AttributeName: ttl.AttributeName } : { TimeToLiveStatus: 'DISABLED' } };
  }

  private async write(operation: string, body: Body, res: ServerResponse, contentType: string): Promise<void> {
    if (this.dynamoWriteHook?.('before', operation, body) === false) return void res.destroy();
    const answer = operation === 'TransactWriteItems' ? await this.transactions.transactWrite(body) : await this.transactions.call(operation, body);
    if (this.dynamoWriteHook?.('after', operation, body) === false) return void res.destroy();
    sendJson(res, answer.status, answer.body, contentType);
  }

  private forwardToDynalite(req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const upstream = request(
      { host: '127.0.0.1', port: this.services.dynamoPort, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${this.services.dynamoPort}`, 'content-length': raw.length } },
      (up) => {
        res.writeHead(up.statusCode ?? 500, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (error) => sendJson(res, 500, { __type: 'InternalFailure', message: `dynalite: ${error.message}` }, 'application/x-amz-json-1.0'));
    upstream.end(raw);
  }
}

const STALL_KEYS: Record<string, string> = { DynamoDB_20120810: 'dynamodb', AmazonSQS: 'sqs', AWSEvents: 'events', AmazonSSM: 'ssm' };
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

function parse(raw: Buffer): Body {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as Body;
  } catch {
    throw new AwsError('SerializationException', 'Malformed JSON request body');
  }
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

async function batch(b: Body, each: (e: Record<string, unknown>) => unknown): Promise<unknown> {
  const Successful: unknown[] = [];
  const Failed: unknown[] = [];
  for (const e of (b.Entries as Record<string, unknown>[]) ?? []) {
    try {
      Successful.push(await each(e));
    } catch (error) {
      Failed.push({ Id: e.Id, SenderFault: true, Code: error instanceof AwsError ? error.code.split('#').pop() : 'InternalError', Message: (error as Error).message });
    }
  }
  return { Successful, Failed };
}
