import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { ANSWERED, type AwsCall, type AwsProtocol } from '../aws/endpoint';
import { parseBody, sendJson } from '../aws/protocol';
import type { Faults } from '../faults';
import { DynamoTransactions, isDynamoWrite } from './transactions';

/**
 * DynamoDB_20120810.* forwarded to dynalite, with what dynalite lacks answered here: TimeToLive
 * (Describe/UpdateTimeToLive) and TransactWriteItems (every write serialized through transactions.ts).
 * The DynamoDB faults of faults.ts (errors by table, latency, write hooks) apply here.
 */
export class DynamoProtocol implements AwsProtocol {
  readonly target = 'DynamoDB_20120810';
  readonly service = 'dynamodb' as const;
  private readonly ttl = new Map<string, { AttributeName: string; Enabled: boolean }>();
  /** TransactWriteItems (dynalite has none); every write is serialized through it. */
  private readonly transactions: DynamoTransactions;
  private gate: Promise<void> = Promise.resolve();

  constructor(readonly dynamoPort: number, private readonly faults: Pick<Faults, 'dynamoErrors' | 'dynamoLatencyMs' | 'dynamoWrite'>) {
    this.transactions = new DynamoTransactions(dynamoPort);
  }

  /** Declares a table's TTL (from the synthesized `ttl` block). */
  setTimeToLive(table: string, attributeName: string, enabled: boolean): void {
    this.ttl.set(table, { AttributeName: attributeName, Enabled: enabled });
  }

  async handle({ operation, raw, req, res, contentType }: AwsCall): Promise<unknown> {
    if (operation === 'UpdateTimeToLive' || operation === 'DescribeTimeToLive') return this.timeToLive(operation, parseBody(raw));
    const fault = this.injectedError(raw);
    if (fault) {
      sendJson(res, 400, { __type: `com.amazonaws.dynamodb.v20120810#${fault}`, message: 'fault injected by the local environment' }, contentType);
      return ANSWERED;
    }
    if (this.faults.dynamoLatencyMs > 0 && isDynamoWrite(operation)) {
      const ms = this.faults.dynamoLatencyMs;
      const turn = this.gate.then(() => new Promise<void>((r) => setTimeout(r, ms)));
      this.gate = turn;
      await turn;
    }
    if (isDynamoWrite(operation)) {
      const body = parseBody(raw);
      await this.transactions.exclusive(() => this.write(operation, body, res, contentType));
      return ANSWERED;
    }
    this.forward(req, raw, res);
    return ANSWERED;
  }

  /** The injected error code for a request naming a faulted table (TableName, RequestItems or TransactItems). */
  private injectedError(raw: Buffer): string | undefined {
    if (this.faults.dynamoErrors.size === 0) return undefined;
    const text = raw.toString('utf8');
    for (const [table, code] of this.faults.dynamoErrors) if (text.includes(`"${table}"`)) return code;
    return undefined;
  }

  private timeToLive(operation: string, body: Record<string, unknown>): unknown {
    const table = String(body.TableName);
    if (operation === 'UpdateTimeToLive') {
      const spec = body.TimeToLiveSpecification as { AttributeName: string; Enabled: boolean };
      this.setTimeToLive(table, spec.AttributeName, spec.Enabled);
      return { TimeToLiveSpecification: spec };
    }
    const ttl = this.ttl.get(table);
    return { TimeToLiveDescription: ttl ? { TimeToLiveStatus: ttl.Enabled ? 'ENABLED' : 'DISABLED', AttributeName: ttl.AttributeName } : { TimeToLiveStatus: 'DISABLED' } };
  }

  private async write(operation: string, body: Record<string, unknown>, res: ServerResponse, contentType: string): Promise<void> {
    if (this.faults.dynamoWrite?.('before', operation, body) === false) return void res.destroy();
    const answer = await this.transactions.write(operation, body);
    if (this.faults.dynamoWrite?.('after', operation, body) === false) return void res.destroy();
    sendJson(res, answer.status, answer.body, contentType);
  }

  private forward(req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const upstream = request(
      { host: '127.0.0.1', port: this.dynamoPort, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${this.dynamoPort}`, 'content-length': raw.length } },
      (up) => {
        res.writeHead(up.statusCode ?? 500, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (error) => sendJson(res, 500, { __type: 'InternalFailure', message: `dynalite: ${error.message}` }, 'application/x-amz-json-1.0'));
    upstream.end(raw);
  }
}
