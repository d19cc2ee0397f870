import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_NAMES, type EnvironmentInput } from '@tap/config';
import { ALL_RULES, ANCHORS_ON_ABSENT_TYPES, COVERAGE, COVERAGE_BEGIN, COVERAGE_END, COVERED_DATA_SOURCES, coverageMarkdown, scannerOf } from '@tap/preflight';
import { appStacks, SHARED_SUFFIX } from '../../helpers/shared-synth';

/**
 * The scanner coverage table (packages/preflight/src/coverage.ts → README) covers every resource type the app
 * synthesizes, in every profile and with every option on; every cell is a rule that exists, or a reason.
 */
const VARIANTS: [string, EnvironmentInput][] = [
  ...PROFILE_NAMES.map((profile): [string, EnvironmentInput] => [profile, { suffix: SHARED_SUFFIX, profile }]),
  ['production with every option', { suffix: SHARED_SUFFIX, profile: 'production', stateBucket: 'tap-terraform-state', replication: true, replicationRegion: 'us-west-2', accountSingletons: true, customDomainName: 'api.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', alertEmail: 'ops@example.com' }],
  ['pr with every option', { suffix: SHARED_SUFFIX, profile: 'pr', alertEmail: 'ops@example.com', stateBucket: 'tap-terraform-state' }],
];

describe('scanner coverage table', () => {
  const types = new Map<string, Set<string>>();
  const data = new Map<string, Set<string>>();
  beforeAll(() => {
    for (const [variant, input] of VARIANTS) {
      for (const s of appStacks(input)) {
        for (const t of Object.keys(s.json.resource ?? {})) (types.get(t) ?? types.set(t, new Set()).get(t))?.add(`${s.name} (${variant})`);
        for (const t of Object.keys(s.json.data ?? {})) (data.get(t) ?? data.set(t, new Set()).get(t))?.add(`${s.name} (${variant})`);
      }
    }
  }, 180_000);

  it('lists every resource type and data source the synth contains', () => {
    const missing = [...types.keys()].filter((t) => !(t in COVERAGE)).map((t) => `${t} in ${[...(types.get(t) ?? [])].join(', ')}`);
    const missingData = [...data.keys()].filter((t) => !COVERED_DATA_SOURCES.includes(t));
    if (missing.length || missingData.length) {
      throw new Error(`the synth has resource types the coverage table does not cover: ${[...missing, ...missingData.map((d) => `data.${d}`)].join('; ')}. Fix: look up the checkov / cdk-nag / trivy checks for it and add an entry to packages/preflight/src/coverage.ts (then pnpm preflight:coverage)`);
    }
  });

  it('lists no type the synth lacks (a stale row is a guess)', () => {
    expect(Object.keys(COVERAGE).filter((t) => !types.has(t))).toEqual([]);
  });

  it('every implemented check names an existing rule; every waiver and n/a gives a reason; no check twice per type', () => {
    const ids = new Set(ALL_RULES.map((r) => r.id));
    for (const [type, checks] of Object.entries(COVERAGE)) {
      expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
      for (const c of checks) {
        expect([c.id, scannerOf(c.id)]).toEqual([c.id, expect.stringMatching(/^(checkov|cdk-nag|trivy)$/)]);
        if (c.status.kind === 'implemented') for (const r of c.status.rule.split(', ')) expect([type, c.id, r, ids.has(r)]).toEqual([type, c.id, r, true]);
        else expect([type, c.id, c.status.reason.length > 10]).toEqual([type, c.id, true]);
      }
    }
  });

  it('every scanner id a rule cites as its anchor is in the table as implemented by that rule', () => {
    const implemented = new Set(Object.values(COVERAGE).flatMap((checks) => checks.flatMap((c) => (c.status.kind === 'implemented' ? c.status.rule.split(', ').map((r) => `${c.id} ${r}`) : []))));
    const missing = ALL_RULES.flatMap((r) => r.anchors.filter((a) => /^(CKV|AVD-|AS-|SL-|LambdaEvent)/.test(a)).filter((a) => !implemented.has(`${a} ${r.id}`) && !(a in ANCHORS_ON_ABSENT_TYPES)).map((a) => `${r.id} cites ${a}`));
    expect(missing).toEqual([]);
  });

  it('the README section is the generated table (pnpm preflight:coverage)', () => {
    const readme = readFileSync(join(__dirname, '../../../packages/preflight/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf(COVERAGE_BEGIN) + COVERAGE_BEGIN.length, readme.indexOf(COVERAGE_END)).trim();
    expect(section).toBe(coverageMarkdown());
  });

  it('every rule has a row in the README rules table', () => {
    const readme = readFileSync(join(__dirname, '../../../packages/preflight/README.md'), 'utf8');
    expect(ALL_RULES.map((r) => r.id).filter((id) => !readme.includes(`| ${id} |`))).toEqual([]);
  });
});
