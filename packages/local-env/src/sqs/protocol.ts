import type { AwsProtocol } from '../aws/endpoint';
import { AwsError, num, parseBody, str } from '../aws/protocol';
import type { MessageAttribute, SqsEngine } from './engine';

type Body = Record<string, unknown>;

/** AmazonSQS.* (AWS JSON 1.0, what `@aws-sdk/client-sqs` sends) over the engine. */
export function sqsProtocol(sqs: SqsEngine): AwsProtocol {
  const attrs = (a: unknown): Record<string, MessageAttribute> | undefined => (a && typeof a === 'object' ? (a as Record<string, MessageAttribute>) : undefined);
  const operations: Record<string, (b: Body) => Promise<unknown> | unknown> = {
    GetQueueUrl: (b) => ({ QueueUrl: sqs.find(String(b.QueueName)).url }),
    ListQueues: (b) => ({ QueueUrls: sqs.specs().filter((q) => !b.QueueNamePrefix || q.name.startsWith(String(b.QueueNamePrefix))).map((q) => q.url) }),
    SendMessage: (b) => sqs.send(String(b.QueueUrl), String(b.MessageBody ?? ''), { delaySeconds: num(b.DelaySeconds), attributes: attrs(b.MessageAttributes), groupId: str(b.MessageGroupId) }),
    SendMessageBatch: (b) => batch(b, (e) => ({ Id: e.Id, ...sqs.send(String(b.QueueUrl), String(e.MessageBody ?? ''), { delaySeconds: num(e.DelaySeconds), attributes: attrs(e.MessageAttributes), groupId: str(e.MessageGroupId) }) })),
    ReceiveMessage: async (b) => {
      const messages = await sqs.receive(String(b.QueueUrl), num(b.MaxNumberOfMessages) ?? 1, num(b.VisibilityTimeout), num(b.WaitTimeSeconds));
      return messages.length > 0 ? { Messages: messages } : {};
    },
    DeleteMessage: (b) => {
      sqs.delete(String(b.QueueUrl), String(b.ReceiptHandle ?? ''));
      return {};
    },
    DeleteMessageBatch: (b) => batch(b, (e) => {
      sqs.delete(String(b.QueueUrl), String(e.ReceiptHandle ?? ''));
      return { Id: e.Id };
    }),
    ChangeMessageVisibility: (b) => {
      sqs.changeVisibility(String(b.QueueUrl), String(b.ReceiptHandle ?? ''), num(b.VisibilityTimeout) ?? 0);
      return {};
    },
    ChangeMessageVisibilityBatch: (b) => batch(b, (e) => {
      sqs.changeVisibility(String(b.QueueUrl), String(e.ReceiptHandle ?? ''), num(e.VisibilityTimeout) ?? 0);
      return { Id: e.Id };
    }),
    PurgeQueue: (b) => {
      sqs.purge(String(b.QueueUrl));
      return {};
    },
    GetQueueAttributes: (b) => {
      const all = sqs.attributes(String(b.QueueUrl));
      const names = Array.isArray(b.AttributeNames) ? (b.AttributeNames as string[]) : ['All'];
      return { Attributes: names.includes('All') ? all : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k))) };
    },
  };
  return {
    target: 'AmazonSQS',
    service: 'sqs',
    handle: ({ operation, raw }) => {
      const body = parseBody(raw);
      const run = operations[operation];
      if (!run) throw new AwsError('UnknownOperationException', `AmazonSQS.${operation} is not emulated by the local environment`);
      return run(body);
    },
  };
}

async function batch(b: Body, each: (e: Record<string, unknown>) => unknown): Promise<unknown> {
  const Successful: unknown[] = [];
  const Failed: unknown[] = [];
  for (const e of (b.Entries as Record<string, unknown>[]) ?? []) {
    try {
      Successful.push(await each(e));
    } catch (error) {
      Failed.push({ Id: e.Id, SenderFault: true, Code: error instanceof AwsError ? error.code.split('#').pop() : 'InternalError', Message: (error as Error).message });
    }
  }
  return { Successful, Failed };
}
