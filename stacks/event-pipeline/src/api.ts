import type { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import type { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer';
import type { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { apiWaf, RestApiFront, type BaseStack, type EncryptionKey, type GatewayResponseSpec } from '@tap/constructs';
import type { PipelineFunctions } from './functions';
import { TOKEN_PATTERN } from './secret';

/**
 * How long API Gateway caches an authorizer decision per token. One TTL covers Allow and Deny alike, so
 * it is kept short: a Deny (a token the authorizer did not know yet) is never held longer than this, and
 * a token taken out of service stops working within it. The Allow side is cached longer in the function
 * (the known tokens, TOKEN_CACHE_MS), which re-reads SSM before it denies. docs/security.md.
 */
export const AUTHORIZER_TTL_SECONDS = 10;
/** Where API Gateway reads the token; a request without it is answered 401 before the authorizer runs. */
export const TOKEN_SOURCE = 'method.request.header.Authorization';

/**
 * A failing authorizer (its SSM read timed out within the shared SDK budget, or SSM is down) is API
 * Gateway's AUTHORIZER_FAILURE, a bare 500 by default. The request was valid and may succeed shortly,
 * so it answers 503 with Retry-After in the repo's error shape instead.
 */
export const AUTHORIZER_FAILURE_RESPONSE: GatewayResponseSpec = {
  id: 'authorizer-failure',
  type: 'AUTHORIZER_FAILURE',
  status: '503',
  headers: { 'gatewayresponse.header.Retry-After': "'1'" },
  template: '{"error":"authorization is temporarily unavailable, retry later"}',
};

export interface PipelineApi {
  readonly front: RestApiFront;
  readonly authorizer: ApiGatewayAuthorizer;
  readonly stage: ApiGatewayStage;
}

/**
 * POST /events behind a TOKEN authorizer. RestApiFront gives the proxy integration with its scoped
 * permission, a deployment that depends on methods and integrations (PIPE-08), the stage with X-Ray
 * and JSON access logs, and throttling in method settings on `*`/`*` (PIPE-06, PIPE-14). When this stack
 * also owns the account's CloudWatch role, stage and method settings wait for it.
 */
export function pipelineApi(stack: BaseStack, key: EncryptionKey, fns: PipelineFunctions, account?: ApiGatewayAccount): PipelineApi {
  // With a custom domain, the default execute-api endpoint is switched off: one way in.
  const front = new RestApiFront(stack, 'api', { name: 'events-api', description: 'Event pipeline ingestion API', logKeyArn: key.arn, disableExecuteApiEndpoint: stack.config.customDomain !== undefined });
  // API Gateway may invoke the authorizer function for this API's authorizers only.
  const authorizer = front.addTokenAuthorizer('token-authorizer', {
    name: 'events-token-auth',
    fn: fns.authorizer,
    identitySource: TOKEN_SOURCE,
    // API Gateway answers 401 to a malformed token without invoking (and paying for) the authorizer.
    validationExpression: TOKEN_PATTERN,
    ttlSeconds: AUTHORIZER_TTL_SECONDS,
    permissionId: 'authorizer-permission',
  });
  front.route({
    path: '/events',
    method: 'POST',
    fn: fns.ingest,
    authorization: 'CUSTOM',
    authorizerId: authorizer.id,
    requestParameters: { [TOKEN_SOURCE]: true },
  });
  // Gateway responses are part of what a deployment snapshots: changing one redeploys.
  front.addGatewayResponses([AUTHORIZER_FAILURE_RESPONSE]);
  // Access and execution logging need the account's CloudWatch role before the stage and settings exist.
  if (account) front.stageDependsOn(account);
  const stage = front.deploy();
  apiWaf(stack, 'events-api', stage);
  return { front, authorizer, stage };
}
