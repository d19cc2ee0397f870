import { createHash } from 'node:crypto';
import { callDynalite, type DynamoAnswer } from './dynalite';

type Body = Record<string, unknown>;
type Item = Record<string, unknown>;

export type { DynamoAnswer } from './dynalite';

/** How long DynamoDB remembers a ClientRequestToken (documented: 10 minutes). */
const TOKEN_WINDOW_MS = 10 * 60 * 1000;
const TYPE_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

/**
 * TransactWriteItems on top of dynalite, which does not implement transactions. Every DynamoDB write
 * of the local environment runs through `exclusive`, one at a time, so a transaction is never interleaved
 * with another write: it applies its actions in order with their own conditions (dynalite evaluates the
 * expressions), and on the first refused condition restores the images it read before, so all or none
 * of the actions take effect. Reads are not held back and may observe a transaction midway (DynamoDB
 * isolates them); the start-up report says so. A repeated ClientRequestToken within 10 minutes succeeds
 * without applying again, as DynamoDB's idempotent transactions do.
 */
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** Whether a DynamoDB operation writes: every write runs through `exclusive`. */
export const isDynamoWrite = (operation: string): boolean => WRITES.has(operation);

export class DynamoTransactions {
  private gate: Promise<unknown> = Promise.resolve();
  private readonly tokens = new Map<string, { hash: string; at: number }>();
  private readonly keySchemas = new Map<string, string[]>();

  constructor(private readonly dynamoPort: number) {}

  /** Runs `work` when no other DynamoDB write is in flight. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.gate.then(work, work);
    this.gate = turn.catch(() => undefined);
    return turn;
  }

  /** One write request: TransactWriteItems emulated here, any other forwarded to dynalite (call inside `exclusive`). */
  write(operation: string, body: Body): Promise<DynamoAnswer> {
    return operation === 'TransactWriteItems' ? this.transactWrite(body) : this.call(operation, body);
  }

  /** One TransactWriteItems request (call inside `exclusive`). */
  async transactWrite(input: Body): Promise<DynamoAnswer> {
    const actions = Array.isArray(input.TransactItems) ? (input.TransactItems as Body[]) : [];
    if (actions.length === 0 || actions.length > 100) return validation('TransactItems must have between 1 and 100 items');
    const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : undefined;
    const hash = createHash('sha256').update(JSON.stringify(actions)).digest('hex');
    if (token) {
      const seen = this.tokens.get(token);
      if (seen && Date.now() - seen.at < TOKEN_WINDOW_MS) {
        if (seen.hash !== hash) return error('IdempotentParameterMismatchException', 'The ClientRequestToken was already used with different parameters');
        return { status: 200, body: {} };
      }
    }
    const steps: { table: string; key: Item; kind: string; params: Body }[] = [];
    const seenItems = new Set<string>();
    for (const action of actions) {
      const kind = ['Put', 'Update', 'Delete', 'ConditionCheck'].find((k) => action[k] !== undefined);
      if (!kind) return validation('each TransactItems entry needs one of Put, Update, Delete, ConditionCheck');
      const params = action[kind] as Body;
      const table = String(params.TableName);
      const key = kind === 'Put' ? await this.keyOf(table, (params.Item ?? {}) as Item) : ((params.Key ?? {}) as Item);
      const id = `${table}\u0000${JSON.stringify(key)}`;
      if (seenItems.has(id)) return validation('Transaction request cannot include multiple operations on one item');
      seenItems.add(id);
      steps.push({ table, key, kind, params });
    }

    const applied: { table: string; key: Item; before: Item | undefined }[] = [];
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      const read = await this.call('GetItem', { TableName: step.table, Key: step.key, ConsistentRead: true });
      if (read.status !== 200) {
        await this.rollback(applied);
        return read;
      }
      const before = read.body.Item as Item | undefined;
      const answer = await this.apply(step.kind, step.params, step.key, before);
      if (answer.status === 200) {
        if (step.kind !== 'ConditionCheck') applied.push({ table: step.table, key: step.key, before });
        continue;
      }
      await this.rollback(applied);
      if (String(answer.body.__type ?? '').endsWith('ConditionalCheckFailedException')) {
        const reasons = steps.map((_, j) => (j === i ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } : { Code: 'None' }));
        return {
          status: 400,
          body: {
            __type: `${TYPE_PREFIX}TransactionCanceledException`,
            message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
            CancellationReasons: reasons,
          },
        };
      }
      return answer;
    }
    if (token) this.tokens.set(token, { hash, at: Date.now() });
    return { status: 200, body: {} };
  }

  private apply(kind: string, params: Body, key: Item, before: Item | undefined): Promise<DynamoAnswer> {
    const { ReturnValuesOnConditionCheckFailure: _ignored, ...rest } = params;
    if (kind === 'Put') return this.call('PutItem', rest);
    if (kind === 'Update') return this.call('UpdateItem', rest);
    if (kind === 'Delete') return this.call('DeleteItem', rest);
    // ConditionCheck: evaluated by a write that changes nothing (rewrite the same image, or delete an absent item).
    const { Key: _key, ...condition } = rest;
    return before ? this.call('PutItem', { ...condition, Item: before }) : this.call('DeleteItem', { ...condition, Key: key });
  }

  private async rollback(applied: readonly { table: string; key: Item; before: Item | undefined }[]): Promise<void> {
    for (const a of [...applied].reverse()) {
      if (a.before) await this.call('PutItem', { TableName: a.table, Item: a.before });
      else await this.call('DeleteItem', { TableName: a.table, Key: a.key });
    }
  }

  private async keyOf(table: string, item: Item): Promise<Item> {
    let names = this.keySchemas.get(table);
    if (!names) {
      const described = await this.call('DescribeTable', { TableName: table });
      const schema = ((described.body.Table as Body | undefined)?.KeySchema ?? []) as { AttributeName: string }[];
      names = schema.map((k) => k.AttributeName);
      this.keySchemas.set(table, names);
    }
    return Object.fromEntries(names.map((n) => [n, item[n]]));
  }

  /** One call to dynalite (it checks that a signature is present, not what it signs). */
  call(operation: string, body: Body): Promise<DynamoAnswer> {
    return callDynalite(this.dynamoPort, operation, body);
  }
}

function error(code: string, message: string): DynamoAnswer {
  return { status: 400, body: { __type: `${TYPE_PREFIX}${code}`, message } };
}

function validation(message: string): DynamoAnswer {
  return { status: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message } };
}
