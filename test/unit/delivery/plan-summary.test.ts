/**
 * `pnpm plan-summary` on fixture plans in Terraform's JSON plan format (what `terraform show -json` prints
 * for a saved plan): a replaced table, a destroyed KMS key, a tag-only change, a no-op and drift.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changeKind, parsePlanJson, runCli, stackNameOf, summarizePlan } from '@tap/delivery';

const FIXTURES = join(__dirname, '../../fixtures/plans');
const fixture = (name: string): string => join(FIXTURES, `${name}.json`);
const plan = (name: string) => parsePlanJson(readFileSync(fixture(name), 'utf8'), name);

describe('plan summary', () => {
  it('a replaced table: counted as a replacement (not a destroy plus an add), stateful, with the attributes forcing it; exit 2', () => {
    const s = summarizePlan('rest-api', plan('replace-table'));
    expect(s.counts).toEqual({ create: 0, update: 2, delete: 0, replace: 1 });
    expect(s.statefulLosses).toEqual([
      expect.objectContaining({ address: 'aws_dynamodb_table.items_table_DFBE72E0', kind: 'replace', stateful: true, attributes: ['attribute', 'hash_key'], reason: 'replace_because_cannot_update' }),
    ]);
    // the no-op log group and the data source read are not changes
    expect(s.changes.map((c) => c.address)).toEqual(['aws_dynamodb_table.items_table_DFBE72E0', 'aws_lambda_function.items-fn_function_9D2C7F70', 'aws_lambda_alias.items-fn_live_18CD17EE']);
    const r = runCli([fixture('replace-table'), '--stack', 'rest-api']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('rest-api: 0 to add, 2 to change, 0 to destroy, 1 to replace');
    expect(r.stdout).toContain('!! STATEFUL REPLACE aws_dynamodb_table.items_table_DFBE72E0 (forced by attribute, hash_key; replace_because_cannot_update)');
    expect(r.stdout).toMatch(/plan-summary: 1 stateful resource destroyed or replaced: rest-api aws_dynamodb_table\.items_table_DFBE72E0 \(replace\)\n$/);
  });

  it('a destroyed KMS key: the key is a stateful destroy, its alias a plain destroy; exit 2, or 0 with --allow-stateful', () => {
    const s = summarizePlan('event-pipeline', plan('destroy-key'));
    expect(s.counts).toEqual({ create: 0, update: 0, delete: 2, replace: 0 });
    expect(s.statefulLosses.map((c) => c.address)).toEqual(['aws_kms_key.key_F64E54E4']);
    expect(runCli([fixture('destroy-key')]).code).toBe(2);
    const allowed = runCli([fixture('destroy-key'), '--allow-stateful']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('!! STATEFUL DESTROY aws_kms_key.key_F64E54E4');
  });

  it('a tag-only change: three updates marked "tags only", nothing stateful lost, exit 0', () => {
    const s = summarizePlan('rest-api', plan('tag-only'));
    expect(s.counts).toEqual({ create: 0, update: 3, delete: 0, replace: 0 });
    expect(s.changes.every((c) => c.tagsOnly)).toBe(true);
    expect(s.statefulLosses).toEqual([]);
    const r = runCli([fixture('tag-only')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('update aws_s3_bucket.data-bucket_D46037D5 (tags only)');
    expect(r.stdout).toContain('plan-summary: 3 changes, no stateful resource destroyed or replaced');
  });

  it('a no-op plan: no changes, exit 0', () => {
    const r = runCli([fixture('no-op'), '--stack', 'rest-api']);
    expect(r).toEqual({ code: 0, stdout: 'rest-api: 0 to add, 0 to change, 0 to destroy, 0 to replace\nplan-summary: no changes\n', stderr: '' });
  });

  it('drift: resources changed outside Terraform are listed with what changed', () => {
    const s = summarizePlan('rest-api', plan('drift'));
    expect(s.drift.map((c) => [c.address, c.kind, c.attributes])).toEqual([
      ['aws_dynamodb_table.items_table_DFBE72E0', 'update', ['point_in_time_recovery']],
      ['aws_cloudwatch_metric_alarm.items-fn_errors_0A1B2C3D', 'delete', []],
    ]);
    expect(runCli([fixture('drift')]).stdout).toContain('plan-summary: 2 changes, no stateful resource destroyed or replaced; 2 resources drifted');
  });

  it('several plans at once (one per stack, named after their directory), in markdown for the job summary', () => {
    const files: Record<string, string> = {
      'plans/rest-api/plan.json': readFileSync(fixture('replace-table'), 'utf8'),
      'plans/event-pipeline/plan.json': readFileSync(fixture('destroy-key'), 'utf8'),
      'plans/vpc/plan.json': readFileSync(fixture('no-op'), 'utf8'),
    };
    const r = runCli(['--format', 'markdown', '--title', 'production (prod)', ...Object.keys(files)], (f) => files[f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('### production (prod)');
    expect(r.stdout).toContain('| `rest-api` | 0 | 2 | 0 | 1 | 0 |');
    expect(r.stdout).toContain('| `vpc` | 0 | 0 | 0 | 0 | 0 |');
    expect(r.stdout).toContain('> [!CAUTION]');
    expect(r.stdout).toContain('> - `rest-api` `aws_dynamodb_table.items_table_DFBE72E0`: **replaced** (forced by attribute, hash_key; replace_because_cannot_update)');
    expect(r.stdout).toContain('> - `event-pipeline` `aws_kms_key.key_F64E54E4`: **destroyed**');
    expect(r.stdout).toContain('| **DESTROY (stateful)** | `aws_kms_key.key_F64E54E4` |');
    expect(r.stdout).toContain('plan-summary: 2 stateful resources destroyed or replaced: rest-api aws_dynamodb_table.items_table_DFBE72E0 (replace), event-pipeline aws_kms_key.key_F64E54E4 (destroy)');
    const json = JSON.parse(runCli(['--format', 'json', ...Object.keys(files)], (f) => files[f]).stdout) as { stack: string }[];
    expect(json.map((s) => s.stack)).toEqual(['rest-api', 'event-pipeline', 'vpc']);
  });

  it('--help prints the usage; unknown options, a bad format and missing files are rejected with exit 1', () => {
    expect(runCli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('usage: plan-summary') });
    expect(runCli(['--fail-on-drift', fixture('no-op')])).toMatchObject({ code: 1, stderr: expect.stringMatching(/Unknown option '--fail-on-drift'[\s\S]*usage: plan-summary/) });
    expect(runCli(['--format', 'html', fixture('no-op')])).toMatchObject({ code: 1, stderr: expect.stringContaining('--format "html" is not one of text, markdown, json') });
    expect(runCli([])).toMatchObject({ code: 1, stderr: expect.stringContaining('no plan file given') });
    expect(runCli(['--stack', 'x', fixture('no-op'), fixture('tag-only')]).code).toBe(1);
    expect(runCli([join(FIXTURES, 'missing.json')])).toMatchObject({ code: 1, stderr: expect.stringContaining('missing.json: cannot read (ENOENT)') });
  });

  it('input that is not a Terraform JSON plan is rejected naming the file and the command to run', () => {
    expect(runCli(['p.json'], () => 'Terraform will perform the following actions:')).toMatchObject({ code: 1, stderr: expect.stringContaining('p.json: not JSON') });
    expect(runCli(['p.json'], () => '{"resources": []}')).toMatchObject({ code: 1, stderr: expect.stringContaining('terraform show -json plan.tfplan') });
    expect(runCli(['p.json'], () => '{"format_version":"1.2","resource_changes":[{"address":"x"}]}').stderr).toContain('"resource_changes" is not a list of resource changes');
    expect(runCli(['p.json'], () => '{"format_version":"1.2","errored":true,"resource_changes":[]}')).toMatchObject({ code: 1, stderr: expect.stringContaining('errored') });
  });

  it('actions map to kinds; a create-before-destroy pair is a replacement too', () => {
    expect(changeKind(['create', 'delete'])).toBe('replace');
    expect(changeKind(['delete', 'create'])).toBe('replace');
    expect(changeKind(['no-op'])).toBe('no-op');
    expect(() => changeKind(['update', 'update'])).toThrow(/unknown action list/);
    expect(stackNameOf('plans/payment-api/plan.json')).toBe('payment-api');
    expect(stackNameOf('out/vpc.plan.json')).toBe('vpc');
  });
});
