import { EncryptionKey } from '@tap/constructs';
import type { BaseStack } from '@tap/constructs';

/**
 * The stack's one customer-managed key (rotation on, deletion window from config). It encrypts the
 * table (DynamoDB), the bucket (SSE-KMS, used through the caller's IAM permissions), the Lambda
 * environment (REST-03), the log groups, and the alarm topic (CloudWatch must be able to publish).
 * Service principals: `logs` and `cloudwatch` only. DynamoDB, SNS and Lambda use the key on behalf of the
 * calling principal (`pnpm access --unused` reported their own statements unused).
 */
export function stackKey(stack: BaseStack): EncryptionKey {
  return new EncryptionKey(stack, 'key', {
    name: 'rest-api-key',
    description: 'REST API data, logs, Lambda environment and alarm topic',
    services: ['logs', 'cloudwatch'],
  });
}
