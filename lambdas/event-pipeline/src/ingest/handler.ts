import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { apiRequestId, createRuntime, environmentOf, lambdaHandler, sdkClient } from '@tap/lambda-kit';
import type { IngestEnvironment } from '../environment';
import { ingest } from './ingest';
import { eventBridgePublisher } from './publish';

// Once per container: environment (a missing variable fails init naming it), runtime, clients.
const runtime = createRuntime('event-pipeline');
const env = environmentOf<IngestEnvironment>();
const publish = eventBridgePublisher(sdkClient(EventBridgeClient, runtime.tracer), env.required('EVENT_BUS_NAME'), env.required('EVENT_SOURCE'));

/** POST /events. */
export const handler = lambdaHandler(runtime, apiRequestId, (event: Parameters<typeof ingest>[0]) => ingest(event, publish, runtime.telemetry));
