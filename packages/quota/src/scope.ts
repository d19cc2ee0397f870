import type { ProfileName } from '@tap/config';

/**
 * Which stacks of a profile are created once per environment and which are a one-time shared
 * baseline. This is the per-profile setting the quota model and the cost model both read.
 */
export interface ProfileScope {
  /** Stacks deployed once and shared by every environment of the profile (matched by stack name or `-<name>`). */
  readonly sharedStacks: readonly string[];
  /**
   * Where the shared stacks come from when the profile's own synth does not contain them: the named
   * environment that creates the shared network (profile and suffix).
   */
  readonly sharedSource?: { readonly profile: ProfileName; readonly suffix: string };
  /** Why, in one sentence (printed by `pnpm quota`). */
  readonly reason: string;
}

export const PROFILE_SCOPES: Readonly<Record<ProfileName, ProfileScope>> = {
  dev: { sharedStacks: [], reason: 'every stack is per environment (own VPC, no NAT)' },
  pr: {
    sharedStacks: ['vpc'],
    // The shared network is the VPC stack deployed once under the suffix "shared" (its Network tag).
    sharedSource: { profile: 'dev', suffix: 'shared' },
    reason: 'pull-request environments attach to the shared network; the PR workflow deploys the vpc stack only for network changes, so it counts once',
  },
  production: { sharedStacks: [], reason: 'every stack is per environment (own VPC, NAT per AZ)' },
};
