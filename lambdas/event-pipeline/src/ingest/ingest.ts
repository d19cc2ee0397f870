import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { badRequest, BUSINESS_METRICS, dependencyFailure, errorName, json, methodNotAllowed, parseJsonObject, type Telemetry } from '@tap/lambda-kit';
import { validateEnvelope, type EventEnvelope } from '@tap/pipeline-common';

/** What publishing one envelope to the bus returned. */
export type PublishResult =
  | { readonly ok: true; readonly eventBridgeId: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Publishes one envelope (EventBridge PutEvents in the handler; a plain function in tests). */
export type Publish = (envelope: EventEnvelope) => Promise<PublishResult>;

/** The 503's message (the event was not accepted; the producer retries it with the same id, which is safe). */
const BUSY = 'event bus unavailable, retry later';

/**
 * POST /events: validate the envelope before any side effect (400 naming each bad field), publish it to
 * the bus, and answer 202 with the event id. A rejected entry or an unreachable bus is answered by the
 * shared dependency-failure rule (503 + Retry-After when throttled or unavailable, else 500), with a
 * JSON body, never a silent 202. A rejected entry's code is classified like an SDK error of that name.
 */
export async function ingest(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'httpMethod'>, publish: Publish, log: Telemetry): Promise<APIGatewayProxyResult> {
  if (event.httpMethod && event.httpMethod !== 'POST') return methodNotAllowed(['POST']);
  const parsed = parseJsonObject(event);
  if (!parsed.ok) return parsed.response;
  const checked = validateEnvelope(parsed.value);
  if (!checked.ok) {
    // A few field names, each cut short: the client chose them, the log line must stay small.
    log.info('envelope rejected', { fields: Object.keys(checked.fields).slice(0, 10).map((f) => f.slice(0, 64)), count: Object.keys(checked.fields).length });
    return badRequest(checked.fields, 'invalid event envelope');
  }
  const envelope = checked.value;
  log.key('eventId', envelope.id);
  let result: PublishResult;
  try {
    result = await publish(envelope);
  } catch (caught) {
    // The SDK threw (network, permissions, throttling of the whole call): the event was not accepted.
    log.error('publish failed', { eventId: envelope.id, errorName: errorName(caught) });
    log.count(BUSINESS_METRICS.dependencyFailures);
    return dependencyFailure(caught, BUSY);
  }
  if (!result.ok) {
    log.error('publish rejected', { eventId: envelope.id, errorCode: result.code });
    log.count(BUSINESS_METRICS.dependencyFailures);
    return dependencyFailure({ name: result.code }, BUSY);
  }
  log.info('event accepted', { eventId: envelope.id, type: envelope.type, eventBridgeId: result.eventBridgeId });
  return json(202, { id: envelope.id, status: 'accepted' });
}
