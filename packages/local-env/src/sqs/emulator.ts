import { arnAt, physicalName, shortId } from '../attributes';
import type { Emulator, EmulatedType } from '../emulator';
import type { QueueSpec } from './engine';
import { sqsProtocol } from './protocol';

/** What `${aws_sqs_queue.<name>.<attribute>}` resolves to (the URL carries the AWS endpoint's port). */
export interface QueueAttributes {
  readonly id: string;
  readonly url: string;
  readonly name: string;
  readonly arn: string;
}

export const sqsQueue: EmulatedType<QueueAttributes> = {
  type: 'aws_sqs_queue',
  attributes: (r, at, text) => {
    const fifo = r.config.fifo_queue === true;
    let name = physicalName(r, text);
    if (fifo && !name.endsWith('.fifo')) name += '.fifo';
    const url = `http://127.0.0.1:${at.awsPort}/${at.accountId}/${name}`;
    return { id: url, url, name, arn: arnAt(at, 'sqs', name) };
  },
};

/** A redrive policy declared apart from its queue (read with the queue). */
export const sqsQueueRedrivePolicy: EmulatedType<{ id: string }> = { type: 'aws_sqs_queue_redrive_policy', attributes: (r) => ({ id: shortId(r) }) };

/** SQS: the in-memory engine (engine.ts) behind the AWS endpoint. */
export const sqs: Emulator = {
  service: 'SQS',
  types: [sqsQueue, sqsQueueRedrivePolicy],
  doc: {
    declared: '`aws_sqs_queue` (+ `redrive_policy`)',
    locally:
      'in-memory SQS (AWS JSON 1.0, what `@aws-sdk/client-sqs` sends): send/receive/delete (+batch), visibility, change visibility, delay, retention, long polling, purge, attributes; after `maxReceiveCount` receives a message moves to the DLQ',
  },
  start: (c) => {
    c.endpoint.register(sqsProtocol(c.state.sqs));
    return (p) => {
      const res = p.resolver;
      // Redrive policies may also be separate resources.
      const separateRedrive = new Map<string, string>();
      for (const r of p.all('aws_sqs_queue_redrive_policy')) separateRedrive.set(res.text(r.stack, r.config.queue_url), res.text(r.stack, r.config.redrive_policy));
      for (const q of p.all('aws_sqs_queue')) {
        const a = sqsQueue.attributes(q, p.at, (v) => res.text(q.stack, v)) as QueueAttributes;
        const redriveText = q.config.redrive_policy !== undefined ? res.text(q.stack, q.config.redrive_policy) : separateRedrive.get(a.url);
        const redrive = redriveText ? (JSON.parse(redriveText) as { deadLetterTargetArn: string; maxReceiveCount: number }) : undefined;
        const spec: QueueSpec = {
          name: a.name,
          url: a.url,
          arn: a.arn,
          visibilityTimeout: Number(q.config.visibility_timeout_seconds ?? 30),
          delaySeconds: Number(q.config.delay_seconds ?? 0),
          retentionSeconds: Number(q.config.message_retention_seconds ?? 345600),
          receiveWaitSeconds: Number(q.config.receive_wait_time_seconds ?? 0),
          fifo: q.config.fifo_queue === true,
          ...(redrive ? { redrive: { deadLetterTargetArn: redrive.deadLetterTargetArn, maxReceiveCount: Number(redrive.maxReceiveCount) } } : {}),
        };
        p.state.sqs.createQueue(spec);
        p.state.queues.set(spec.arn, spec);
      }
    };
  },
};
