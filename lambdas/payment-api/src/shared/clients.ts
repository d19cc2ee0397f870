import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Bounded network waits, so a dependency that hangs becomes a clear error well inside the 30 s function
 * timeout instead of a hung request (issue 12). Endpoints come from the standard AWS_ENDPOINT_URL_* env
 * vars, which SDK v3 honours by itself (the local environment points them at loopback servers).
 */
const requestHandler = { connectionTimeout: 2_000, requestTimeout: 5_000 };

/** A DynamoDB document client; call once per container (module scope). */
export function createDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3, requestHandler }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** An SQS client; call once per container (module scope). */
export function createSqsClient(): SQSClient {
  return new SQSClient({ maxAttempts: 3, requestHandler });
}

/** A required environment variable, read once at cold start; a missing one is a deployment bug. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}
