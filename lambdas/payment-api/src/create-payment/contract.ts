import { defineContract } from '@tap/lambda-kit';

/** POST /payments: the idempotency record, then the payment, its audit record and the completion in one transaction. */
export const createPaymentContract = defineContract({
  function: 'payment-api/create-payment',
  entry: 'src/create-payment/handler.ts',
  calls: [
    { action: 'dynamodb:GetItem', commands: ['GetCommand'], resource: 'dynamodb-table', resourceEnv: 'IDEMPOTENCY_TABLE' },
    { action: 'dynamodb:PutItem', commands: ['PutCommand'], resource: 'dynamodb-table', resourceEnv: 'IDEMPOTENCY_TABLE' },
    { action: 'dynamodb:UpdateItem', commands: ['UpdateCommand', 'TransactWriteCommand'], resource: 'dynamodb-table', resourceEnv: 'IDEMPOTENCY_TABLE' },
    { action: 'dynamodb:PutItem', commands: ['TransactWriteCommand'], resource: 'dynamodb-table', resourceEnv: 'PAYMENTS_TABLE' },
    { action: 'dynamodb:PutItem', commands: ['TransactWriteCommand'], resource: 'dynamodb-table', resourceEnv: 'AUDIT_TABLE' },
  ],
});
