/**
 * Fault run: the event pipeline's store is slowed (DynamoDB requests one at a time) so a batch
 * is stored item by item, and the process function's container — the process holding the batch — is
 * killed with SIGKILL midway. Lambda's contract then applies: the invocation failed, nothing of the batch
 * is deleted, SQS redelivers after the visibility timeout, and the conditional put makes the already
 * stored events duplicates rather than second copies. The run checks: every event stored, exactly once,
 * items written before the kill not overwritten, nothing in the DLQ.
 */
import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { localOnly, startOps, waitFor, type OpsEnvironment } from './support';

jest.setTimeout(120_000);
const RUN = randomUUID().slice(0, 8);
const EVENTS = 20;
let ops: OpsEnvironment;

if (localOnly()) {
  beforeAll(async () => {
    ops = await startOps({ profile: 'dev', suffix: 'opsfault' });
  });
  afterAll(async () => {
    await ops?.stop();
  });
}

/** The message the bus rule puts on the queue: the whole EventBridge event, the envelope as its detail. */
const message = (i: number) => ({
  Id: `m${i}`,
  MessageBody: JSON.stringify({ version: '0', id: randomUUID(), 'detail-type': 'ops.fault', source: 'ops.fault', time: new Date().toISOString(), detail: { id: `fault-${RUN}-${i}`, source: 'ops.fault', type: 'ops.fault', time: new Date().toISOString(), detail: { i } } }),
});

describe('operations: fault run (store process killed mid-batch)', () => {
  it('redelivery completes the batch: nothing lost, nothing stored twice, nothing overwritten', async () => {
    const table = ops.outputs.eventPipelineTableName;
    const processFn = ops.env.functions.get(ops.fn('events-process-fn'));
    if (!processFn) throw new Error('process function not running');
    const ours = async () => (await ops.scanAll(table)).filter((item) => item.eventId?.S?.startsWith(`fault-${RUN}-`));
    ops.env.faults.dynamoLatencyMs = 150;
    for (let i = 0; i < EVENTS; i += 10) {
      await ops.sqs.send(new SendMessageBatchCommand({ QueueUrl: ops.outputs.eventPipelineQueueUrl, Entries: Array.from({ length: 10 }, (_, j) => message(i + j)) }));
    }
    // Mid-batch: some events are stored, not all; kill every container of the process function.
    const partial = await waitFor('the first stored events', 30_000, async () => {
      const items = await ours();
      return items.length > 0 ? items : undefined;
    });
    const pids = processFn.containerPids();
    expect(pids.length).toBeGreaterThan(0);
    ops.env.faults.kill(processFn.spec.name);
    const beforeKill = new Map(partial.map((item) => [item.eventId?.S, item.storedAt?.S]));
    expect(beforeKill.size).toBeLessThan(EVENTS);
    ops.env.faults.dynamoLatencyMs = 0;

    const all = await waitFor(`all ${EVENTS} events stored after redelivery`, 60_000, async () => {
      const items = await ours();
      return items.length >= EVENTS ? items : undefined;
    });
    const ids = all.map((item) => item.eventId?.S);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: EVENTS }, (_, i) => `fault-${RUN}-${i}`)));
    for (const item of all) if (beforeKill.has(item.eventId?.S)) expect(item.storedAt?.S).toBe(beforeKill.get(item.eventId?.S));
    const metrics = (await ops.metrics()).functions[ops.fn('events-process-fn')];
    expect(metrics.errors).toBeGreaterThan(0);
    expect(await ops.visible(ops.outputs.eventPipelineDlqUrl)).toBe(0);
    await waitFor('the queue drained', 20_000, async () => ((await ops.visible(ops.outputs.eventPipelineQueueUrl)) === 0 ? true : undefined));
  });
});
