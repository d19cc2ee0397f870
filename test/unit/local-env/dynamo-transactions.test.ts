import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';

// The local environment's TransactWriteItems (dynalite has none): all or nothing, DynamoDB's
// cancellation reasons, idempotent client request tokens.
let dynamo: LocalDynamo;
let client: DynamoDBClient;

beforeAll(async () => {
  dynamo = await startDynalite({ transactions: true });
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  for (const TableName of ['tx-a', 'tx-b']) {
    await client.send(new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }));
  }
});
afterAll(async () => {
  client.destroy();
  await dynamo.stop();
});

const get = async (table: string, id: string) => (await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
const put = (table: string, id: string, v: string) => ({ Put: { TableName: table, Item: { id: { S: id }, v: { S: v } }, ConditionExpression: 'attribute_not_exists(id)' } });

describe('local TransactWriteItems', () => {
  it('a refused condition cancels the whole transaction: earlier actions are undone, reasons name the failed one', async () => {
    await client.send(new PutItemCommand({ TableName: 'tx-b', Item: { id: { S: 'taken' }, v: { S: 'old' } } }));
    const caught = await client.send(new TransactWriteItemsCommand({ TransactItems: [put('tx-a', 'fresh', 'new'), put('tx-b', 'taken', 'new')] })).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(TransactionCanceledException);
    expect((caught as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(await get('tx-a', 'fresh')).toBeUndefined();
    expect((await get('tx-b', 'taken'))?.v?.S).toBe('old');
  });

  it('an update that was applied before the failure is restored to its old image', async () => {
    await client.send(new PutItemCommand({ TableName: 'tx-a', Item: { id: { S: 'u' }, v: { S: 'before' } } }));
    const update = { Update: { TableName: 'tx-a', Key: { id: { S: 'u' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'after' } } } };
    await expect(client.send(new TransactWriteItemsCommand({ TransactItems: [update, put('tx-b', 'taken', 'x')] }))).rejects.toBeInstanceOf(TransactionCanceledException);
    expect((await get('tx-a', 'u'))?.v?.S).toBe('before');
  });

  it('all actions apply together; the same ClientRequestToken again succeeds without applying twice', async () => {
    const input = { ClientRequestToken: 'token-1', TransactItems: [put('tx-a', 't1', 'x'), put('tx-b', 't1', 'y')] };
    await client.send(new TransactWriteItemsCommand(input));
    expect((await get('tx-a', 't1'))?.v?.S).toBe('x');
    expect((await get('tx-b', 't1'))?.v?.S).toBe('y');
    // A retry of a committed transaction (e.g. the SDK retrying after a lost answer) is a success, not a condition failure.
    await expect(client.send(new TransactWriteItemsCommand(input))).resolves.toBeDefined();
  });

  it('two actions on one item are a ValidationException', async () => {
    await expect(client.send(new TransactWriteItemsCommand({ TransactItems: [put('tx-a', 'dup', '1'), put('tx-a', 'dup', '2')] }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
