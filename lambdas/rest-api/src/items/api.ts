import { BUSINESS_METRICS, corsHeaders, withHeaders, type BusinessMetric, type Telemetry } from '@tap/lambda-kit';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mapFailure } from './errors';
import type { ItemRepository } from './repository';
import { route, type Outcome } from './router';

export interface ItemsDeps {
  readonly repo: ItemRepository;
  readonly corsOrigins: readonly string[];
  readonly telemetry: Telemetry;
}

/**
 * The business metric an answer of the router stands for: in this API a 409 only ever means a stale
 * version and a 422 a reused Idempotency-Key, and a replayed keyed create is marked by its header.
 */
function metricOf(outcome: Outcome): BusinessMetric | undefined {
  const { statusCode, headers } = outcome.response;
  if (statusCode === 409) return BUSINESS_METRICS.versionConflicts;
  if (statusCode === 422) return BUSINESS_METRICS.payloadMismatches;
  if (headers?.['Idempotent-Replayed'] === 'true') return BUSINESS_METRICS.idempotentReplays;
  return undefined;
}

/** CRUD for items: routing, validation and storage live in their own modules; this maps failures, logs, counts and adds CORS. */
export function itemsHandler(deps: ItemsDeps): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  const t = deps.telemetry;
  return async (event) => {
    let outcome: Outcome;
    try {
      outcome = await route(event, deps.repo);
    } catch (failure) {
      const mapped = mapFailure(failure);
      // The error name and message only: never the event (it may carry keys or personal data).
      t.error('request failed', { kind: mapped.kind, errorName: mapped.errorName, method: String(event?.httpMethod), status: mapped.response.statusCode });
      t.count(BUSINESS_METRICS.dependencyFailures);
      outcome = { route: 'unknown', response: mapped.response };
    }
    if (outcome.itemId) t.key('itemId', outcome.itemId);
    const metric = metricOf(outcome);
    if (metric) t.count(metric);
    const response = outcome.response;
    t.info('request handled', { route: outcome.route, itemId: outcome.itemId, status: response.statusCode });
    return withHeaders(response, corsHeaders(event ?? { headers: {} }, deps.corsOrigins));
  };
}
