import { addOutputs, type BaseStack, type DataTable, type SecureQueue } from '@tap/constructs';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { PipelineApi } from './api';
import type { PipelineBus } from './bus';
import type { AuthTokens } from './secret';

export interface OutputDeps {
  readonly api: PipelineApi;
  readonly bus: PipelineBus;
  readonly queue: SecureQueue;
  readonly deliveryDlq: SqsQueue;
  readonly table: DataTable;
  readonly token: AuthTokens;
  /** KMS key of the token parameters (a rotation writes with it). */
  readonly tokenKeyArn: string;
  readonly domainUrl?: string;
}

/**
 * Flat, top-level, scalar outputs (PIPE-20): they become keys of cfn-outputs/flat-outputs.json as
 * they are, with no nested `integration_test_config` object. The token's parameter NAME is an output;
 * its value never is.
 */
export function pipelineOutputs(stack: BaseStack, deps: OutputDeps): void {
  // With a custom domain the default execute-api endpoint is disabled, so the domain is the way in.
  const url = deps.domainUrl ?? deps.api.front.url;
  addOutputs(stack, {
    eventPipelineApiEndpoint: url,
    eventPipelineEventPostUrl: `${url}/events`,
    eventPipelineRegion: stack.regionName,
    eventPipelineXrayEnabled: 'true',
    eventPipelineBusName: deps.bus.bus.name,
    eventPipelineQueueUrl: deps.queue.queue.url,
    eventPipelineDlqUrl: deps.queue.dlq.url,
    eventPipelineDeliveryDlqUrl: deps.deliveryDlq.url,
    eventPipelineTableName: deps.table.table.name,
    eventPipelineTokenParameterName: deps.token.current.name,
    eventPipelinePreviousTokenParameterName: deps.token.previous.name,
    eventPipelineTokenKeyArn: deps.tokenKeyArn,
    eventPipelineCustomDomainUrl: deps.domainUrl,
  });
}
