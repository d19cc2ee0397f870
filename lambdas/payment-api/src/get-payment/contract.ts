import { defineContract } from '@tap/lambda-kit';

/** GET /payments/{id}: one consistent read by key. */
export const getPaymentContract = defineContract({
  function: 'payment-api/get-payment',
  entry: 'src/get-payment/handler.ts',
  calls: [{ action: 'dynamodb:GetItem', commands: ['GetCommand'], resource: 'dynamodb-table', resourceEnv: 'PAYMENTS_TABLE' }],
});
