import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseArgs } from '../../../packages/access/src/cli';
import { synthApp } from './synth';

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
    const before = readdirSync(tmpdir()).length;
    expect(await main(['--help'])).toBe(0);
    expect(out).toMatch(/^usage: access/);
    expect(readdirSync(tmpdir()).length).toBe(before);
  });

  it('an unknown option or profile exits non-zero naming it', async () => {
    expect(await main(['--bogus'])).toBe(2);
    expect(err).toMatch(/unknown argument "--bogus"/);
    expect(() => parseArgs(['--profile', 'staging'])).toThrow(/unknown profile "staging"/);
    expect(() => parseArgs(['--network-dir', 'x'])).toThrow(/--network-dir needs --dir/);
  });

  it('--dir checks an existing synth and prints the summary line; --json is machine-readable', async () => {
    const synth = synthApp({ suffix: 'cli-dev', profile: 'dev' });
    expect(await main(['--dir', synth.dir])).toBe(0);
    expect(out).toMatch(/access: \d+ interactions, 0 DENY, 3 UNKNOWN \(profile dev\)/);
    out = '';
    expect(await main(['--dir', synth.dir, '--json'])).toBe(0);
    const [report] = JSON.parse(out) as { deny: number; results: unknown[] }[];
    expect(report.deny).toBe(0);
    expect(report.results.length).toBeGreaterThan(90);
  });

  it('--unused lists grants no contract and no recorded call uses (none unless kept with a reason)', async () => {
    const synth = synthApp({ suffix: 'cli-unu', profile: 'dev' });
    const calls = join(mkdtempSync(join(tmpdir(), 'calls-')), 'none.json');
    expect(await main(['--dir', synth.dir, '--unused', '--calls', calls])).toBe(0);
    expect(out).toMatch(/access --unused: 0 unused grant\(s\)/);
  });
});
