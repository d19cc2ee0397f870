import { Logger } from '@aws-lambda-powertools/logger';

/** The logger surface the logic modules use (Powertools Logger satisfies it; tests pass a silent one). */
export type Log = Pick<Logger, 'info' | 'warn' | 'error'>;

/**
 * One Powertools Logger per container; service name from POWERTOOLS_SERVICE_NAME (set by the stack),
 * level from POWERTOOLS_LOG_LEVEL unless given (tests pass `SILENT`).
 */
export function createLogger(logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT'): Logger {
  return new Logger(logLevel ? { logLevel } : {});
}

/** A short, non-reversible handle for an idempotency key in logs (never the key itself). */
export function keyHandle(keyHash: string): string {
  return keyHash.slice(0, 16);
}
