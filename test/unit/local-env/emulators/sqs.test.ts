import { sqs, sqsQueue, sqsQueueRedrivePolicy } from '../../../../packages/local-env/src/sqs/emulator';
import { SqsEngine } from '../../../../packages/local-env/src/sqs/engine';
import { sqsProtocol } from '../../../../packages/local-env/src/sqs/protocol';
import { AT, resource, text } from './support';

describe('SQS emulator', () => {
  it('provisions aws_sqs_queue (URL on the AWS endpoint, .fifo suffix) and the separate redrive policy', () => {
    expect(sqs.types).toEqual([sqsQueue, sqsQueueRedrivePolicy]);
    expect(sqsQueue.attributes(resource('aws_sqs_queue', 'q', { name: 'jobs-dev' }), AT, text)).toEqual({
      id: 'http://127.0.0.1:4600/000000000000/jobs-dev',
      url: 'http://127.0.0.1:4600/000000000000/jobs-dev',
      name: 'jobs-dev',
      arn: 'arn:aws:sqs:eu-west-1:000000000000:jobs-dev',
    });
    expect(sqsQueue.attributes(resource('aws_sqs_queue', 'f', { name_prefix: 'orders-', fifo_queue: true }), AT, text)?.name).toBe('orders-local.fifo');
  });

  it('speaks AmazonSQS over the engine and names an operation it does not emulate', async () => {
    const engine = new SqsEngine();
    engine.createQueue({ name: 'jobs', url: 'http://127.0.0.1:1/000000000000/jobs', arn: 'arn:aws:sqs:eu-west-1:000000000000:jobs', visibilityTimeout: 30, delaySeconds: 0, retentionSeconds: 60, receiveWaitSeconds: 0, fifo: false });
    const protocol = sqsProtocol(engine);
    const call = (operation: string, body: unknown) => protocol.handle({ operation, raw: Buffer.from(JSON.stringify(body)) } as Parameters<typeof protocol.handle>[0]);
    expect(await call('GetQueueUrl', { QueueName: 'jobs' })).toEqual({ QueueUrl: 'http://127.0.0.1:1/000000000000/jobs' });
    await call('SendMessage', { QueueUrl: 'jobs', MessageBody: 'hello' });
    expect(((await call('ReceiveMessage', { QueueUrl: 'jobs' })) as { Messages: { Body: string }[] }).Messages.map((m) => m.Body)).toEqual(['hello']);
    expect(() => call('TagQueue', {})).toThrow(/AmazonSQS.TagQueue is not emulated by the local environment/);
  });
});
