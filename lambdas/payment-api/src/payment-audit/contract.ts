import { defineContract } from '@tap/lambda-kit';

/** Audit consumer: archives each message (the queue itself is read by the event source mapping). */
export const paymentAuditContract = defineContract({
  function: 'payment-api/payment-audit',
  entry: 'src/payment-audit/handler.ts',
  calls: [{ action: 'dynamodb:PutItem', commands: ['PutCommand'], resource: 'dynamodb-table', resourceEnv: 'AUDIT_TABLE' }],
});
