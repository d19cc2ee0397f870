import { randomUUID } from 'node:crypto';

/** The main request of one API, used for the handler latency figures. */
export interface MainRequest {
  /** Stack holding the API. */
  readonly stack: string;
  /** Which function serves it (matched against the function's base name). */
  readonly fn: RegExp;
  readonly method: string;
  readonly path: string;
  /** API Gateway resource template (`/items/{id}`); default: the path. */
  readonly resource?: string;
  readonly body: () => unknown;
  readonly headers?: () => Record<string, string>;
  readonly what: string;
}

/** One entry per API stack; stacks not in the app yet are skipped with a note. */
export const MAIN_REQUESTS: readonly MainRequest[] = [
  {
    stack: 'payment-api',
    fn: /create/,
    method: 'POST',
    path: '/payments',
    body: () => ({ amount: 1250, currency: 'EUR', merchantReference: 'bench-merchant', customerReference: 'bench-customer' }),
    headers: () => ({ 'Idempotency-Key': randomUUID() }),
    what: 'create a payment (claim + one transaction: payment, audit record, completion)',
  },
  {
    stack: 'rest-api',
    fn: /items/,
    method: 'POST',
    path: '/items',
    body: () => ({ name: 'bench item', description: 'created by pnpm bench', quantity: 3 }),
    what: 'create an item',
  },
  {
    stack: 'event-pipeline',
    fn: /ingest/,
    method: 'POST',
    path: '/events',
    body: () => ({ id: randomUUID(), source: 'bench', type: 'order.created', time: new Date().toISOString(), detail: { orderId: randomUUID(), amount: 10 } }),
    what: 'ingest an event',
  },
];
