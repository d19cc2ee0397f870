import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';

/** The tokens the authorizer knows: the current one and, after a rotation, the previous one. */
export interface KnownTokens {
  readonly current: string;
  /** The token before the last rotation and when it was written (ms since epoch). */
  readonly previous?: { readonly value: string; readonly writtenAt: number };
}

/**
 * Returns the known tokens (from SSM in the handler; a plain function in tests). `fresh` asks for a read
 * that bypasses any cache: the authorizer asks for it before it denies.
 */
export type TokenSource = (options?: { readonly fresh?: boolean }) => Promise<KnownTokens>;

/** How long the known tokens are kept in memory: what an Allow relies on, so it may be long. */
export const TOKEN_CACHE_MS = 300_000;
/** At most one fresh read per container in this time, so junk tokens cannot turn into an SSM flood. */
export const MIN_REFRESH_MS = 5_000;
/** Overlap after a rotation during which the previous token is still accepted (default; env overrides). */
export const DEFAULT_OVERLAP_MS = 3_600_000;

/** The principal API Gateway records for an allowed caller (never the token itself). */
export const PRINCIPAL_ID = 'event-pipeline-client';

/**
 * Caches the known tokens for `ttlMs`: one SSM read per container per TTL instead of one per request. A
 * fresh read (asked before a Deny) goes to SSM unless one finished less than `minRefreshMs` ago, so a
 * rotated token is accepted on its first use and a Deny is never based on a stale copy. A failed fetch
 * is not cached; concurrent callers share one fetch.
 */
export function cachedTokenSource(
  fetch: () => Promise<KnownTokens>,
  ttlMs = TOKEN_CACHE_MS,
  now: () => number = Date.now,
  minRefreshMs = MIN_REFRESH_MS,
): TokenSource {
  let cached: { value: KnownTokens; fetchedAt: number } | undefined;
  let inFlight: Promise<KnownTokens> | undefined;
  return async (options = {}) => {
    if (cached) {
      const age = now() - cached.fetchedAt;
      if (options.fresh ? age < minRefreshMs : age < ttlMs) return cached.value;
    }
    inFlight ??= fetch()
      .then((value) => {
        cached = { value, fetchedAt: now() };
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

/** Whether a token is the current one, or the previous one within the overlap window. */
export function accepts(tokens: KnownTokens, given: string, nowMs: number, overlapMs: number): boolean {
  // Both comparisons always run: the answer time does not tell which token matched.
  const current = tokensMatch(given, tokens.current);
  const previous = tokens.previous !== undefined && tokensMatch(given, tokens.previous.value) && nowMs - tokens.previous.writtenAt < overlapMs;
  return current || previous;
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

export interface AuthorizeOptions {
  /** Overlap window of the previous token. Default DEFAULT_OVERLAP_MS. */
  readonly overlapMs?: number;
  readonly now?: () => number;
}

/**
 * Allow for the current token (or the previous one during the overlap), Deny (403) for any other,
 * Unauthorized (401) for none. A token the cached copy does not know is checked again against a fresh
 * read before it is denied: a just-rotated token is never refused.
 */
export async function authorize(
  event: Pick<APIGatewayTokenAuthorizerEvent, 'authorizationToken' | 'methodArn'>,
  source: TokenSource,
  options: AuthorizeOptions = {},
): Promise<APIGatewayAuthorizerResult> {
  const token = (event.authorizationToken ?? '').trim();
  if (token.length === 0) throw new UnauthorizedError();
  const now = options.now ?? Date.now;
  const overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MS;
  let ok = accepts(await source(), token, now(), overlapMs);
  if (!ok) ok = accepts(await source({ fresh: true }), token, now(), overlapMs);
  return policy(ok ? 'Allow' : 'Deny', event.methodArn);
}
