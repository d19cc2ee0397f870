import { EncryptionKey, type BaseStack } from '@tap/constructs';

/**
 * The pipeline's one customer-managed key: queue and DLQ, table, SSM token, Lambda environments, log
 * groups and the alarm topic. Service principals only where a service uses the key as itself: `logs`
 * (log groups), `events` (EventBridge delivers to the encrypted queue), `cloudwatch` (alarms publish to the
 * encrypted topic). SQS, DynamoDB, SSM, SNS and Lambda use it on behalf of the calling role, whose own
 * statements carry the KMS actions (`pnpm access --unused` reported those principals' statements unused).
 */
export function pipelineKey(stack: BaseStack): EncryptionKey {
  return new EncryptionKey(stack, 'key', {
    name: 'event-pipeline-key',
    description: 'Event pipeline data: queue, table, token, logs, alarms',
    services: ['logs', 'events', 'cloudwatch'],
  });
}
