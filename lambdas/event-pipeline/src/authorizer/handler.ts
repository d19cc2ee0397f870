import { Logger } from '@aws-lambda-powertools/logger';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { sdkClientConfig } from '@tap/lambda-kit';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { authorize, cachedTokenSource, UnauthorizedError } from './authorize';

const logger = new Logger();
// One client per container; the endpoint comes from the standard env vars (AWS_ENDPOINT_URL_SSM locally),
// bounded by the shared SDK budget: a stalled SSM fails the authorizer in seconds (API Gateway then
// answers AUTHORIZER_FAILURE, which the stack maps to 503 + Retry-After), never at the 29 s limit.
const ssm = new SSMClient(sdkClientConfig());
const parameterName = process.env.TOKEN_PARAMETER_NAME ?? '';

/** The expected token from the SecureString parameter, decrypted with the stack key, cached briefly. */
const expectedToken = cachedTokenSource(async () => {
  const result = await ssm.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }));
  const value = result.Parameter?.Value;
  if (!value) throw new Error(`parameter ${parameterName} has no value`);
  return value;
});

/** TOKEN authorizer of POST /events. Logs the decision, never the token. */
export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  try {
    const result = await authorize(event, expectedToken);
    logger.info('authorizer decision', { effect: result.policyDocument.Statement[0]?.Effect });
    return result;
  } catch (error) {
    if (error instanceof UnauthorizedError) {
      logger.info('authorizer decision', { effect: 'Unauthorized', reason: 'no token' });
      throw new Error('Unauthorized');
    }
    logger.error('authorizer failed', { errorName: (error as Error).name });
    throw error;
  }
}
