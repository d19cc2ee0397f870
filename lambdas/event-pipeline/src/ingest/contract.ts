import { defineContract } from '@tap/lambda-kit';

/** POST /events: puts each accepted event on the custom bus. */
export const ingestContract = defineContract({
  function: 'event-pipeline/ingest',
  entry: 'src/ingest/handler.ts',
  calls: [{ action: 'events:PutEvents', commands: ['PutEventsCommand'], resource: 'event-bus', resourceEnv: 'EVENT_BUS_NAME' }],
});
