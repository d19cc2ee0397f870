import { Logger } from '@aws-lambda-powertools/logger';
import { GetParameterCommand, SSMClient, type GetParameterCommandOutput } from '@aws-sdk/client-ssm';
import { sdkClientConfig } from '@tap/lambda-kit';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { authorize, cachedTokenSource, DEFAULT_OVERLAP_MS, UnauthorizedError, type KnownTokens } from './authorize';

const logger = new Logger();
// One client per container; the endpoint comes from the standard env vars (AWS_ENDPOINT_URL_SSM locally),
// bounded by the shared SDK budget: a stalled SSM fails the authorizer in seconds (API Gateway then
// answers AUTHORIZER_FAILURE, which the stack maps to 503 + Retry-After), never at the 29 s limit.
const ssm = new SSMClient(sdkClientConfig());
const currentName = process.env.TOKEN_PARAMETER_NAME ?? '';
const previousName = process.env.PREVIOUS_TOKEN_PARAMETER_NAME ?? '';
const overlapSeconds = Number(process.env.TOKEN_OVERLAP_SECONDS);
const overlapMs = Number.isFinite(overlapSeconds) && overlapSeconds >= 0 ? overlapSeconds * 1000 : DEFAULT_OVERLAP_MS;

const read = (name: string): Promise<GetParameterCommandOutput> => ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));

/** The current and previous tokens from their SecureString parameters (decrypted with the stack key), cached. */
const knownTokens = cachedTokenSource(async (): Promise<KnownTokens> => {
  const [current, previous] = await Promise.all([
    read(currentName),
    previousName
      ? read(previousName).catch((error: unknown) => {
          // Only the overlap is lost: the current token still works.
          logger.warn('previous token unreadable', { errorName: (error as Error).name });
          return undefined;
        })
      : undefined,
  ]);
  const value = current.Parameter?.Value;
  if (!value) throw new Error(`parameter ${currentName} has no value`);
  const old = previous?.Parameter;
  return {
    current: value,
    ...(old?.Value && old.LastModifiedDate ? { previous: { value: old.Value, writtenAt: old.LastModifiedDate.getTime() } } : {}),
  };
});

/** TOKEN authorizer of POST /events. Logs the decision, never the token. */
export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  try {
    const result = await authorize(event, knownTokens, { overlapMs });
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
