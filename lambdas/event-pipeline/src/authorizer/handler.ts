import { SSMClient } from '@aws-sdk/client-ssm';
import { createRuntime, environmentOf, lambdaHandler, sdkClient } from '@tap/lambda-kit';
import type { AuthorizerEnvironment } from '../environment';
import { authorizerHandler, cachedTokenSource, DEFAULT_OVERLAP_MS } from './authorize';
import { ssmTokens } from './tokens';

// Once per container: environment (a missing variable fails init naming it), runtime, clients. A stalled
// SSM fails the authorizer within the shared SDK budget (API Gateway then answers AUTHORIZER_FAILURE, 503).
const runtime = createRuntime('event-pipeline');
const env = environmentOf<AuthorizerEnvironment>();
const ssm = sdkClient(SSMClient, runtime.tracer);
const tokens = cachedTokenSource(ssmTokens(ssm, env.required('TOKEN_PARAMETER_NAME'), env.optional('PREVIOUS_TOKEN_PARAMETER_NAME', ''), runtime.telemetry));
const authorizer = authorizerHandler({ tokens, overlapMs: env.number('TOKEN_OVERLAP_SECONDS', DEFAULT_OVERLAP_MS / 1000) * 1000, log: runtime.telemetry });

/** TOKEN authorizer of POST /events (a TOKEN event carries no request id: lines carry the Lambda request id). */
export const handler = lambdaHandler(runtime, () => undefined, authorizer);
