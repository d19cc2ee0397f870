import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnostics, inlineWafRules, testFile, writeRoot } from '@tap/rehearsal';
import { REPO_ROOT } from '@tap/synth';


function stackDir(root: string, name: string, json: Record<string, unknown>): string {
  const dir = join(root, 'stacks', name);
  mkdirSync(join(dir, 'assets', 'code', 'abc123'), { recursive: true });
  writeFileSync(join(dir, 'assets', 'code', 'abc123', 'archive.zip'), name);
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
  return dir;
}

describe('rehearsal root', () => {
  it('places each stack as a module, hoists its providers (aliases too) to the root and passes them in', () => {
    const work = mkdtempSync(join(tmpdir(), 'rehearsal-root-'));
    const a = stackDir(work, 'api', {
      terraform: { backend: { local: { path: 'x' } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
      provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: { Stack: 'api' } }] }, { alias: 'replica', region: 'us-west-2' }] },
      resource: { aws_sqs_queue: { q: { name: 'q' } } },
    });
    const b = stackDir(work, 'vpc', { provider: { aws: [{ region: 'us-east-1' }] }, resource: { aws_vpc: { v: {} } } });
    const stacks = writeRoot([{ dir: a, name: 'dev_api' }, { dir: b }], join(work, 'root'));
    expect(stacks.map((s) => [s.stack, s.module, s.aliases, s.resources])).toEqual([
      ['api', 'dev_api', ['replica'], 1],
      ['vpc', 'vpc', [], 1],
    ]);
    const root = JSON.parse(readFileSync(join(work, 'root', 'main.tf.json'), 'utf8'));
    expect(root.provider.aws).toEqual([
      { region: 'us-east-1', default_tags: [{ tags: { Stack: 'api' } }], alias: 'dev_api' },
      { alias: 'dev_api_replica', region: 'us-west-2' },
      { region: 'us-east-1', alias: 'vpc' },
    ]);
    expect(root.module.dev_api).toEqual({ source: './stacks/dev_api', providers: { aws: 'aws.dev_api', 'aws.replica': 'aws.dev_api_replica' } });
    const module = JSON.parse(readFileSync(join(work, 'root', 'stacks', 'dev_api', 'cdk.tf.json'), 'utf8'));
    expect(module.provider).toBeUndefined();
    expect(module.terraform.backend).toBeUndefined();
    expect(module.terraform.required_providers.aws.configuration_aliases).toEqual(['aws.replica']);
    // Asset paths stay as synthesized: relative to the root, where the assets are linked.
    expect(readFileSync(join(work, 'root', 'assets', 'code', 'abc123', 'archive.zip'), 'utf8')).toBe('api');
  });

  it('a shared provider (the mocked run) is passed to every module for all of its configurations', () => {
    const work = mkdtempSync(join(tmpdir(), 'rehearsal-root-'));
    const a = stackDir(work, 'api', { provider: { aws: [{ region: 'us-east-1' }, { alias: 'replica', region: 'us-west-2' }] } });
    writeRoot([{ dir: a }], join(work, 'root'), { sharedProvider: 'mocked' });
    const root = JSON.parse(readFileSync(join(work, 'root', 'main.tf.json'), 'utf8'));
    expect(root.provider.aws).toEqual([{ alias: 'mocked' }]);
    expect(root.module.api.providers).toEqual({ aws: 'aws.mocked', 'aws.replica': 'aws.mocked' });
  });

  it('validate groups provider blocks that differ only in literal region and default tag values (one provider process each)', () => {
    const work = mkdtempSync(join(tmpdir(), 'rehearsal-root-'));
    const tagged = (stack: string, region = 'us-east-1') => ({ region, default_tags: [{ tags: { Stack: stack, Profile: 'dev' } }] });
    const a = stackDir(work, 'api', { provider: { aws: [tagged('api'), { ...tagged('api', 'us-west-2'), alias: 'replica' }] } });
    const b = stackDir(work, 'vpc', { provider: { aws: [tagged('vpc')] } });
    const c = stackDir(work, 'ref', { provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: { Stack: '${var.stack}', Profile: 'dev' } }] }] } });
    const d = stackDir(work, 'retries', { provider: { aws: [{ ...tagged('retries'), max_retries: 3 }] } });
    writeRoot([{ dir: a }, { dir: b }, { dir: c }, { dir: d }], join(work, 'root'), { groupProviders: true });
    const root = JSON.parse(readFileSync(join(work, 'root', 'main.tf.json'), 'utf8'));
    // The first stack's block stands for the others of its shape (the replica's region too); a reference
    // or another setting is its own.
    expect(root.provider.aws.map((p: { alias: string }) => p.alias)).toEqual(['api', 'ref', 'retries']);
    expect(root.module.vpc.providers).toEqual({ aws: 'aws.api' });
    expect(root.module.api.providers).toEqual({ aws: 'aws.api', 'aws.replica': 'aws.api' });
  });

  it('the mocked copy hands literal WAF rule blocks over as rule_json; rules with a reference stay blocks', () => {
    const rule = [{ name: 'r', priority: 0, statement: { rate_based_statement: { limit: 2000, aggregate_key_type: 'IP' } } }];
    const json = {
      resource: {
        aws_wafv2_web_acl: { waf: { name: 'w', rule }, ref: { name: 'x', rule: [{ name: 'i', statement: { ip_set_reference_statement: { arn: '${aws_wafv2_ip_set.s.arn}' } } }] } },
        aws_sqs_queue: { q: { name: 'q' } },
      },
    };
    const { json: out, inlined } = inlineWafRules(json);
    expect(inlined).toEqual(['aws_wafv2_web_acl.waf']);
    expect(out.resource?.aws_wafv2_web_acl.waf).toEqual({ name: 'w', rule_json: JSON.stringify(rule) });
    expect(out.resource?.aws_wafv2_web_acl.ref).toEqual(json.resource.aws_wafv2_web_acl.ref);
    expect(out.resource?.aws_sqs_queue).toBe(json.resource.aws_sqs_queue);
    // The input is not modified.
    expect(json.resource.aws_wafv2_web_acl.waf.rule).toBe(rule);
  });

  it('the test file applies, then tears down by applying the teardown module to the same state', () => {
    const { text } = testFile([], [], { resources: {}, data: {} }, ['mocked']);
    expect(text).toContain(['run "apply" {', '  command   = apply', '  state_key = "rehearsal"', '}'].join('\n'));
    expect(text).toContain(['run "teardown" {', '  command   = apply', '  state_key = "rehearsal"', '  module {', '    source = "./teardown"', '  }', '  plan_options {', '    refresh = false', '  }', '}'].join('\n'));
  });

  it('attributes each Terraform diagnostic to the module and resource it names', () => {
    const output = [
      'Success! The configuration is valid, but...',
      '╷',
      '│ Error: expected http_method to be one of ["ANY" "GET"], got *',
      '│ ',
      '│   with module.pr_rest-api.aws_api_gateway_method.star,',
      '│   on stacks/pr_rest-api/cdk.tf.json line 12, in resource.aws_api_gateway_method.star:',
      '╵',
      '╷',
      '│ Error: Unsupported argument',
      '│ ',
      '│   on stacks/dev_vpc/cdk.tf.json line 40, in resource.aws_vpc.main:',
      '╵',
      '╷',
      '│ Error: Invalid provider configuration',
      '╵',
    ].join('\n');
    expect(diagnostics(output, ['pr_rest-api', 'dev_vpc']).map((d) => [d.module, d.resource, d.text.split('\n')[0]])).toEqual([
      ['pr_rest-api', 'aws_api_gateway_method.star', 'Error: expected http_method to be one of ["ANY" "GET"], got *'],
      ['dev_vpc', 'aws_vpc.main', 'Error: Unsupported argument'],
      [undefined, undefined, 'Error: Invalid provider configuration'],
    ]);
  });
});

describe('pnpm rehearse', () => {
  const rehearse = (...args: string[]) => spawnSync(process.execPath, ['--require', 'tsx/cjs', join(REPO_ROOT, 'scripts/rehearse.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: '/nonexistent' } });

  it('--help prints the usage and exits 0 without synthesizing anything', () => {
    const run = rehearse('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: pnpm rehearse \[stack \.\.\.\]/);
    expect(run.stdout).not.toMatch(/synth into/);
  });

  it('rejects an unknown option with the usage (exit 64)', () => {
    const run = rehearse('--bogus');
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(/unknown option --bogus/);
  });

  it('names the known stacks when asked for one the synth does not have', () => {
    const out = mkdtempSync(join(tmpdir(), 'rehearse-cli-'));
    mkdirSync(join(out, 'stacks', 'vpc'), { recursive: true });
    const run = rehearse('--dir', out, 'nope');
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(/no stack nope in .* \(stacks: vpc\)/);
  });
});
