/**
 * Rotating the event pipeline's token while producers post, through cfn-outputs/flat-outputs.json only:
 * one producer switches to the new token as soon as it reads it from SSM, one stays on the old token
 * (inside the overlap window). No request is refused and every event reaches the table.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { TOKEN_OVERLAP_SECONDS } from '@tap/stack-event-pipeline';
import { rotateToken } from '../../scripts/rotate-token/rotate';
import { requireOutputs } from './support/outputs';

// eventPipelineTokenKeyArn is not required: the local environment has no KMS and leaves it out.
const out = requireOutputs(['eventPipelineEventPostUrl', 'eventPipelineTableName', 'eventPipelineTokenParameterName', 'eventPipelinePreviousTokenParameterName', 'eventPipelineRegion']);
const RUN = randomUUID().slice(0, 8);
const region = out.eventPipelineRegion && !out.eventPipelineRegion.includes('${') ? out.eventPipelineRegion : process.env.AWS_REGION;
const ssm = new SSMClient({ region });
const dynamodb = new DynamoDBClient({ region });

jest.setTimeout(90_000);

afterAll(() => {
  ssm.destroy();
  dynamodb.destroy();
});

const readToken = async () => (await ssm.send(new GetParameterCommand({ Name: out.eventPipelineTokenParameterName, WithDecryption: true }))).Parameter?.Value ?? '';

async function post(id: string, token: string): Promise<number> {
  const response = await fetch(out.eventPipelineEventPostUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ id, source: 'rotation.suite', type: 'rotation.test', time: new Date().toISOString(), detail: { run: RUN } }),
    signal: AbortSignal.timeout(15_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Posts back to back until `stop()` is called; records every id and status. */
function producer(name: string, token: () => string) {
  const sent: { id: string; status: number; token: string; at: number }[] = [];
  let running = true;
  const done = (async () => {
    for (let i = 0; running; i += 1) {
      const id = `rot-${RUN}-${name}-${i}`;
      const used = token();
      const at = Date.now();
      // A producer retries what API Gateway throttles (429: the stage's bucket is shared with the other
      // suites running beside this one); only a refusal (401/403) or a lost event counts against a rotation.
      let status = await post(id, used);
      for (let retry = 1; status === 429 && retry <= 5; retry += 1) {
        await new Promise((r) => setTimeout(r, 100 * retry));
        status = await post(id, used);
      }
      sent.push({ id, status, token: used, at });
    }
  })();
  return { sent, stop: async () => ((running = false), done) };
}

describe('token rotation without an outage', () => {
  it('rotates while two producers post continuously: nothing refused, nothing lost', async () => {
    const old = await readToken();
    let current = old;
    const switching = producer('switching', () => current);
    const staying = producer('staying', () => old);
    await new Promise((r) => setTimeout(r, 1_000));
    // force: this suite is the only producer of the environment it tests, so an earlier run's overlap may be cut.
    const rotatedAt = Date.now();
    const result = await rotateToken({
      ssm,
      currentName: out.eventPipelineTokenParameterName,
      previousName: out.eventPipelinePreviousTokenParameterName,
      ...(out.eventPipelineTokenKeyArn ? { keyId: out.eventPipelineTokenKeyArn } : {}),
      overlapSeconds: TOKEN_OVERLAP_SECONDS,
      force: true,
    });
    expect(result.token).not.toBe(old);
    expect(result.previousAcceptedUntil.getTime()).toBeGreaterThan(Date.now() + (TOKEN_OVERLAP_SECONDS - 60) * 1000);
    // The switching producer picks the new value up from SSM, as a producer's refresh would.
    current = await readToken();
    expect(current).toBe(result.token);
    // Run on until the switching producer has posted a few times with the new token.
    const until = Date.now() + 30_000;
    const enough = () => switching.sent.filter((s) => s.token === current).length >= 3 && staying.sent.filter((s) => s.at > rotatedAt).length >= 2;
    while (!enough() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await Promise.all([switching.stop(), staying.stop()]);

    const all = [...switching.sent, ...staying.sent];
    // Both tokens were in use across the rotation: the old one before and after it, the new one after.
    expect(switching.sent.filter((s) => s.token === old).length).toBeGreaterThan(0);
    expect(switching.sent.filter((s) => s.token === current).length).toBeGreaterThanOrEqual(3);
    // The old token kept working after the rotation (the overlap).
    expect(staying.sent.filter((s) => s.at > rotatedAt).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((s) => s.status !== 202)).toEqual([]);
    const missing: string[] = [];
    const deadline = Date.now() + 30_000;
    for (const { id } of all) {
      for (;;) {
        const got = await dynamodb.send(new GetItemCommand({ TableName: out.eventPipelineTableName, Key: { eventId: { S: id } }, ConsistentRead: true }));
        if (got.Item) break;
        if (Date.now() > deadline) {
          missing.push(id);
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(missing).toEqual([]);
  });
});
