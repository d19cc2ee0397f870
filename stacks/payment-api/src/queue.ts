import { SecureQueue, type BaseStack } from '@tap/constructs';

/** Timeout of the audit consumer; the queue's visibility timeout is at least six times it. */
export const AUDIT_CONSUMER_TIMEOUT_SECONDS = 30;
/** Receives before an audit message moves to the DLQ (transient DynamoDB errors get a few tries). */
export const AUDIT_MAX_RECEIVES = 5;
/** Main queue retention: 4 days, far beyond the consumer's normal lag; the DLQ keeps 14 days. */
export const AUDIT_RETENTION_SECONDS = 4 * 24 * 3600;

/**
 * The audit queue (seed 000 design decision #5 corrected): it has a consumer (payment-audit, functions.ts)
 * that drains it into the audit table; what the consumer cannot archive lands in the DLQ, whose depth
 * alarm pages (alarms.ts). Both queues are encrypted with the stack key and refuse non-TLS access.
 */
export function auditQueue(stack: BaseStack, kmsKeyArn: string): SecureQueue {
  return new SecureQueue(stack, 'audit-queue', {
    name: 'payment-api-audit',
    kmsKeyArn,
    maxReceiveCount: AUDIT_MAX_RECEIVES,
    consumerTimeoutSeconds: AUDIT_CONSUMER_TIMEOUT_SECONDS,
    retentionSeconds: AUDIT_RETENTION_SECONDS,
  });
}
