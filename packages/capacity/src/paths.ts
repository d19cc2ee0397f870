import type { FunctionKey } from '@tap/config';

/** Synthesized function name (suffix removed) → its config key. */
export const FUNCTION_KEYS: Readonly<Record<string, FunctionKey>> = {
  'payment-api-create': 'payment-api.create',
  'payment-api-status': 'payment-api.status',
  'rest-api-items': 'rest-api.items',
  'events-auth-fn': 'event-pipeline.authorizer',
  'events-ingest-fn': 'event-pipeline.ingest',
  'events-process-fn': 'event-pipeline.process',
};

/**
 * Write units one request (or, for the SQS consumer, one message) consumes per table (name without the
 * suffix), items up to 1 KB. A TransactWriteItems write costs 2 units per item (DynamoDB's transaction
 * pricing). Every table a handler contract writes must appear here for the routes that write it; the
 * model reports a contract write with no entry.
 */
export const WRITE_UNITS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  // The idempotency claim (PutItem, 1) then one transaction: completion (UpdateItem, 2), payment (2), audit (2).
  'POST /payments': { 'payment-api-idempotency': 3, 'payment-api-payments': 2, 'payment-api-audit': 2 },
  'POST /items': { 'rest-api-items': 1 },
  'PUT /items/{id}': { 'rest-api-items': 1 },
  'DELETE /items/{id}': { 'rest-api-items': 1 },
  // One conditional PutItem per event (a duplicate is a failed condition, still one write unit).
  'async: events queue -> process': { 'pipeline-events': 1 },
};

/** How many distinct values a partition key written on a path takes. */
export type KeyCardinality =
  /** A fresh value per write (a UUID, a hash of a client key): spreads over every partition. */
  | { readonly kind: 'unique'; readonly why: string }
  /** A number of values read from a function's synthesized environment. */
  | { readonly kind: 'env'; readonly variable: string; readonly why: string }
  /** A fixed number of values (1: a constant key). */
  | { readonly kind: 'fixed'; readonly values: number; readonly why: string };

/**
 * Every partition key (table hash key and each index's hash key) of every table, by table name without
 * the suffix. The model reads the keys from the synthesized JSON and reports one it finds no entry for,
 * a constant key, and a key whose values cannot take the path's write rate at 1,000 WCU per partition.
 */
export const KEY_CARDINALITY: Readonly<Record<string, Readonly<Record<string, KeyCardinality>>>> = {
  'payment-api-payments': { paymentId: { kind: 'unique', why: 'a new UUID per payment' } },
  'payment-api-audit': { paymentId: { kind: 'unique', why: 'the payment id' } },
  'payment-api-idempotency': { idempotencyKey: { kind: 'unique', why: 'a hash of caller and Idempotency-Key' } },
  'rest-api-items': {
    id: { kind: 'unique', why: 'a new UUID per item' },
    listKey: { kind: 'env', variable: 'ITEMS_LIST_SHARDS', why: 'one of the list shards (config dynamodb.itemListShards)' },
  },
  'pipeline-events': { eventId: { kind: 'unique', why: 'the producer-chosen event id' } },
};

/**
 * KMS calls each request makes on the customer managed keys, amortized: DynamoDB caches each table's key,
 * SQS reuses a data key for its reuse period (300 s), Lambda decrypts its environment once per new
 * execution environment and the authorizer caches the SSM SecureString token per container. The model
 * multiplies by the route's rate.
 */
export const KMS_CALLS_PER_REQUEST = 0;

/**
 * How fast one new execution environment per function may decrypt its environment: at the Lambda scaling
 * rate (1,000 per 10 s) each is one KMS Decrypt, so a function scaling at full speed makes 100 Decrypt/s.
 */
export const KMS_DECRYPTS_PER_NEW_ENVIRONMENT = 1;
