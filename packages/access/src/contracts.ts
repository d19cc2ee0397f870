import type { HandlerContract } from '@tap/lambda-kit';
import { handlerContracts as eventPipeline } from '@tap/lambda-event-pipeline';
import { handlerContracts as paymentApi } from '@tap/lambda-payment-api';
import { handlerContracts as restApi } from '@tap/lambda-rest-api';

let loaded: readonly HandlerContract[] | undefined;

/**
 * Every handler contract of the repo, from the lambdas packages (each declares its own next to its
 * handlers). Read on first use, not at import: a contract module imports @tap/lambda-kit and with it the
 * handler runtime (Powertools, X-Ray), which the local environment's run-time decisions never need.
 */
export function allContracts(): readonly HandlerContract[] {
  loaded ??= [...paymentApi(), ...restApi(), ...eventPipeline()];
  return loaded;
}

/**
 * IAM actions of each SDK command class the handlers use. The DynamoDB document client's commands
 * (`PutCommand`) map to the same actions as the low-level ones (`PutItemCommand`). A transaction has no
 * IAM action of its own: DynamoDB authorizes each item by the action it performs (Put → PutItem,
 * Update → UpdateItem, Delete → DeleteItem, ConditionCheck → ConditionCheckItem), so its contract lists
 * one call per item and table.
 */
export const COMMAND_ACTIONS: Readonly<Record<string, string | readonly string[]>> = {
  GetCommand: 'dynamodb:GetItem',
  GetItemCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  TransactWriteCommand: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  TransactWriteItemsCommand: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  SendMessageCommand: 'sqs:SendMessage',
  SendMessageBatchCommand: 'sqs:SendMessage',
  ReceiveMessageCommand: 'sqs:ReceiveMessage',
  DeleteMessageCommand: 'sqs:DeleteMessage',
  PutEventsCommand: 'events:PutEvents',
  GetParameterCommand: 'ssm:GetParameter',
  GetParametersCommand: 'ssm:GetParameters',
  GetObjectCommand: 's3:GetObject',
  PutObjectCommand: 's3:PutObject',
  GetSecretValueCommand: 'secretsmanager:GetSecretValue',
  PublishCommand: 'sns:Publish',
};
