import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEnvironmentConfig, type EnvironmentConfig, type ProfileName } from '@tap/config';
import { synthesizeApp } from '@tap/synth';
import { PROFILE_SCOPES } from './scope';
import { readSynthesizedApp, stackMatches, type SynthesizedStack } from './synthesized';

/** Suffix used when synthesizing a profile for measurement (any valid suffix gives the same counts). */
export const MEASURE_SUFFIX = 'measure';

/** Synthesizes the whole app for one profile into a fresh temp dir and reads every stack back. */
export function synthesizeProfile(profile: ProfileName, suffix = MEASURE_SUFFIX): SynthesizedStack[] {
  return synthesizeConfig(getEnvironmentConfig({ suffix, profile }));
}

/** Synthesizes the whole app for one config (e.g. with overrides) into a fresh temp dir and reads every stack back. */
export function synthesizeConfig(config: EnvironmentConfig): SynthesizedStack[] {
  const outdir = mkdtempSync(join(tmpdir(), `tap-${config.profile}-`));
  try {
    synthesizeApp({ config, outdir });
    return readSynthesizedApp(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const memo = new Map<string, SynthesizedStack[]>();

/** synthesizeProfile, memoized per profile and suffix for one process (quota and cost read the same synth). */
export function synthesizeProfileCached(profile: ProfileName, suffix = MEASURE_SUFFIX): SynthesizedStack[] {
  const key = `${profile}/${suffix}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const stacks = synthesizeProfile(profile, suffix);
  memo.set(key, stacks);
  return stacks;
}

/** One profile's stacks split into per-environment stacks and the one-time shared baseline. */
export interface ProfileStacks {
  readonly profile: ProfileName;
  readonly perEnvironment: readonly SynthesizedStack[];
  readonly shared: readonly SynthesizedStack[];
  /** Where the shared stacks were taken from (`pr synth` or e.g. `dev/shared`), if any. */
  readonly sharedFrom?: string;
}

/**
 * Splits a profile's synthesized stacks by the profile's scope setting. The shared baseline is counted
 * once: the profile's own copies of the shared stacks (in pr the vpc stack only looks the shared network
 * up, so it creates nothing) plus the same stacks synthesized for the scope's `sharedSource`, the named
 * environment that creates the shared network.
 */
export function splitProfile(
  profile: ProfileName,
  stacks: readonly SynthesizedStack[],
  synth: (profile: ProfileName, suffix: string) => readonly SynthesizedStack[] = synthesizeProfileCached,
): ProfileStacks {
  const scope = PROFILE_SCOPES[profile];
  const perEnvironment = stacks.filter((s) => !stackMatches(s.name, scope.sharedStacks));
  const own = stacks.filter((s) => stackMatches(s.name, scope.sharedStacks));
  const sources: string[] = own.length > 0 ? [`${profile} synth`] : [];
  let shared: SynthesizedStack[] = own.map((s) => ({ name: `${s.name} (${profile})`, json: s.json }));
  if (scope.sharedStacks.length > 0 && scope.sharedSource) {
    const source = scope.sharedSource;
    const created = synth(source.profile, source.suffix).filter((s) => stackMatches(s.name, scope.sharedStacks));
    if (created.length > 0) sources.push(`profile ${source.profile}, suffix ${source.suffix}`);
    shared = [...shared, ...created.map((s) => ({ name: `${s.name} (${source.suffix})`, json: s.json }))];
  }
  return { profile, perEnvironment, shared, sharedFrom: sources.length > 0 ? sources.join(' + ') : undefined };
}
