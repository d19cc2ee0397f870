import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_BUNDLES } from '@tap/app';
import { bundleHandler } from '@tap/bundle';
import { PROFILE_NAMES, type ProfileName } from '@tap/config';
import { REPO_ROOT as ROOT, type StackJson } from '@tap/synth';
import { appStacks, SHARED_SUFFIX } from '../helpers/shared-synth';

const EXPECTED_STACKS = ['event-pipeline', 'payment-api', 'rest-api', 'vpc'];

/** The whole app for a profile, synthesized once per test file, as parsed JSON per stack. */
function synthApp(profile: ProfileName, suffix = SHARED_SUFFIX): Record<string, StackJson> {
  return Object.fromEntries(appStacks({ suffix, profile }).map((s) => [s.name, s.json as StackJson]));
}

const apps = Object.fromEntries(PROFILE_NAMES.map((p) => [p, synthApp(p)])) as Record<ProfileName, Record<string, StackJson>>;
const count = (json: StackJson, type: string) => Object.keys(json.resource?.[type] ?? {}).length;

describe('the one App (tap.ts)', () => {
  it.each(PROFILE_NAMES)('synthesizes every stack for profile %s', (profile) => {
    expect(Object.keys(apps[profile]).sort()).toEqual(EXPECTED_STACKS);
  });

  it.each(PROFILE_NAMES)('builds its functions and layer from exactly the bundles it declares before its stacks load (%s)', (profile) => {
    // synth starts esbuild on APP_BUNDLES before the stacks load, and fails on a bundle missing there; this
    // checks the other way too: every declared bundle is deployed, so none is built for nothing.
    const deployed = Object.values(apps[profile]).flatMap((json) =>
      ['aws_lambda_function', 'aws_lambda_layer_version'].flatMap((type) => Object.values(json.resource?.[type] ?? {}).map((r) => String((r as { source_code_hash: string }).source_code_hash))),
    );
    expect(new Set(deployed)).toEqual(new Set(APP_BUNDLES.map((b) => bundleHandler(b).hash)));
    expect(deployed).toHaveLength(APP_BUNDLES.length);
  });

  it.each(PROFILE_NAMES)('FND-08: one environment never holds two VPCs (%s)', (profile) => {
    const vpcs = Object.values(apps[profile]).reduce((n, json) => n + count(json, 'aws_vpc'), 0);
    // Own-network profiles hold exactly their VPC stack's VPC; pr attaches to the shared one and holds none.
    expect(vpcs).toBe(profile === 'pr' ? 0 : 1);
  });

  it('FND-08: the pr profile creates no VPC, NAT gateway or EIP in the API stacks', () => {
    for (const stack of ['payment-api', 'rest-api', 'event-pipeline']) {
      for (const type of ['aws_vpc', 'aws_nat_gateway', 'aws_eip', 'aws_internet_gateway']) expect({ stack, type, n: count(apps.pr[stack], type) }).toEqual({ stack, type, n: 0 });
    }
  });

  it('FND-08: the payment API attaches to the environment network by its Network tag', () => {
    for (const profile of PROFILE_NAMES) {
      const vpcLookups = Object.values(apps[profile]['payment-api'].data?.aws_vpc ?? {});
      expect(vpcLookups).toHaveLength(1);
      const expected = profile === 'pr' ? 'shared' : SHARED_SUFFIX;
      expect(JSON.stringify(vpcLookups[0])).toContain(`"Network":"${expected}"`);
    }
  });

  it('FND-08: the pr profile reserves no Lambda concurrency', () => {
    for (const json of Object.values(apps.pr)) {
      for (const fn of Object.values(json.resource?.aws_lambda_function ?? {})) expect(fn.reserved_concurrent_executions).toBeUndefined();
    }
  });

  it('every stack pins the AWS provider 5.100.0 and Terraform >= 1.11 (VPC-01)', () => {
    for (const json of Object.values(apps.dev)) {
      expect(json.terraform).toMatchObject({ required_version: '>= 1.11.0', required_providers: { aws: { version: '5.100.0', source: 'aws' } } });
    }
    const cdktf = JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { language: string; app: string };
    expect(cdktf.language).toBe('typescript');
    expect(cdktf.app).toMatch(/tsx tap\.ts$/);
  });

  it('output keys are unique across stacks and values are scalars', () => {
    for (const profile of PROFILE_NAMES) {
      const seen = new Map<string, string>();
      for (const [stack, json] of Object.entries(apps[profile])) {
        for (const [key, output] of Object.entries(json.output ?? {})) {
          expect({ key, clash: seen.get(key) }).toEqual({ key, clash: undefined });
          seen.set(key, stack);
          expect(['string', 'number', 'boolean']).toContain(typeof output.value);
        }
      }
    }
  });
});

describe('tap.ts rejects bad input before synthesizing anything', () => {
  const run = (env: Record<string, string>) => {
    const outdir = mkdtempSync(join(tmpdir(), 'tap-bad-'));
    // As `pnpm synth` runs it: tsx's CommonJS loader alone (--import tsx would also start its ESM loader).
    const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'tap.ts')], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, ...env }, encoding: 'utf8' });
    return { ...result, wrote: readdirSync(outdir) };
  };

  it('an invalid suffix names the rule, exits 1, writes nothing, no stack trace', () => {
    const result = run({ ENVIRONMENT_SUFFIX: 'Bad_Suffix!' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('configuration error: ENVIRONMENT_SUFFIX: "Bad_Suffix!" must match');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.wrote).toEqual([]);
  });

  it('an unknown profile lists the known ones', () => {
    const result = run({ ENVIRONMENT_PROFILE: 'staging' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ENVIRONMENT_PROFILE: unknown profile "staging". Fix: use one of: dev, pr, production');
  });
});
