import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';

/** Returns the expected token (from SSM in the handler; a plain function in tests). */
export type TokenSource = () => Promise<string>;

/** How long the expected token is kept in memory before SSM is asked again. */
export const TOKEN_CACHE_MS = 60_000;

/** The principal API Gateway records for an allowed caller (never the token itself). */
export const PRINCIPAL_ID = 'event-pipeline-client';

/**
 * Caches the expected token briefly: one SSM call per container per minute instead of one per request,
 * and a rotated token is picked up within the cache time. A failed fetch is not cached.
 */
export function cachedTokenSource(fetch: TokenSource, ttlMs = TOKEN_CACHE_MS, now: () => number = Date.now): TokenSource {
  let cached: { value: string; expires: number } | undefined;
  let inFlight: Promise<string> | undefined;
  return async () => {
    if (cached && now() < cached.expires) return cached.value;
    inFlight ??= fetch()
      .then((value) => {
        cached = { value, expires: now() + ttlMs };
        return value;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}

/**
 * Constant-time comparison: both sides are hashed to 32 bytes first, so `timingSafeEqual` always gets
 * equal-length buffers and neither the content nor the length of the expected token leaks through timing.
 */
export function tokensMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

/**
 * The policy covers every method of the stage (`<api>/<stage>/*`), not only the one called: API Gateway
 * caches the result per token for the authorizer's TTL and reuses it for other methods.
 */
export function stageResource(methodArn: string): string {
  const [prefix, stage] = methodArn.split('/');
  return stage ? `${prefix}/${stage}/*` : methodArn;
}

function policy(effect: 'Allow' | 'Deny', methodArn: string): APIGatewayAuthorizerResult {
  return {
    principalId: PRINCIPAL_ID,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: stageResource(methodArn) }],
    },
  };
}

/** Thrown for a missing token: API Gateway answers 401 when a TOKEN authorizer throws exactly "Unauthorized". */
export class UnauthorizedError extends Error {
  constructor() {
    super('Unauthorized');
    this.name = 'UnauthorizedError';
  }
}

/** Allow for the right token, Deny (403) for a wrong one, Unauthorized (401) for none. */
export async function authorize(event: Pick<APIGatewayTokenAuthorizerEvent, 'authorizationToken' | 'methodArn'>, expected: TokenSource): Promise<APIGatewayAuthorizerResult> {
  const token = (event.authorizationToken ?? '').trim();
  if (token.length === 0) throw new UnauthorizedError();
  const ok = tokensMatch(token, await expected());
  return policy(ok ? 'Allow' : 'Deny', event.methodArn);
}
