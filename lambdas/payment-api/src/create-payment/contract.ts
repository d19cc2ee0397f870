import { defineContract } from '@tap/lambda-kit';

/** POST /payments: idempotency record, the payment row, one audit message. */
export const createPaymentContract = defineContract({
  function: 'payment-api/create-payment',
  entry: 'src/create-payment/handler.ts',
  calls: [
    { action: 'dynamodb:GetItem', commands: ['GetCommand'], resource: 'dynamodb-table', resourceEnv: 'IDEMPOTENCY_TABLE' },
    { action: 'dynamodb:PutItem', commands: ['PutCommand'], resource: 'dynamodb-table', resourceEnv: 'IDEMPOTENCY_TABLE' },
    { action: 'dynamodb:UpdateItem', commands: ['UpdateCommand'], resource: 'dynamodb-table', resourceEnv: 'IDEMPOTENCY_TABLE' },
    { action: 'dynamodb:PutItem', commands: ['PutCommand'], resource: 'dynamodb-table', resourceEnv: 'PAYMENTS_TABLE' },
    { action: 'sqs:SendMessage', commands: ['SendMessageCommand'], resource: 'sqs-queue', resourceEnv: 'AUDIT_QUEUE_URL' },
  ],
});
