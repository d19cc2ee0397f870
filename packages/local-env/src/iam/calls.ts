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

function firstKey(v: unknown): string | undefined {
  return v && typeof v === 'object' ? Object.keys(v)[0] : undefined;
}

function firstTransactTable(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const item of v as Body[]) for (const op of Object.values(item)) if (op && typeof op === 'object' && typeof (op as Body).TableName === 'string') return String((op as Body).TableName);
  return undefined;
}
