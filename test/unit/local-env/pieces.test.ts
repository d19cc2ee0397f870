import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchesEventPattern } from '@tap/local-env';
import { Resolver, UnemulatedError, UnknownTokenError } from '../../../packages/local-env/src/refs';
import type { SynthStack } from '@tap/synth';

describe('EventBridge pattern matching (rules are read from aws_cloudwatch_event_rule.event_pattern)', () => {
  const event = { source: 'app.orders', 'detail-type': 'OrderPlaced', detail: { amount: 120, status: 'NEW', tags: ['a', 'b'] } };

  it.each([
    [{ source: ['app.orders'] }, true],
    [{ source: ['app.other'] }, false],
    [{ source: [{ prefix: 'app.' }], 'detail-type': ['OrderPlaced'] }, true],
    [{ detail: { status: [{ 'anything-but': ['CANCELLED'] }] } }, true],
    [{ detail: { status: [{ 'anything-but': 'NEW' }] } }, false],
    [{ detail: { amount: [{ numeric: ['>', 100, '<=', 200] }] } }, true],
    [{ detail: { amount: [{ numeric: ['<', 100] }] } }, false],
    [{ detail: { tags: ['b'] } }, true],
    [{ detail: { missing: [{ exists: false }] } }, true],
    [{ detail: { status: [{ exists: false }] } }, false],
    [{ detail: { status: [{ 'equals-ignore-case': 'new' }] } }, true],
    [{ source: 'app.orders' }, false],
  ])('%j → %s', (pattern, expected) => {
    expect(matchesEventPattern(pattern as Record<string, unknown>, event)).toBe(expected);
  });
});

describe('token resolution against emulated resources', () => {
  const stacks: SynthStack[] = [
    {
      id: 'a',
      dir: '/x',
      json: {
        resource: { aws_sqs_queue: { q: { name: 'jobs-dev' } }, aws_kms_key: { k: {} } },
        output: { aQueue: { value: '${aws_sqs_queue.q.url}' } },
      },
    },
    { id: 'b', dir: '/y', json: { data: { terraform_remote_state: { 'cross-stack-reference-input-a': {} } } } },
  ];
  const resolver = new Resolver(stacks, {
    region: 'eu-west-1',
    accountId: '000000000000',
    attributes: (r) => (r.type === 'aws_sqs_queue' ? { url: `http://127.0.0.1:1/000000000000/${String(r.config.name)}`, arn: 'arn:q' } : undefined),
    ephemeral: () => 'generated',
  });

  it('resolves references, data sources, join() and cross-stack outputs', () => {
    expect(resolver.value('a', 'url=${aws_sqs_queue.q.url}')).toBe('url=http://127.0.0.1:1/000000000000/jobs-dev');
    expect(resolver.value('a', '${data.aws_region.current.id}/${data.aws_caller_identity.me.account_id}')).toBe('eu-west-1/000000000000');
    expect(resolver.value('a', '${join(",", [aws_sqs_queue.q.arn, aws_sqs_queue.q.arn])}')).toBe('arn:q,arn:q');
    expect(resolver.value('b', '${data.terraform_remote_state.cross-stack-reference-input-a.outputs.aQueue}')).toBe('http://127.0.0.1:1/000000000000/jobs-dev');
    expect(resolver.value('a', 'literal $${not.a.token}')).toBe('literal ${not.a.token}');
  });

  it('an unemulated resource and an unknown token are different, named errors', () => {
    expect(() => resolver.value('a', '${aws_kms_key.k.arn}')).toThrow(UnemulatedError);
    expect(() => resolver.value('a', '${aws_kms_key.k.arn}')).toThrow(/aws_kms_key.k: aws_kms_key is not emulated locally/);
    expect(() => resolver.value('a', '${aws_sqs_queue.nope.url}')).toThrow(UnknownTokenError);
    expect(() => resolver.value('a', '${upper(aws_sqs_queue.q.url)}')).toThrow(/unsupported Terraform expression \$\{upper\(aws_sqs_queue.q.url\)\} in stack "a"/);
    expect(resolver.value('a', { key: '${aws_kms_key.k.arn}' }, true)).toEqual({ key: 'local-unemulated:aws_kms_key.k' });
  });
});

describe('pnpm outputs:flatten (scripts/flatten-outputs.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flatten-cli-'));
  mkdirSync(join(dir, 'cdktf.out', 'stacks', 'rest-api'), { recursive: true });
  writeFileSync(join(dir, 'cdktf.out', 'stacks', 'rest-api', 'cdk.tf.json'), JSON.stringify({ output: { restApiKey: { value: 'x', sensitive: true } } }));
  const run = (input: unknown, ...extra: string[]) => {
    writeFileSync(join(dir, 'outputs.json'), JSON.stringify(input));
    // Node with tsx's loader, as `pnpm outputs:flatten` runs it, without an npx start-up per call.
    return spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '../../../scripts/flatten-outputs.ts'), '--input', join(dir, 'outputs.json'), '--output', join(dir, 'cfn-outputs', 'flat-outputs.json'), '--synth-dir', join(dir, 'cdktf.out'), ...extra], { encoding: 'utf8' });
  };

  it('writes the flat file, leaving sensitive outputs out, and fails with the stack names on a collision', () => {
    const ok = run({ 'rest-api': { restApiUrl: 'https://u', restApiKey: 'k' } });
    expect(ok.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'cfn-outputs', 'flat-outputs.json'), 'utf8'))).toEqual({ restApiUrl: 'https://u' });
    expect(ok.stdout).toMatch(/left out \(sensitive; pass --include-sensitive to keep\): rest-api.restApiKey/);
    const bad = run({ 'rest-api': { url: 'a' }, vpc: { url: 'b' } }, '--include-sensitive');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/"url" is defined by both stack "rest-api" and stack "vpc"/);
  }, 30_000);
});
