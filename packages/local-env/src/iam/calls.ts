import type { RuntimeCall } from '@tap/access';

type Body = Record<string, unknown>;

const SQS_ACTIONS: Record<string, string> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/**
 * The IAM action and resource of one request to the local AWS endpoint (`X-Amz-Target` and JSON
 * body), or undefined for requests that name no resource of the app (ListQueues, ListTables).
 */
export function runtimeCall(functionName: string, target: string, body: Body): RuntimeCall | undefined {
  const [service, operation] = target.split('.');
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  switch (service) {
    case 'DynamoDB_20120810': {
      const table = str(body.TableName) ?? firstKey(body.RequestItems) ?? firstTransactTable(body.TransactItems);
      if (!table) return undefined;
      const action = operation === 'TransactWriteItems' ? 'dynamodb:PutItem' : operation === 'TransactGetItems' ? 'dynamodb:GetItem' : `dynamodb:${operation}`;
      return { functionName, action, resource: 'dynamodb-table', name: table, ...(str(body.IndexName) ? { indexName: str(body.IndexName) } : {}) };
    }
    case 'AmazonSQS': {
      const url = str(body.QueueUrl);
      const name = url ? url.split('/').pop() : str(body.QueueName);
      return name ? { functionName, action: `sqs:${SQS_ACTIONS[operation] ?? operation}`, resource: 'sqs-queue', name } : undefined;
    }
    case 'AWSEvents': {
      if (operation !== 'PutEvents') return undefined;
      const entries = Array.isArray(body.Entries) ? (body.Entries as Body[]) : [];
      const bus = str(entries[0]?.EventBusName) ?? 'default';
      return { functionName, action: 'events:PutEvents', resource: 'event-bus', name: bus.startsWith('arn:') ? bus.split('/').pop() ?? bus : bus };
    }
    case 'AmazonSSM': {
      const name = str(body.Name) ?? (Array.isArray(body.Names) ? str(body.Names[0]) : undefined);
      return name ? { functionName, action: `ssm:${operation}`, resource: 'ssm-parameter', name, decrypt: body.WithDecryption === true } : undefined;
    }
    default:
      return undefined;
  }
}

/** What each item of a DynamoDB transaction is authorized as: DynamoDB checks every item by its own action. */
const TRANSACT_ACTIONS: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };

/**
 * Every authorized call one request makes: one for most requests, one per item and table for a
 * DynamoDB transaction (TransactWriteItems has no IAM action of its own).
 */
export function runtimeCalls(functionName: string, target: string, body: Body): RuntimeCall[] {
  const [service, operation] = target.split('.');
  if (service === 'DynamoDB_20120810' && (operation === 'TransactWriteItems' || operation === 'TransactGetItems') && Array.isArray(body.TransactItems)) {
    const out: RuntimeCall[] = [];
    const seen = new Set<string>();
    for (const item of body.TransactItems as Body[]) {
      for (const [kind, op] of Object.entries(item ?? {})) {
        const table = op && typeof op === 'object' ? (op as Body).TableName : undefined;
        const action = TRANSACT_ACTIONS[kind];
        if (typeof table !== 'string' || !action || seen.has(`${action} ${table}`)) continue;
        seen.add(`${action} ${table}`);
        out.push({ functionName, action: `dynamodb:${action}`, resource: 'dynamodb-table', name: table });
      }
    }
    return out;
  }
  const call = runtimeCall(functionName, target, body);
  return call ? [call] : [];
}

function firstKey(v: unknown): string | undefined {
  return v && typeof v === 'object' ? Object.keys(v)[0] : undefined;
}

function firstTransactTable(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const item of v as Body[]) for (const op of Object.values(item)) if (op && typeof op === 'object' && typeof (op as Body).TableName === 'string') return String((op as Body).TableName);
  return undefined;
}
