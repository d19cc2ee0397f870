import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { runPreflight, type Report } from '@tap/preflight';
import { loadSynthDir } from '@tap/synth';
import { PREFLIGHT_FIXTURES, type PreflightFixture } from '../../fixtures/preflight';

/** Synthesizes a fixture the way `cdktf synth` does (manifest + stacks/<name>/cdk.tf.json) and runs preflight on it. */
export function synthFixture(fixture: PreflightFixture): { dir: string; report: Report } {
  const dir = mkdtempSync(join(tmpdir(), `preflight-${fixture.name}-`));
  const app = new App({ outdir: dir });
  fixture.build(app);
  app.synth();
  return { dir, report: runPreflight(loadSynthDir(dir), fixture.options) };
}

describe('preflight rejects every catalogued mistake that TypeScript accepts (test/fixtures/preflight)', () => {
  it.each(PREFLIGHT_FIXTURES.map((f) => [`${f.failure}: ${f.mistake} → ${f.rule}`, f] as const))('%s', (_title, fixture) => {
    const { report } = synthFixture(fixture);
    const hits = report.findings.filter((f) => f.ruleId === fixture.rule && f.address === fixture.address);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]).toMatchObject({ ruleId: fixture.rule, severity: 'error', address: fixture.address });
    expect(hits[0].message).toMatch(/Fix:/);
    expect(report.errors).toBeGreaterThan(0);
  });

  it('covers each mistake the issue lists', () => {
    const rules = new Set(PREFLIGHT_FIXTURES.map((f) => f.rule));
    for (const id of ['TAP-BACKEND-01', 'TAP-APIGW-01', 'TAP-ENV-01', 'TAP-ACCOUNT-01', 'TAP-SECRET-01', 'TAP-OUTPUT-01', 'TAP-LAMBDA-05', 'TAP-LAMBDA-02', 'TAP-SQS-01', 'TAP-IAM-02', 'TAP-LAMBDA-01', 'TAP-APIGW-04', 'TAP-SINGLETON-01', 'TAP-SQS-02', 'TAP-TAGS-01']) {
      expect(rules).toContain(id);
    }
  });

  it('PIPE-05: the budget finding names every reserving function and the arithmetic', () => {
    const fixture = PREFLIGHT_FIXTURES.find((f) => f.name === 'concurrency-over-budget');
    if (!fixture) throw new Error('fixture missing');
    const hits = synthFixture(fixture).report.findings.filter((f) => f.ruleId === 'TAP-LAMBDA-05');
    expect(hits.map((h) => h.address).sort()).toEqual(['aws_lambda_function.event_ingestion', 'aws_lambda_function.event_processing', 'aws_lambda_function.event_storage']);
    expect(hits[0].message).toContain('225 per environment');
    expect(hits[0].message).toContain('over the 200 available');
  });
});
