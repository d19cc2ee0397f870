import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRuntime, DOCUMENT_CLIENT_OPTIONS, environmentOf, lambdaHandler, sdkClient } from '@tap/lambda-kit';
import type { ProcessEnvironment } from '../environment';
import type { SQSEvent } from 'aws-lambda';
import { processBatch } from './process';
import { dynamoStore } from './store';

// Once per container: environment (a missing variable fails init naming it), runtime, clients. The
// shared SDK budget bounds each write: a stalled table fails those records in seconds (SQS redelivers them).
const runtime = createRuntime('event-pipeline');
const env = environmentOf<ProcessEnvironment>();
const store = dynamoStore(DynamoDBDocumentClient.from(sdkClient(DynamoDBClient, runtime.tracer), DOCUMENT_CLIENT_OPTIONS), env.required('TABLE_NAME'));

/** SQS consumer: validates each event again and stores it once; returns only the failed messages. The correlation id is per record (its event id). */
export const handler = lambdaHandler(runtime, () => undefined, (event: SQSEvent) => processBatch(event, store, runtime.telemetry));
