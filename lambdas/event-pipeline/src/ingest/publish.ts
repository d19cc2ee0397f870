import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Publish } from './ingest';

/**
 * One PutEvents entry per envelope: the fixed pipeline source (what the routing rule matches), the
 * envelope type as detail-type, and the whole envelope as the detail. PutEvents answers 200 even when an
 * entry fails, so the entry's own error code is checked.
 */
export function eventBridgePublisher(events: Pick<EventBridgeClient, 'send'>, busName: string, eventSource: string): Publish {
  return async (envelope) => {
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
}
