import { getEnvironmentConfig, PROFILE_NAMES } from '@tap/config';
import { ALL_RULES, asStacks, copySynth, GENERATORS, optionsFromConfig, runPreflight, SUPPRESSION_RULE_ID, type GeneratorContext, type PreflightOptions } from '@tap/preflight';
import type { StackDoc } from '@tap/synth';
import { appStacks } from '../../helpers/shared-synth';

/**
 * Every preflight rule is live on this app. For each rule and each profile, the rule's generator
 * (packages/preflight/src/liveness/generators.ts) breaks, in a copy of that profile's real synth, exactly the
 * property the rule guards, and the rule must report its id in that stack; on the unbroken synth it must
 * report nothing (no error, no warning). A rule without a generator, or whose generator finds nothing to
 * break in any profile, fails here — so a rule that goes blind when the wiring changes turns this red.
 */
interface ProfileSynth {
  readonly stacks: readonly StackDoc[];
  readonly options: PreflightOptions;
  readonly ctx: GeneratorContext;
}

const synths = new Map<string, ProfileSynth>();

/** The profile's synth as CI builds it (S3 state backend), synthesized in-process once and cached. */
function synthOf(profile: string): ProfileSynth {
  const cached = synths.get(profile);
  if (cached) return cached;
  const input = { suffix: `lv${profile.slice(0, 4)}`, profile, stateBucket: 'tap-terraform-state' };
  const config = getEnvironmentConfig(input);
  const options: PreflightOptions = optionsFromConfig(config);
  const synth = { stacks: appStacks(input), options, ctx: { profile, ephemeral: config.ephemeral, allowSingletons: config.accountSingletons, accountConcurrency: config.concurrency.accountLimit } };
  synths.set(profile, synth);
  return synth;
}

const RULE_IDS = [...ALL_RULES.map((r) => r.id), SUPPRESSION_RULE_ID];

/** Findings of one rule id (the suppression check runs in the engine, so it needs every rule). */
function findingsOf(id: string, stacks: readonly StackDoc[], options: PreflightOptions) {
  const rules = id === SUPPRESSION_RULE_ID ? ALL_RULES : ALL_RULES.filter((r) => r.id === id);
  return runPreflight(stacks, options, rules).findings.filter((f) => f.ruleId === id);
}

describe('preflight rules are live on the real synth', () => {
  beforeAll(() => {
    for (const profile of PROFILE_NAMES) synthOf(profile);
  }, 180_000);

  it('every generator belongs to a known rule', () => {
    expect(Object.keys(GENERATORS).filter((id) => !RULE_IDS.includes(id))).toEqual([]);
  });

  describe.each(RULE_IDS.map((id) => [id]))('%s', (id) => {
    const broken: string[] = [];

    it('has a liveness generator', () => {
      if (!GENERATORS[id]) throw new Error(`${id} has no generator: add one to packages/preflight/src/liveness/generators.ts (see packages/preflight/README.md, "Liveness")`);
    });

    it.each(PROFILE_NAMES.map((p) => [p]))('profile %s: clean unbroken, fires when its property is broken', (profile) => {
      const { stacks, options, ctx } = synthOf(profile);
      expect(findingsOf(id, stacks, options)).toEqual([]);
      const generator = GENERATORS[id];
      if (!generator) return; // reported by "has a liveness generator"
      const app = copySynth(stacks);
      const breakage = generator(app, ctx);
      if (!breakage) return; // nothing of this kind in this profile; "breaks something" below needs one profile
      broken.push(profile);
      const findings = findingsOf(id, asStacks(app), options);
      if (!findings.some((f) => f.stack === breakage.stack)) {
        throw new Error(`${id} did not fire after: ${breakage.what} (stack ${breakage.stack}); it reported ${JSON.stringify(findings)}`);
      }
    });

    it('its generator finds something to break in at least one profile', () => {
      if (!GENERATORS[id]) return;
      if (broken.length === 0) throw new Error(`${id}: its generator found nothing to break in ${PROFILE_NAMES.join(', ')}; the rule checks nothing this app has. Fix the generator, or retire the rule.`);
    });
  });
});
