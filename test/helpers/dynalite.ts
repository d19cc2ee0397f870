import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynalite as startLocalDynalite, startTransactionalDynalite } from '@tap/local-env';

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
  // The local environment's dynalite (the one every test, bench and `pnpm local` runs), fronted by its
  // transaction emulation when asked.
  const { port, stop } = options.transactions ? await startTransactionalDynalite() : await startLocalDynalite();
  return { endpoint: `http://127.0.0.1:${port}`, stop };
}

/** The environment a handler module needs to reach the local DynamoDB with the real SDK. */
export function localDynamoEnv(endpoint: string): Record<string, string> {
  return { AWS_ENDPOINT_URL_DYNAMODB: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', POWERTOOLS_LOG_LEVEL: 'SILENT', ENVIRONMENT_SUFFIX: 'test' };
}

/**
 * Creates the REST API's items table under a name, as stacks/rest-api/src/data.ts declares it: `id` as
 * the key, the list index (`by-created` unless named) on `listKey` + `listSort`, on demand.
 */
export async function createItemsTable(client: DynamoDBClient, name: string, index = 'by-created'): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'listKey', AttributeType: 'S' },
        { AttributeName: 'listSort', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: index, KeySchema: [{ AttributeName: 'listKey', KeyType: 'HASH' }, { AttributeName: 'listSort', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    }),
  );
}
