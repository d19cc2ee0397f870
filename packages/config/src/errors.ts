/**
 * A configuration mistake caught before anything is synthesized.
 * The message always names the offending field and says how to fix it.
 */
export class ConfigError extends Error {
  constructor(
    /** The config field or environment variable at fault, e.g. `ENVIRONMENT_SUFFIX`. */
    public readonly field: string,
    problem: string,
    fix: string,
  ) {
    super(`${field}: ${problem}. Fix: ${fix}`);
    this.name = 'ConfigError';
  }
}
