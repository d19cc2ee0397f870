import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessMain as main, parseAccessArgs as parseArgs } from '@tap/access';
import { synthApp, type Synth } from './synth';

// Each test synthesizes or checks whole apps: seconds each on a shared 2-core machine.
jest.setTimeout(120_000);

/** One synth of the app for the file (a synth is most of a test's time); a test that edits its JSON gets a copy. */
let shared: Synth | undefined;
function devSynth(options: { copy?: boolean } = {}): { dir: string } {
  shared ??= synthApp({ suffix: 'cli', profile: 'dev' });
  if (!options.copy) return shared;
  const dir = mkdtempSync(join(tmpdir(), 'access-cli-'));
  cpSync(shared.dir, dir, { recursive: true });
  return { dir };
}

describe('pnpm access command line', () => {
  let out = '';
  let err = '';
  beforeEach(() => {
    out = '';
    err = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  });
  afterEach(() => jest.restoreAllMocks());

  it('--help prints the usage and exits 0 without synthesizing', async () => {
    // A temp folder of its own: the shared one gains entries from whatever else runs on the machine.
    const tmp = mkdtempSync(join(tmpdir(), 'access-help-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      expect(await main(['--help'])).toBe(0);
      expect(out).toMatch(/^usage: access/);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('an unknown option or profile exits non-zero naming it', async () => {
    expect(await main(['--bogus'])).toBe(2);
    expect(err).toMatch(/unknown argument "--bogus"/);
    expect(() => parseArgs(['--profile', 'staging'])).toThrow(/unknown profile "staging"/);
    expect(() => parseArgs(['--network-dir', 'x'])).toThrow(/--network-dir needs --dir/);
  });

  it('--dir checks an existing synth and prints the summary line; --json is machine-readable', async () => {
    const synth = devSynth();
    expect(await main(['--dir', synth.dir])).toBe(0);
    expect(out).toMatch(/access: \d+ interactions, 0 DENY, 3 UNKNOWN \(profile dev\)/);
    out = '';
    expect(await main(['--dir', synth.dir, '--json'])).toBe(0);
    const [report] = JSON.parse(out) as { deny: number; results: unknown[] }[];
    expect(report.deny).toBe(0);
    expect(report.results.length).toBeGreaterThan(80);
  });

  it('--unused lists grants no contract and no recorded call uses (none unless kept with a reason)', async () => {
    const synth = devSynth();
    const calls = join(mkdtempSync(join(tmpdir(), 'calls-')), 'none.json');
    expect(await main(['--dir', synth.dir, '--unused', '--calls', calls])).toBe(0);
    expect(out).toMatch(/access --unused: 0 unused grant\(s\)/);
  });

  it('--unused reports a key policy statement for a service that never uses the key as itself', async () => {
    const synth = devSynth({ copy: true });
    const file = join(synth.dir, 'stacks', 'payment-api', 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const [name] = Object.keys(json.resource.aws_kms_key);
    const doc = JSON.parse(json.resource.aws_kms_key[name].policy);
    doc.Statement.push({ Sid: 'SqsUsesKey', Effect: 'Allow', Principal: { Service: 'sqs.amazonaws.com' }, Action: ['kms:Decrypt'], Resource: '*' });
    json.resource.aws_kms_key[name].policy = JSON.stringify(doc);
    writeFileSync(file, JSON.stringify(json));
    expect(await main(['--dir', synth.dir, '--unused', '--calls', join(synth.dir, 'none.json')])).toBe(1);
    expect(out).toMatch(/UNUSED kms:Decrypt in payment-api:aws_kms_key\.\S+\.policy#SqsUsesKey \(sqs\.amazonaws\.com\)/);
  });

  it('--unused: a recorded call counts as use of the grant that allows it', async () => {
    const synth = devSynth({ copy: true });
    const file = join(synth.dir, 'stacks', 'payment-api', 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const policyName = Object.keys(json.resource.aws_iam_role_policy).find((n) => n.startsWith('get-payment_policy')) ?? '';
    const doc = JSON.parse(json.resource.aws_iam_role_policy[policyName].policy);
    doc.Statement.push({ Sid: 'ExtraScan', Effect: 'Allow', Action: ['dynamodb:Scan'], Resource: ['*'] });
    json.resource.aws_iam_role_policy[policyName].policy = JSON.stringify(doc);
    writeFileSync(file, JSON.stringify(json));
    const calls = join(synth.dir, 'calls.json');
    writeFileSync(calls, JSON.stringify({ calls: [] }));
    expect(await main(['--dir', synth.dir, '--unused', '--calls', calls])).toBe(1);
    expect(out).toMatch(/UNUSED dynamodb:Scan in .*#ExtraScan/);
    out = '';
    writeFileSync(calls, JSON.stringify({ calls: [{ function: 'payment-api-status-cli', action: 'dynamodb:Scan', resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/x' }] }));
    expect(await main(['--dir', synth.dir, '--unused', '--calls', calls])).toBe(0);
  });
});
