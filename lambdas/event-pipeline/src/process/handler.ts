import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sdkClientConfig } from '@tap/lambda-kit';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processBatch } from './process';
import { dynamoStore } from './store';

const logger = new Logger();
// One client per container; the endpoint comes from the standard env vars (AWS_ENDPOINT_URL_DYNAMODB locally).
// The shared SDK budget bounds each write: a stalled table fails those records in seconds (SQS redelivers
// them) instead of the whole batch timing out.
const doc = DynamoDBDocumentClient.from(new DynamoDBClient(sdkClientConfig()));
const store = dynamoStore(doc, process.env.TABLE_NAME ?? '');

/** SQS consumer: validates each event again and stores it idempotently; returns only the failed messages. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return processBatch(event, store, logger);
}
