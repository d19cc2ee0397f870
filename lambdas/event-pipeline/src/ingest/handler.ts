import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { apiRequestId, createRuntime, lambdaHandler, requiredEnv, sdkClient } from '@tap/lambda-kit';
import { ingest } from './ingest';
import { eventBridgePublisher } from './publish';

// Once per container: environment (a missing variable fails init naming it), runtime, clients.
const runtime = createRuntime('event-pipeline');
const publish = eventBridgePublisher(sdkClient(EventBridgeClient, runtime.tracer), requiredEnv('EVENT_BUS_NAME'), requiredEnv('EVENT_SOURCE'));

/** POST /events. */
export const handler = lambdaHandler(runtime, apiRequestId, (event: Parameters<typeof ingest>[0]) => ingest(event, publish, runtime.telemetry));
