import { NodejsFunction, type BaseStack, type EncryptionKey, type SecureQueue, type DataTable } from '@tap/constructs';
import { HANDLER_BUNDLES, type AuthorizerEnvironment, type IngestEnvironment, type ProcessEnvironment } from '@tap/lambda-event-pipeline';
import type { PipelineBus } from './bus';
import type { CommonLayer } from './layer';
import { TOKEN_OVERLAP_SECONDS, type AuthTokens } from './secret';

/** Timeouts (PIPE-18: every function 30-300 s, the authorizer included). */
export const TIMEOUTS = { authorizer: 30, ingest: 30, process: 30 } as const;

export interface PipelineFunctions {
  readonly authorizer: NodejsFunction;
  readonly ingest: NodejsFunction;
  readonly process: NodejsFunction;
}

export interface FunctionDeps {
  readonly key: EncryptionKey;
  readonly layer: CommonLayer;
  readonly token: AuthTokens;
  readonly bus: PipelineBus;
  readonly queue: SecureQueue;
  readonly table: DataTable;
}

/**
 * The three functions, named `events-<role>-fn-<suffix>` (PIPE-04, PIPE-19), reserved concurrency from
 * the config budget (PIPE-05), X-Ray on, log group and policy before the function (PIPE-08).
 * There is no separate store function: the process stage writes (see README, "Process writes").
 */
export function pipelineFunctions(stack: BaseStack, deps: FunctionDeps): PipelineFunctions {
  const { key, layer, token, bus, queue, table } = deps;
  const common = { environmentKeyArn: key.arn, logKeyArn: key.arn, memorySize: 256 };

  const authorizer = new NodejsFunction(stack, 'authorizer', {
    ...common,
    name: 'events-auth-fn',
    code: HANDLER_BUNDLES.authorizer,
    concurrencyKey: 'event-pipeline.authorizer',
    timeout: TIMEOUTS.authorizer,
    environment: {
      TOKEN_PARAMETER_NAME: token.current.name,
      PREVIOUS_TOKEN_PARAMETER_NAME: token.previous.name,
      TOKEN_OVERLAP_SECONDS: String(TOKEN_OVERLAP_SECONDS),
    } satisfies AuthorizerEnvironment,
    statements: [
      // Read the current and the previous token (rotation overlap); these two parameters only.
      { sid: 'ReadToken', actions: ['ssm:GetParameter'], resources: [token.current.arn, token.previous.arn] },
      // Decrypt the SecureStrings, and only in the context of these parameters.
      { sid: 'DecryptToken', actions: ['kms:Decrypt'], resources: [key.arn], conditions: { StringEquals: { 'kms:EncryptionContext:PARAMETER_ARN': [token.current.arn, token.previous.arn] } } },
    ],
  });

  const ingest = new NodejsFunction(stack, 'ingest', {
    ...common,
    name: 'events-ingest-fn',
    code: HANDLER_BUNDLES.ingest,
    concurrencyKey: 'event-pipeline.ingest',
    timeout: TIMEOUTS.ingest,
    layers: [layer.layer.arn],
    environment: { EVENT_BUS_NAME: bus.bus.name, EVENT_SOURCE: bus.source } satisfies IngestEnvironment,
    statements: [
      // Publish accepted envelopes to this bus only.
      { sid: 'PublishToBus', actions: ['events:PutEvents'], resources: [bus.bus.arn] },
    ],
  });

  const processor = new NodejsFunction(stack, 'process', {
    ...common,
    name: 'events-process-fn',
    code: HANDLER_BUNDLES.process,
    concurrencyKey: 'event-pipeline.process',
    timeout: TIMEOUTS.process,
    layers: [layer.layer.arn],
    environment: { TABLE_NAME: table.table.name } satisfies ProcessEnvironment,
    statements: [
      // The event source mapping polls, deletes handled messages and reads the queue's attributes.
      { sid: 'ConsumeQueue', actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], resources: [queue.queue.arn] },
      // Messages are encrypted with the stack key.
      { sid: 'DecryptMessages', actions: ['kms:Decrypt'], resources: [key.arn] },
      // The conditional put is the only write; GetItem reads back the stored payload hash when the id
      // exists, to tell a redelivery (same content) from a reused id (other content). No updates or scans.
      { sid: 'StoreEvents', actions: ['dynamodb:PutItem', 'dynamodb:GetItem'], resources: [table.table.arn] },
    ],
  });

  return { authorizer, ingest, process: processor };
}
