import { ConfigError } from './errors';

/** Shortest suffix accepted (REST-08 asks for at least 3 characters). */
export const SUFFIX_MIN_LENGTH = 3;
/**
 * Longest suffix accepted. Chosen so that the longest physical name in the app still fits the tightest
 * AWS limit it meets (an S3 bucket: prefix + suffix + account id <= 63); the naming helper re-checks
 * every name, so this is a fast, early answer rather than the only guard.
 */
export const SUFFIX_MAX_LENGTH = 20;

const SUFFIX_PATTERN = /^[a-z][a-z0-9-]*$/;

/**
 * Validates an environment suffix. ANY suffix that follows the rules is accepted (FND-01):
 * `dev`, `pr4821`, `synth-4f2a` and `prod` are all just suffixes; none of them selects settings.
 */
export function validateSuffix(suffix: string, field = 'ENVIRONMENT_SUFFIX'): string {
  const fix = `use ${SUFFIX_MIN_LENGTH}-${SUFFIX_MAX_LENGTH} lowercase letters, digits or single hyphens, starting with a letter (e.g. pr4821)`;
  if (suffix.length === 0) throw new ConfigError(field, 'is empty', fix);
  if (suffix.length < SUFFIX_MIN_LENGTH) {
    throw new ConfigError(field, `"${suffix}" is shorter than ${SUFFIX_MIN_LENGTH} characters`, fix);
  }
  if (suffix.length > SUFFIX_MAX_LENGTH) {
    throw new ConfigError(
      field,
      `"${suffix}" is ${suffix.length} characters, over the ${SUFFIX_MAX_LENGTH} that keep every physical name within its AWS length limit`,
      fix,
    );
  }
  if (!SUFFIX_PATTERN.test(suffix)) {
    throw new ConfigError(field, `"${suffix}" must match ${SUFFIX_PATTERN} (lowercase letters, digits, hyphens; starts with a letter)`, fix);
  }
  if (suffix.endsWith('-') || suffix.includes('--')) {
    throw new ConfigError(field, `"${suffix}" must not end with a hyphen or contain "--"`, fix);
  }
  return suffix;
}
