import { createHash, randomUUID } from 'node:crypto';
import { AwsError } from '../aws/protocol';

/** A queue as declared by aws_sqs_queue. Durations in seconds. */
export interface QueueSpec {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly visibilityTimeout: number;
  readonly delaySeconds: number;
  readonly retentionSeconds: number;
  readonly receiveWaitSeconds: number;
  readonly fifo: boolean;
  /** Target queue ARN and receives before redrive (from redrive_policy). */
  readonly redrive?: { readonly deadLetterTargetArn: string; readonly maxReceiveCount: number };
}

export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

interface StoredMessage {
  id: string;
  body: string;
  md5: string;
  attributes: Record<string, MessageAttribute>;
  md5Attributes?: string;
  sentAt: number;
  firstReceiveAt?: number;
  receiveCount: number;
  visibleAt: number;
  receiptHandle?: string;
  groupId?: string;
}

/** What a receive returns (SQS's Message shape). */
export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  MD5OfBody: string;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, MessageAttribute>;
  Attributes: Record<string, string>;
}

const QUERY_NON_EXISTENT = 'AWS.SimpleQueueService.NonExistentQueue;Sender';

/**
 * In-memory SQS with the semantics the stacks depend on: visibility timeout, receive counts, delay,
 * retention, long polling, and redrive to the DLQ once a message has been received maxReceiveCount
 * times (it moves on the next receive attempt, as SQS does). `visibilityScale` shortens every
 * visibility timeout (tests use it so a 180 s timeout does not make a DLQ test take minutes).
 */
export class SqsEngine {
  private readonly queues = new Map<string, { spec: QueueSpec; messages: StoredMessage[] }>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly visibilityScale = 1) {}

  createQueue(spec: QueueSpec): void {
    this.queues.set(spec.name, { spec, messages: [] });
  }

  specs(): QueueSpec[] {
    return [...this.queues.values()].map((q) => q.spec);
  }

  /** A queue by URL (any host: clients may rewrite it), ARN or name. */
  find(ref: string): QueueSpec {
    return this.queue(ref).spec;
  }

  private queue(ref: string): { spec: QueueSpec; messages: StoredMessage[] } {
    const name = ref.startsWith('arn:') ? ref.split(':').pop() : ref.includes('/') ? ref.split('/').pop() : ref;
    const q = name ? this.queues.get(name) : undefined;
    if (!q) throw new AwsError('com.amazonaws.sqs#QueueDoesNotExist', `The specified queue does not exist: ${ref}`, 400, QUERY_NON_EXISTENT);
    return q;
  }

  send(ref: string, body: string, options: { delaySeconds?: number; attributes?: Record<string, MessageAttribute>; groupId?: string } = {}): { MessageId: string; MD5OfMessageBody: string; MD5OfMessageAttributes?: string } {
    const q = this.queue(ref);
    if (body.length === 0) throw new AwsError('com.amazonaws.sqs#InvalidParameterValue', 'The request must contain the parameter MessageBody.');
    if (Buffer.byteLength(body) > 262144) throw new AwsError('com.amazonaws.sqs#InvalidParameterValue', 'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.');
    const now = Date.now();
    const attributes = options.attributes ?? {};
    const message: StoredMessage = {
      id: randomUUID(),
      body,
      md5: md5(body),
      attributes,
      md5Attributes: Object.keys(attributes).length > 0 ? md5OfAttributes(attributes) : undefined,
      sentAt: now,
      receiveCount: 0,
      visibleAt: now + 1000 * (options.delaySeconds ?? q.spec.delaySeconds),
      groupId: options.groupId,
    };
    q.messages.push(message);
    this.wake();
    return { MessageId: message.id, MD5OfMessageBody: message.md5, ...(message.md5Attributes ? { MD5OfMessageAttributes: message.md5Attributes } : {}) };
  }

  /** Receives up to max visible messages, waiting up to waitSeconds for one to arrive. */
  async receive(ref: string, max = 1, visibilityTimeout?: number, waitSeconds?: number): Promise<ReceivedMessage[]> {
    const q = this.queue(ref);
    const wait = waitSeconds ?? q.spec.receiveWaitSeconds;
    const deadline = Date.now() + wait * 1000;
    for (;;) {
      const got = this.receiveNow(q, Math.min(Math.max(max, 1), 10), visibilityTimeout ?? q.spec.visibilityTimeout);
      if (got.length > 0 || Date.now() >= deadline) return got;
      await this.sleepUntilChange(Math.min(deadline - Date.now(), 100));
    }
  }

  private receiveNow(q: { spec: QueueSpec; messages: StoredMessage[] }, max: number, visibility: number): ReceivedMessage[] {
    const now = Date.now();
    q.messages = q.messages.filter((m) => now - m.sentAt < q.spec.retentionSeconds * 1000);
    const out: ReceivedMessage[] = [];
    const busyGroups = new Set(q.spec.fifo ? q.messages.filter((m) => m.visibleAt > now && m.receiveCount > 0).map((m) => m.groupId) : []);
    for (const m of [...q.messages]) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      if (q.spec.fifo && busyGroups.has(m.groupId)) continue;
      if (q.spec.redrive && m.receiveCount >= q.spec.redrive.maxReceiveCount) {
        this.moveToDeadLetter(q, m);
        continue;
      }
      m.receiveCount++;
      m.firstReceiveAt ??= now;
      m.visibleAt = now + visibility * 1000 * this.visibilityScale;
      m.receiptHandle = Buffer.from(`${q.spec.name}|${m.id}|${randomUUID()}`).toString('base64');
      out.push({
        MessageId: m.id,
        ReceiptHandle: m.receiptHandle,
        Body: m.body,
        MD5OfBody: m.md5,
        ...(m.md5Attributes ? { MD5OfMessageAttributes: m.md5Attributes, MessageAttributes: m.attributes } : {}),
        Attributes: {
          ApproximateReceiveCount: String(m.receiveCount),
          SentTimestamp: String(m.sentAt),
          ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt),
          SenderId: 'LOCAL',
          ...(m.groupId ? { MessageGroupId: m.groupId } : {}),
        },
      });
    }
    return out;
  }

  private moveToDeadLetter(q: { spec: QueueSpec; messages: StoredMessage[] }, m: StoredMessage): void {
    q.messages = q.messages.filter((x) => x !== m);
    const dlq = this.queue(q.spec.redrive?.deadLetterTargetArn ?? '');
    // The message keeps its id, body, attributes and sent time; its receive count restarts in the DLQ.
    dlq.messages.push({ ...m, receiveCount: 0, firstReceiveAt: undefined, receiptHandle: undefined, visibleAt: Date.now() });
    this.wake();
  }

  delete(ref: string, receiptHandle: string): void {
    const q = this.queue(ref);
    const index = q.messages.findIndex((m) => m.receiptHandle === receiptHandle);
    // SQS accepts deleting an already-deleted message; a handle that never existed is an error.
    if (index >= 0) q.messages.splice(index, 1);
    else if (!receiptHandle.length || !Buffer.from(receiptHandle, 'base64').toString().startsWith(`${q.spec.name}|`)) {
      throw new AwsError('com.amazonaws.sqs#ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`, 400, 'ReceiptHandleIsInvalid;Sender');
    }
  }

  changeVisibility(ref: string, receiptHandle: string, seconds: number): void {
    const q = this.queue(ref);
    const m = q.messages.find((x) => x.receiptHandle === receiptHandle);
    if (!m) throw new AwsError('com.amazonaws.sqs#MessageNotInflight', 'Message does not exist or is not available for visibility timeout change.', 400, 'AWS.SimpleQueueService.MessageNotInflight;Sender');
    m.visibleAt = Date.now() + seconds * 1000 * this.visibilityScale;
    this.wake();
  }

  purge(ref: string): void {
    this.queue(ref).messages = [];
  }

  attributes(ref: string): Record<string, string> {
    const { spec, messages } = this.queue(ref);
    const now = Date.now();
    return {
      QueueArn: spec.arn,
      ApproximateNumberOfMessages: String(messages.filter((m) => m.visibleAt <= now).length),
      ApproximateNumberOfMessagesNotVisible: String(messages.filter((m) => m.visibleAt > now && m.receiveCount > 0).length),
      ApproximateNumberOfMessagesDelayed: String(messages.filter((m) => m.visibleAt > now && m.receiveCount === 0).length),
      VisibilityTimeout: String(spec.visibilityTimeout),
      DelaySeconds: String(spec.delaySeconds),
      MessageRetentionPeriod: String(spec.retentionSeconds),
      ReceiveMessageWaitTimeSeconds: String(spec.receiveWaitSeconds),
      MaximumMessageSize: '262144',
      ...(spec.fifo ? { FifoQueue: 'true' } : {}),
      ...(spec.redrive ? { RedrivePolicy: JSON.stringify(spec.redrive) } : {}),
    };
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private sleepUntilChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(ms, 1));
      this.waiters.add(done);
    });
  }
}

function md5(text: string | Buffer): string {
  return createHash('md5').update(text).digest('hex');
}

/** SQS's MD5 of message attributes: sorted names, each length-prefixed field, transport type byte. */
export function md5OfAttributes(attributes: Record<string, MessageAttribute>): string {
  const parts: Buffer[] = [];
  const lengthPrefixed = (b: Buffer): void => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    parts.push(len, b);
  };
  for (const name of Object.keys(attributes).sort()) {
    const a = attributes[name];
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(a.DataType, 'utf8'));
    if (a.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]));
      lengthPrefixed(Buffer.from(a.BinaryValue, 'base64'));
    } else {
      parts.push(Buffer.from([1]));
      lengthPrefixed(Buffer.from(a.StringValue ?? '', 'utf8'));
    }
  }
  return md5(Buffer.concat(parts));
}
