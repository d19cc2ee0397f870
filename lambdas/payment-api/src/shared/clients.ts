import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sdkClientConfig } from '@tap/lambda-kit';

export { requiredEnv } from '@tap/lambda-kit';

/**
 * A DynamoDB document client with the shared SDK budget (connect, request and retry bounds that really
 * fire, @tap/lambda-kit sdk.ts); call once per container (module scope).
 */
export function createDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(sdkClientConfig()), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
