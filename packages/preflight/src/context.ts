import { words } from './names';
import { defaultTagsOf, type StackDoc } from '@tap/synth';
import type { AppInfo, PreflightOptions, RuleContext } from './types';

/** Profiles whose environments are short-lived and must destroy cleanly. */
export const EPHEMERAL_PROFILES = ['dev', 'pr'];

/** App-level facts from the options (defaults: limit 1000, 100 unreserved, 1 environment, 30-300 s). */
export function appInfo(stacks: readonly StackDoc[], options: PreflightOptions = {}): AppInfo {
  return {
    stacks,
    accountConcurrency: options.accountConcurrency ?? 1000,
    minUnreserved: options.minUnreserved ?? 100,
    plannedEnvironments: options.plannedEnvironments ?? 1,
    timeoutRange: options.timeoutRange ?? [30, 300],
  };
}

/** The context of one stack: suffix and allowed words from flags or the provider's default tags. */
export function stackContext(stack: StackDoc, app: AppInfo, options: PreflightOptions = {}): RuleContext {
  const defaultTags = defaultTagsOf(stack.json);
  const suffix = options.suffix ?? defaultTags.EnvironmentSuffix;
  const allowed = new Set<string>();
  for (const value of [suffix ?? '', ...Object.values(defaultTags)]) for (const w of words(value)) allowed.add(w);
  const profile = defaultTags.Profile;
  const singletonTag = (defaultTags.AccountSingletons ?? '').toLowerCase();
  return {
    stack,
    stackName: stack.name,
    suffix,
    allowedWords: allowed,
    defaultTags,
    profile,
    ephemeral: options.ephemeral ?? (profile !== undefined && EPHEMERAL_PROFILES.includes(profile.toLowerCase())),
    allowSingletons: options.allowSingletons ?? ['true', 'yes', '1'].includes(singletonTag),
    app,
  };
}
