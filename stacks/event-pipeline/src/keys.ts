import { EncryptionKey, type BaseStack } from '@tap/constructs';

/**
 * The pipeline's one customer-managed key: queue and DLQ (EventBridge must encrypt what it sends, hence
 * `events`), table, SSM token, Lambda environments, log groups and the alarm topic (CloudWatch publishes).
 */
export function pipelineKey(stack: BaseStack): EncryptionKey {
  return new EncryptionKey(stack, 'key', {
    name: 'event-pipeline-key',
    description: 'Event pipeline data: queue, table, token, logs, alarms',
    services: ['logs', 'sqs', 'events', 'dynamodb', 'lambda', 'ssm', 'sns', 'cloudwatch'],
  });
}
