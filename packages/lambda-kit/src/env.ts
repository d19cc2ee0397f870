/**
 * A handler's environment, read once at cold start: a missing or malformed variable is a deployment
 * bug, so init fails with an error naming the variable (the function never answers with half a config).
 */

/** A required environment variable. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** An optional environment variable, or `fallback` when unset or empty. */
export function optionalEnv(name: string, fallback: string): string {
  const value = process.env[name];
  return value ? value : fallback;
}

/** A non-negative number from the environment, or `fallback` when unset; anything else fails naming the variable. */
export function numberEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`environment variable ${name} must be a non-negative number, got "${raw.slice(0, 40)}"`);
  return value;
}

/**
 * Reads of one handler's declared environment: `T` is the interface its lambdas package exports and its
 * stack's function `satisfies`, so a variable renamed or dropped on one side fails the typecheck.
 */
export function environmentOf<T extends object>(): {
  required(name: keyof T & string): string;
  optional(name: keyof T & string, fallback: string): string;
  number(name: keyof T & string, fallback: number): number;
} {
  return { required: requiredEnv, optional: optionalEnv, number: numberEnv };
}
