import type { APIGatewayProxyResult } from 'aws-lambda';
import { dependencyFailure, errorName, failureKind, type FailureKind } from '@tap/lambda-kit';

/**
 * Maps an unexpected failure to a response by the shared rule (stacks/rest-api/README.md, "Error
 * mapping"): throttling or a dependency that did not answer in time is a 503 with Retry-After, anything
 * else a 500 with a JSON body and no detail.
 * Conditional-check failures never get here: the repository turns them into 404/409.
 */
export function mapFailure(failure: unknown): { response: APIGatewayProxyResult; kind: FailureKind; errorName: string } {
  return { response: dependencyFailure(failure, 'the service is busy, retry later'), kind: failureKind(failure), errorName: errorName(failure) };
}
