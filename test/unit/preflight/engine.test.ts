import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ALL_RULES, formatTable, runPreflight, summaryLine, toJson } from '@tap/preflight';
import { REPO_ROOT as REPO, loadSynthDir } from '@tap/synth';
import { parseArgs } from '../../../packages/preflight/src/cli';
import { fixtureStack } from '../../fixtures/preflight/support';

const RULES_DIR = join(REPO, 'packages/preflight/src/rules');

function synth(build: (app: App) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-engine-'));
  const app = new App({ outdir: dir });
  build(app);
  app.synth();
  return dir;
}

const starPolicy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: '*' }] });

describe('suppressions', () => {
  it('addOverride("//.preflight.suppress") survives cdktf synthesis and moves the finding to suppressed with its reason', () => {
    const dir = synth((app) => {
      const stack = fixtureStack(app, 'vpc');
      const policy = new IamRolePolicy(stack, 'p', { name: 'p-dev', role: 'r', policy: starPolicy });
      policy.addOverride('//.preflight.suppress', [{ id: 'TAP-IAM-02', reason: 'delivery role of a log destination in another account; scoped by its trust policy' }]);
    });
    const raw = JSON.parse(readFileSync(join(dir, 'stacks/vpc/cdk.tf.json'), 'utf8'));
    expect(raw.resource.aws_iam_role_policy.p['//'].preflight.suppress[0].id).toBe('TAP-IAM-02');
    const report = runPreflight(loadSynthDir(dir));
    expect(report.findings.filter((f) => f.ruleId === 'TAP-IAM-02')).toEqual([]);
    expect(report.suppressed).toMatchObject([{ ruleId: 'TAP-IAM-02', address: 'aws_iam_role_policy.p', reason: expect.stringContaining('another account') }]);
    expect(formatTable(report)).toMatch(/TAP-IAM-02\s+suppressed\s+vpc\s+aws_iam_role_policy\.p\n {4}[\s\S]*\[suppressed: delivery role/);
    expect(summaryLine(report)).toMatch(/^preflight: \d+ errors?, \d+ warnings?, 1 suppressed in 1 stack$/);
  });

  it('a suppression without a reason is an error and is not applied', () => {
    const dir = synth((app) => {
      const stack = fixtureStack(app, 'vpc');
      new IamRolePolicy(stack, 'p', { name: 'p-dev', role: 'r', policy: starPolicy }).addOverride('//.preflight.suppress', [{ id: 'TAP-IAM-02' }]);
    });
    const report = runPreflight(loadSynthDir(dir));
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['TAP-IAM-02', 'TAP-SUPPRESS-01']);
    expect(report.findings.find((f) => f.ruleId === 'TAP-SUPPRESS-01')?.message).toMatch(/no reason/);
    expect(report.suppressed).toEqual([]);
  });

  it('a suppression naming an unknown rule is an error; it only silences its own rule on its own resource', () => {
    const dir = synth((app) => {
      const stack = fixtureStack(app, 'q');
      new SqsQueue(stack, 'a', { name: 'a-dev' }).addOverride('//.preflight.suppress', [{ id: 'TAP-SQS-01', reason: 'test' }, { id: 'TAP-NOPE-01', reason: 'x' }]);
      new SqsQueue(stack, 'b', { name: 'b-dev' });
    });
    const report = runPreflight(loadSynthDir(dir));
    expect(report.suppressed.map((f) => `${f.ruleId}@${f.address}`)).toEqual(['TAP-SQS-01@aws_sqs_queue.a']);
    expect(report.findings.filter((f) => f.ruleId === 'TAP-SQS-01').map((f) => f.address)).toEqual(['aws_sqs_queue.b']);
    expect(report.findings.find((f) => f.ruleId === 'TAP-SUPPRESS-01')?.message).toMatch(/unknown rule TAP-NOPE-01/);
  });
});

describe('loader and report', () => {
  it('reads any cdktf.out: with manifest.json, or stacks/<name>/cdk.tf.json only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-raw-'));
    mkdirSync(join(dir, 'stacks/other'), { recursive: true });
    writeFileSync(join(dir, 'stacks/other/cdk.tf.json'), JSON.stringify({ resource: { aws_sqs_queue: { q: { name: 'q' } } } }));
    expect(loadSynthDir(dir).map((s) => s.name)).toEqual(['other']);
    expect(() => loadSynthDir(join(dir, 'missing'))).toThrow(/neither manifest.json nor stacks/);
  });

  it('--json output carries the summary and every finding', () => {
    const report = runPreflight([{ name: 's', path: '', json: { resource: { aws_sqs_queue: { q: { name: 'q' } } } } }], { suffix: 'dev' });
    const parsed = JSON.parse(toJson(report));
    expect(parsed.summary).toEqual({ errors: report.errors, warnings: report.warnings, suppressed: 0, stacks: ['s'] });
    expect(parsed.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(expect.arrayContaining(['TAP-SQS-01', 'TAP-SQS-02', 'TAP-NAME-01']));
  });

  it('parses the CLI flags and rejects unknown ones', () => {
    expect(parseArgs(['--dir', 'out', '--json', '--suffix', 'pr1', '--planned-environments', '4', '--account-concurrency', '500', '--allow-singletons', '--ephemeral'])).toEqual({
      dir: 'out',
      json: true,
      help: false,
      options: { suffix: 'pr1', plannedEnvironments: 4, accountConcurrency: 500, allowSingletons: true, ephemeral: true },
    });
    expect(() => parseArgs(['--planned-environments', 'four'])).toThrow(/not a whole number/);
    expect(() => parseArgs(['--frobnicate'])).toThrow(/unknown option '--frobnicate'/);
  });

  it('the CLI exits 1 with a table and the summary line on errors, 0 on a clean dir', () => {
    const bad = synth((app) => new SqsQueue(fixtureStack(app, 'q'), 'q', { name: 'q-dev' }));
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'packages/preflight/src/cli.ts'), ...args], { cwd: REPO, encoding: 'utf8' });
    const failed = run(['--dir', bad]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/^RULE\s+SEVERITY\s+STACK\s+RESOURCE$/m);
    expect(failed.stdout).toMatch(/TAP-SQS-01\s+error\s+q\s+aws_sqs_queue\.q/);
    expect(failed.stdout.trim().split('\n').pop()).toMatch(/^preflight: 3 errors, 0 warnings, 0 suppressed in 1 stack$/); // unencrypted, no DLQ, no TLS-only policy
    const json = run(['--dir', bad, '--json']);
    expect(JSON.parse(json.stdout).summary.errors).toBe(3);
    const clean = synth((app) => fixtureStack(app, 'empty'));
    expect(run(['--dir', clean])).toMatchObject({ status: 0, stdout: 'preflight: 0 errors, 0 warnings, 0 suppressed in 1 stack\n' });
    expect(run(['--bogus']).status).toBe(2);
  });
});

describe('rule catalogue', () => {
  it('rule ids are unique and every rule file has a one-line doc comment with its id and anchors', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of ALL_RULES) {
      const file = readdirSync(RULES_DIR).find((f) => readFileSync(join(RULES_DIR, f), 'utf8').includes(`id: '${rule.id}'`));
      expect(file).toBeDefined();
      const source = readFileSync(join(RULES_DIR, file as string), 'utf8');
      const doc = source.split('\n').find((line) => line.startsWith(`/** ${rule.id} `));
      expect(doc).toBeDefined();
      for (const anchor of rule.anchors) expect(doc).toContain(anchor.replace(/^AVD-AWS-(\d+)$/, '$1'));
      if (rule.anchors.length === 0) expect(doc).toMatch(/no public anchor/);
    }
  });

  it('every rule has a compliant and a non-compliant test', () => {
    const tests = readdirSync(join(__dirname, 'rules')).filter((f) => f.endsWith('.test.ts')).map((f) => readFileSync(join(__dirname, 'rules', f), 'utf8')).join('\n');
    for (const rule of ALL_RULES) {
      const name = Object.entries(require('@tap/preflight') as Record<string, unknown>).find(([, v]) => v === rule)?.[0];
      expect(name).toBeDefined();
      const block = tests.split(`describe(title(${name as string})`)[1];
      expect(block).toBeDefined();
      const own = (block as string).split('describe(title(')[0];
      expect(own).toMatch(/it\('compliant/);
      expect(own.match(/\bit\(/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    }
  });
});
