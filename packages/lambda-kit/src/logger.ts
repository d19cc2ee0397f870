import { Logger } from '@aws-lambda-powertools/logger';

/** The logger surface the logic modules use (the Powertools Logger and Telemetry satisfy it). */
export interface Log {
  info(message: string, ...extra: object[]): void;
  warn(message: string, ...extra: object[]): void;
  error(message: string, ...extra: object[]): void;
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/**
 * One Powertools Logger per container: JSON lines on stdout, service name from POWERTOOLS_SERVICE_NAME
 * (set by the stack), level from POWERTOOLS_LOG_LEVEL unless given (tests pass `SILENT`). The runtime
 * (runtime.ts) adds the Lambda context (request id, cold start, function name and version) and the
 * correlation id to every line of an invocation.
 */
export function createLogger(logLevel?: LogLevel): Logger {
  return new Logger(logLevel ? { logLevel } : {});
}

/** A short, non-reversible handle for a hashed key in logs (never the key itself). */
export function keyHandle(keyHash: string): string {
  return keyHash.slice(0, 16);
}
