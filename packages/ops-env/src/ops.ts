/**
 * A private local environment (environment.ts) with SDK clients pointed at it: what the load
 * run and the operations suites use to drive it, inject faults and read back what was stored.
 */
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { callerOf, scopedKeyHash } from '@tap/lambda-kit';
import { startPrivateEnvironment, type PrivateEnvironment, type PrivateEnvironmentOptions } from './environment';

/** `GET <admin>/metrics` of the local environment. */
export interface LocalMetrics {
  readonly functions: Record<string, { invocations: number; errors: number; timeouts: number; coldStarts: number }>;
  readonly queues: Record<string, Record<string, string>>;
}

export interface OpsEnvironment extends PrivateEnvironment {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly ssm: SSMClient;
  /** Per function invocations/errors/timeouts, per queue attributes. */
  metrics(): Promise<LocalMetrics>;
  /** Every item of a table (consistent scan, all pages). */
  scanAll(table: string): Promise<Record<string, AttributeValue>[]>;
  /** The SQS attribute ApproximateNumberOfMessages, which CloudWatch publishes as ApproximateNumberOfMessagesVisible (the DLQ alarms' metric). */
  visible(queueUrl: string): Promise<number>;
  /** Messages in the queue, visible plus in flight. */
  queueDepth(queueUrl: string): Promise<number>;
  /** The pipeline's bearer token, read from SSM as a producer would. */
  pipelineToken(): Promise<string>;
  /** Puts an event on the processing queue as the bus rule does (a second copy = an SQS redelivery). */
  redeliver(envelope: Record<string, unknown>): Promise<void>;
  /** Function name by its prefix (names carry the suffix). */
  fn(prefix: string): string;
  /**
   * The idempotency record's key for a client key sent by client-a (the client the load run and the
   * suites sign as), derived as the payment handler derives it: what a fault hook matches a write by.
   */
  scopedKey(idempotencyKey: string): string;
}

export async function startOps(options: PrivateEnvironmentOptions): Promise<OpsEnvironment> {
  const p = await startPrivateEnvironment(options);
  const client = { region: 'us-east-1', endpoint: p.env.endpoints.AWS_ENDPOINT_URL_DYNAMODB, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamodb = new DynamoDBClient(client);
  const sqs = new SQSClient(client);
  const ssm = new SSMClient(client);
  const admin = `${p.env.endpoints.AWS_ENDPOINT_URL_SQS}/_local`;
  const attributes = async (queueUrl: string) =>
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes ?? {};
  return {
    ...p,
    dynamodb,
    sqs,
    ssm,
    metrics: async () => (await (await fetch(`${admin}/metrics`, { signal: AbortSignal.timeout(5000) })).json()) as LocalMetrics,
    scanAll: async (table) => {
      const items: Record<string, AttributeValue>[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await dynamodb.send(new ScanCommand({ TableName: table, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    visible: async (queueUrl) => Number((await attributes(queueUrl)).ApproximateNumberOfMessages ?? 0),
    queueDepth: async (queueUrl) => {
      const a = await attributes(queueUrl);
      return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
    },
    pipelineToken: async () => (await ssm.send(new GetParameterCommand({ Name: p.outputs.eventPipelineTokenParameterName, WithDecryption: true }))).Parameter?.Value ?? '',
    redeliver: async (envelope) => {
      const body = { version: '0', id: envelope.id, 'detail-type': envelope.type, source: envelope.source, time: envelope.time, detail: envelope };
      await sqs.send(new SendMessageCommand({ QueueUrl: p.outputs.eventPipelineQueueUrl, MessageBody: JSON.stringify(body) }));
    },
    fn: (prefix) => {
      const name = [...p.env.functions.keys()].find((n) => n.startsWith(prefix));
      if (!name) throw new Error(`no local function starts with ${prefix}: ${[...p.env.functions.keys()].join(', ')}`);
      return name;
    },
    scopedKey: (idempotencyKey) => {
      const signer = p.env.clients.find((c) => c.name === 'client-a')?.sessionArn;
      const caller = callerOf({ requestContext: { identity: { userArn: signer } } } as unknown as Parameters<typeof callerOf>[0]);
      if (!caller) throw new Error('the local environment printed no client-a to sign as');
      return scopedKeyHash(caller, idempotencyKey);
    },
    stop: async () => {
      dynamodb.destroy();
      sqs.destroy();
      ssm.destroy();
      await p.stop();
    },
  };
}
