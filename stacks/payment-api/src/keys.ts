import { EncryptionKey, type BaseStack } from '@tap/constructs';

/**
 * The payment API's one customer-managed key (rotation on): payments, idempotency and audit tables, audit
 * queue and DLQ, alarm topic, Lambda environment variables and every log group of the stack. One key
 * keeps the KMS bill at one key per environment; access is still per function through IAM.
 * Service grants: `logs` (log groups encrypt through the key) and `cloudwatch` (alarms publish to the
 * encrypted topic; SNS encrypts with the publisher's access, so `sns` needs no statement of its own).
 * DynamoDB, SQS and Lambda use the key on behalf of the calling IAM principals,
 * whose own statements (functions.ts) carry the KMS actions they need.
 */
export function paymentApiKey(stack: BaseStack): EncryptionKey {
  return new EncryptionKey(stack, 'key', {
    name: 'payment-api',
    description: 'Payment API: tables, audit queue, alarm topic, logs, Lambda environment',
    services: ['logs', 'cloudwatch'],
  });
}
