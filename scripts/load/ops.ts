/** The load run's private environment (dev profile) with SDK clients pointed at it. */
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startPrivateEnvironment, type PrivateEnvironment } from './environment';

export interface OpsEnvironment extends PrivateEnvironment {
  /** Every item of a table (consistent scan, all pages). */
  scanAll(table: string): Promise<Record<string, AttributeValue>[]>;
  /** Messages in the queue, visible plus in flight. */
  queueDepth(queueUrl: string): Promise<number>;
  /** The pipeline's bearer token, read from SSM as a producer would. */
  pipelineToken(): Promise<string>;
  /** Puts an event on the processing queue as the bus rule does (a second copy = an SQS redelivery). */
  redeliver(envelope: Record<string, unknown>): Promise<void>;
}

export async function startOps(): Promise<OpsEnvironment> {
  // Enough warm containers for the concurrency a load run drives (the dev profile's reserved concurrency caps it).
  const p = await startPrivateEnvironment({ profile: 'dev', suffix: 'load', maxContainersPerFunction: 8 });
  const client = { region: 'us-east-1', endpoint: p.env.endpoints.AWS_ENDPOINT_URL_DYNAMODB, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamodb = new DynamoDBClient(client);
  const sqs = new SQSClient(client);
  const ssm = new SSMClient(client);
  return {
    ...p,
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
    queueDepth: async (queueUrl) => {
      const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes ?? {};
      return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
    },
    pipelineToken: async () => (await ssm.send(new GetParameterCommand({ Name: p.outputs.eventPipelineTokenParameterName, WithDecryption: true }))).Parameter?.Value ?? '',
    redeliver: async (envelope) => {
      const body = { version: '0', id: envelope.id, 'detail-type': envelope.type, source: envelope.source, time: envelope.time, detail: envelope };
      await sqs.send(new SendMessageCommand({ QueueUrl: p.outputs.eventPipelineQueueUrl, MessageBody: JSON.stringify(body) }));
    },
    stop: async () => {
      dynamodb.destroy();
      sqs.destroy();
      ssm.destroy();
      await p.stop();
    },
  };
}
