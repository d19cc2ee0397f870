import { defineContract } from '@tap/lambda-kit';

/** Queue consumer: stores each event once, reading the stored one when its id is taken (the queue is read by the event source mapping). */
export const processContract = defineContract({
  function: 'event-pipeline/process',
  entry: 'src/process/handler.ts',
  calls: [
    { action: 'dynamodb:PutItem', commands: ['PutCommand'], resource: 'dynamodb-table', resourceEnv: 'TABLE_NAME' },
    { action: 'dynamodb:GetItem', commands: ['GetCommand'], resource: 'dynamodb-table', resourceEnv: 'TABLE_NAME' },
  ],
});
