import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoTransactions, startDynalite as startLocalDynalite } from '@tap/local-env';

/** A real local DynamoDB (dynalite) on a free loopback port. */
export interface LocalDynamo {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface LocalDynamoOptions {
  /**
   * Front dynalite with the local environment's TransactWriteItems emulation (dynalite has none): every
   * write is serialized and transactions are all-or-nothing. Default false (plain dynalite).
   */
  readonly transactions?: boolean;
}

export async function startDynalite(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  // The local environment's dynalite, the one every test, bench and `pnpm local` runs.
  const { port, stop } = await startLocalDynalite();
  if (!options.transactions) return { endpoint: `http://127.0.0.1:${port}`, stop };

  const tx = new DynamoTransactions(port);
  const front = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const work = () => (operation === 'TransactWriteItems' ? tx.transactWrite(body) : tx.call(operation, body));
      void (WRITES.has(operation) ? tx.exclusive(work) : work()).then((answer) => {
        const text = JSON.stringify(answer.body);
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    stop: async () => {
      front.closeAllConnections();
      await close(front);
      await stop();
    },
  };
}

const close = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** The environment a handler module needs to reach the local DynamoDB with the real SDK. */
export function localDynamoEnv(endpoint: string): Record<string, string> {
  return { AWS_ENDPOINT_URL_DYNAMODB: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', POWERTOOLS_LOG_LEVEL: 'SILENT' };
}
