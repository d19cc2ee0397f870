import { shortId } from '../attributes';
import type { Emulator, EmulatedType, ProvisionContext } from '../emulator';
import { block } from '@tap/synth';
import { SqsPoller } from './event-source';

export interface EventSourceMappingAttributes {
  readonly id: string;
  readonly uuid: string;
  readonly function_arn: string;
}

export const lambdaEventSourceMapping: EmulatedType<EventSourceMappingAttributes> = {
  type: 'aws_lambda_event_source_mapping',
  attributes: (r, _at, text) => {
    const id = shortId(r);
    return { id, uuid: id, function_arn: text(r.config.function_name) };
  },
};

/** Lambda's SQS pollers (event-source.ts), last: they need the queues and the functions. */
export const lambdaEventSources: Emulator = {
  service: 'Lambda',
  types: [lambdaEventSourceMapping],
  doc: {
    declared: '`aws_lambda_event_source_mapping` (SQS)',
    locally: 'a poller: `batch_size`, batching window, `ReportBatchItemFailures` (only reported messages come back), failures left to the visibility timeout and redrive',
  },
  start: () => provisionPollers,
};

async function provisionPollers(p: ProvisionContext): Promise<void> {
  const { resolver: res, state } = p;
  for (const m of p.all('aws_lambda_event_source_mapping')) {
    const source = res.text(m.stack, m.config.event_source_arn);
    const queue = state.queues.get(source);
    const fnRef = res.text(m.stack, m.config.function_name);
    const fn = state.functions.get(fnRef.startsWith('arn:') ? fnRef.split(':')[6] : fnRef);
    if (!queue || !fn) {
      state.notEmulated.push(`event source mapping ${m.name}: source ${source} (only SQS queues of this app are polled)`);
      continue;
    }
    if (m.config.enabled === false) continue;
    // IAM enforcement: the function's role must be allowed to receive from the queue (iam/).
    const refused = await p.enforcer?.delivery('sqs-event-source', [`polls ${queue.name} for ${fn.spec.name}`]).then(() => undefined, (e: Error) => e.message);
    if (refused) {
      state.warnings.push(`event source mapping ${m.name}: not polled, ${refused}`);
      continue;
    }
    const poller = new SqsPoller(
      {
        queue,
        fn,
        batchSize: Number(m.config.batch_size ?? 10),
        batchingWindowSeconds: Number(m.config.maximum_batching_window_in_seconds ?? 0) * (p.options.visibilityTimeoutScale ?? 1),
        reportBatchItemFailures: ((m.config.function_response_types as string[]) ?? []).includes('ReportBatchItemFailures'),
        concurrency: Math.min(Number(block(m.config.scaling_config)?.maximum_concurrency ?? 2), 4),
        region: p.region,
      },
      state.sqs,
      (l) => p.log(`[sqs] ${l}`),
    );
    poller.start();
    state.pollers.push(poller);
    p.onStop(() => poller.stop());
  }
}
