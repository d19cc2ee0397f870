import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDynalite } from './dynalite';
import { DynamoTransactions, isDynamoWrite } from './transactions';

/**
 * dynalite fronted by the TransactWriteItems emulation (dynalite has none): every write is serialized
 * and transactions are all-or-nothing. For the handler tests and the bench, which talk to DynamoDB
 * without the rest of the local environment (whose AWS endpoint does the same in front of its dynalite).
 */
export async function startTransactionalDynalite(): Promise<{ port: number; stop: () => Promise<void> }> {
  const dynalite = await startDynalite();
  const tx = new DynamoTransactions(dynalite.port);
  const front = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      void (isDynamoWrite(operation) ? tx.exclusive(() => tx.write(operation, body)) : tx.call(operation, body)).then((answer) => {
        const text = JSON.stringify(answer.body);
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const close = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));
  return {
    port: (front.address() as AddressInfo).port,
    stop: async () => {
      front.closeAllConnections();
      await close(front);
      await dynalite.stop();
    },
  };
}
