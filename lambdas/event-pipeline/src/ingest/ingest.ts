import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { badRequest, error, isUnavailable, json, parseJsonObject } from '@tap/lambda-kit';
import { validateEnvelope, type EventEnvelope } from '@tap/pipeline-common';
import type { LogSink } from '../shared/log';

/** What publishing one envelope to the bus returned. */
export type PublishResult =
  | { readonly ok: true; readonly eventBridgeId: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Publishes one envelope (EventBridge PutEvents in the handler; a plain function in tests). */
export type Publish = (envelope: EventEnvelope) => Promise<PublishResult>;


// EventBridge entry error codes that mean "try again later" rather than "this entry is wrong".
const RETRYABLE = new Set(['ThrottlingException', 'InternalException', 'InternalFailure', 'ServiceUnavailable']);

/**
 * POST /events: validate the envelope before any side effect (400 naming each bad field), publish it to
 * the bus, and answer 202 with the event id. A rejected entry or an unreachable bus is a 502/503 with a
 * JSON body, never a silent 202.
 */
export async function ingest(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'httpMethod'>, publish: Publish, log: LogSink): Promise<APIGatewayProxyResult> {
  if (event.httpMethod && event.httpMethod !== 'POST') return error(405, 'method not allowed', undefined, { Allow: 'POST' });
  const parsed = parseJsonObject(event);
  if (!parsed.ok) return parsed.response;
  const checked = validateEnvelope(parsed.value);
  if (!checked.ok) {
    // A few field names, each cut short: the client chose them, the log line must stay small.
    log.info('envelope rejected', { fields: Object.keys(checked.fields).slice(0, 10).map((f) => f.slice(0, 64)), count: Object.keys(checked.fields).length });
    return badRequest(checked.fields, 'invalid event envelope');
  }
  const envelope = checked.value;
  let result: PublishResult;
  try {
    result = await publish(envelope);
  } catch (caught) {
    // The SDK threw (network, permissions, throttling of the whole call): the event was not accepted.
    const name = (caught as Error).name ?? 'Error';
    log.error('publish failed', { eventId: envelope.id, errorName: name });
    return RETRYABLE.has(name) || isUnavailable(caught)
      ? error(503, 'event bus unavailable, retry later', undefined, { 'Retry-After': '1' })
      : error(502, 'event bus did not accept the event');
  }
  if (!result.ok) {
    log.error('publish rejected', { eventId: envelope.id, errorCode: result.code });
    return RETRYABLE.has(result.code)
      ? error(503, 'event bus unavailable, retry later', undefined, { 'Retry-After': '1' })
      : error(502, 'event bus did not accept the event');
  }
  log.info('event accepted', { eventId: envelope.id, type: envelope.type, eventBridgeId: result.eventBridgeId });
  return json(202, { id: envelope.id, status: 'accepted' });
}
