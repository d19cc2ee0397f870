import { resolveProfile } from './environment-config';
import { PROFILE_NAMES } from './profiles';
import type { ProfileName } from './types';

/** The `--profile` option of the commands that report per profile (`pnpm quota`, `pnpm cost`, `pnpm capacity`). */
export const PROFILE_OPTION = { type: 'string', value: '<profile>', description: `only this profile (${PROFILE_NAMES.join(', ')})` } as const;

/** The profiles such a command reports on: the one `--profile` names (an unknown one is a ConfigError), or every profile. */
export function profilesToReport(option: string | undefined): readonly ProfileName[] {
  return option ? [resolveProfile(option, '--profile')] : PROFILE_NAMES;
}
