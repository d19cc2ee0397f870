import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { getEnvironmentConfig } from '@tap/config';
import { signedHeaders, startLocalEnvironment, type LocalEnvironment } from '@tap/local-env';
import { synthesizeApp } from '@tap/synth';
import { SHARED_SUFFIX } from '../../helpers/shared-synth';

// Removing a permission or an egress rule from the synthesized stacks turns the payment flow red in the
// local environment, as it would on AWS: the enforcement is what the integration suites run under.
jest.setTimeout(180_000);

const production = mkdtempSync(join(tmpdir(), 'enforced-flow-'));
synthesizeApp({ config: getEnvironmentConfig({ suffix: SHARED_SUFFIX, profile: 'production' }), outdir: production });

function broken(edit: (json: { resource: Record<string, Record<string, Record<string, unknown>>> }) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'enforced-flow-broken-'));
  cpSync(production, dir, { recursive: true });
  const file = join(dir, 'stacks', 'payment-api', 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json));
  return dir;
}

async function createPayment(outDir: string): Promise<{ status: number; env: LocalEnvironment; log: string }> {
  const lines: string[] = [];
  const env = await startLocalEnvironment({ outDir, stateDir: mkdtempSync(join(tmpdir(), 'enforced-flow-state-')), stacks: ['payment-api'], log: (l: string) => lines.push(l) });
  try {
    const base = String(env.outputs.paymentApiUrl).replace(/\/+$/, '');
    // The route is IAM-authorized: sign as the local client the stack's client policy is granted to.
    const client = env.clients.find((c) => c.name === 'client-a');
    if (!client) throw new Error('the local environment printed no API client');
    const url = `${base}/payments`;
    const body = JSON.stringify({ amount: 1001, currency: 'EUR', merchantReference: 'm-1', customerReference: 'c-1' });
    const headers = await signedHeaders(url, client, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body });
    const res = await fetch(url, { method: 'POST', headers, body });
    return { status: res.status, env, log: lines.join('\n') };
  } finally {
    await env.stop();
  }
}

describe('the payment flow under local enforcement (production synth)', () => {
  it('succeeds with the synthesized policies and network', async () => {
    expect((await createPayment(production)).status).toBe(201);
  });

  it('an SG without the DynamoDB prefix-list rule: the transaction never connects and POST /payments fails', async () => {
    const dir = broken((json) => {
      for (const name of Object.keys(json.resource.aws_vpc_security_group_egress_rule)) if (name.startsWith('network_https-dynamodb')) delete json.resource.aws_vpc_security_group_egress_rule[name];
    });
    const { status, env } = await createPayment(dir);
    expect(status).toBeGreaterThanOrEqual(500);
    expect(env.notEmulated.join('\n')).not.toMatch(/IAM: roles and policies are not enforced/);
  });

  it('a removed audit grant: AccessDeniedException on the transaction and POST /payments fails', async () => {
    const dir = broken((json) => {
      const policies = json.resource.aws_iam_role_policy;
      for (const [name, p] of Object.entries(policies)) {
        if (!name.startsWith('create-payment_policy')) continue;
        const doc = JSON.parse(String(p.policy)) as { Statement: { Sid?: string }[] };
        doc.Statement = doc.Statement.filter((s) => s.Sid !== 'ArchiveAuditRecord');
        p.policy = JSON.stringify(doc);
      }
    });
    expect((await createPayment(dir)).status).toBeGreaterThanOrEqual(500);
  });

  it('a Lambda permission on the wrong path: API Gateway may not invoke the create function and answers 500, as on AWS', async () => {
    const dir = broken((json) => {
      for (const [name, p] of Object.entries(json.resource.aws_lambda_permission)) {
        if (name.startsWith('api_permission_POST_payments')) p.source_arn = String(p.source_arn).replace('/POST/payments', '/POST/payment');
      }
    });
    const { status, log } = await createPayment(dir);
    expect(status).toBe(500);
    expect(log).toMatch(new RegExp(`lambda:InvokeFunction on .*payment-api-create-${SHARED_SUFFIX}:live from .*/POST/payments: .*does not allow`));
  });
});
