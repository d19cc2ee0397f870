import { createHash, timingSafeEqual } from 'node:crypto';
import { BUSINESS_METRICS, errorName, type Telemetry } from '@tap/lambda-kit';
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
/** Fresh reads of one container start at least this far apart, so junk tokens cannot turn into an SSM flood. */
export const MIN_REFRESH_MS = 1_000;
/** Overlap after a rotation during which the previous token is still accepted (default; env overrides). */
export const DEFAULT_OVERLAP_MS = 3_600_000;

/** The principal API Gateway records for an allowed caller (never the token itself). */
export const PRINCIPAL_ID = 'event-pipeline-client';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Caches the known tokens for `ttlMs`: one SSM read per container per TTL instead of one per request.
 * A fresh read (asked before a Deny) is one that STARTED after it was asked: a token written to SSM
 * before the request arrived is always seen, so a just-rotated token is never denied (and API Gateway
 * never caches such a Deny). Fresh reads start at least `minRefreshMs` apart; callers in between wait
 * for the next one and share it. A failed fetch is not cached.
 */
export function cachedTokenSource(
  fetch: () => Promise<KnownTokens>,
  ttlMs = TOKEN_CACHE_MS,
  now: () => number = Date.now,
  minRefreshMs = MIN_REFRESH_MS,
  sleep: (ms: number) => Promise<void> = realSleep,
): TokenSource {
  let cached: { value: KnownTokens; fetchedAt: number } | undefined;
  let inFlight: { promise: Promise<KnownTokens>; startedAt: number } | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;
  const start = (): Promise<KnownTokens> => {
    const startedAt = now();
    lastStart = startedAt;
    const promise = fetch()
      .then((value) => {
        cached = { value, fetchedAt: startedAt };
        return value;
      })
      .finally(() => {
        if (inFlight?.promise === promise) inFlight = undefined;
      });
    inFlight = { promise, startedAt };
    return promise;
  };
  return async (options = {}) => {
    const asked = now();
    if (!options.fresh) {
      if (cached && asked - cached.fetchedAt < ttlMs) return cached.value;
      return inFlight ? inFlight.promise : start();
    }
    if (inFlight && inFlight.startedAt >= asked) return inFlight.promise;
    const wait = lastStart + minRefreshMs - now();
    if (wait > 0) await sleep(wait);
    if (inFlight && inFlight.startedAt >= asked) return inFlight.promise;
    return start();
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

export interface AuthorizerDeps {
  readonly tokens: TokenSource;
  readonly overlapMs: number;
  readonly log: Telemetry;
}

/** TOKEN authorizer of POST /events. Logs the decision, never the token. */
export function authorizerHandler(deps: AuthorizerDeps): (event: APIGatewayTokenAuthorizerEvent) => Promise<APIGatewayAuthorizerResult> {
  return async (event) => {
    try {
      const result = await authorize(event, deps.tokens, { overlapMs: deps.overlapMs });
      deps.log.info('authorizer decision', { effect: result.policyDocument.Statement[0]?.Effect });
      return result;
    } catch (error) {
      if (error instanceof UnauthorizedError) {
        deps.log.info('authorizer decision', { effect: 'Unauthorized', reason: 'no token' });
        throw new Error('Unauthorized');
      }
      // The token source failed (SSM unreadable after the SDK's retries): API Gateway answers AUTHORIZER_FAILURE.
      deps.log.error('authorizer failed', { errorName: errorName(error) });
      deps.log.count(BUSINESS_METRICS.dependencyFailures);
      throw error;
    }
  };
}
