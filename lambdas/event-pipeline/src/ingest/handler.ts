import { Logger } from '@aws-lambda-powertools/logger';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { sdkClientConfig } from '@tap/lambda-kit';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ingest, type Publish } from './ingest';

const logger = new Logger();
// One client per container; the endpoint comes from the standard env vars (AWS_ENDPOINT_URL_EVENTBRIDGE locally),
// bounded by the shared SDK budget (a stalled bus is a 503 in seconds).
const events = new EventBridgeClient(sdkClientConfig());
const busName = process.env.EVENT_BUS_NAME ?? '';
const eventSource = process.env.EVENT_SOURCE ?? '';

/**
 * One PutEvents entry per envelope: the fixed pipeline source (what the routing rule matches), the
 * envelope type as detail-type, and the whole envelope as the detail. PutEvents answers 200 even when an
 * entry fails, so the entry's own error code is checked.
 */
const publish: Publish = async (envelope) => {
  const out = await events.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: busName, Source: eventSource, DetailType: envelope.type, Detail: JSON.stringify(envelope) }],
    }),
  );
  const entry = out.Entries?.[0];
  if ((out.FailedEntryCount ?? 0) > 0 || !entry?.EventId) {
    return { ok: false, code: entry?.ErrorCode ?? 'Unknown', message: entry?.ErrorMessage ?? 'no event id returned' };
  }
  return { ok: true, eventBridgeId: entry.EventId };
};

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return ingest(event, publish, logger);
}
