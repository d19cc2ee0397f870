/** Structured fields of one log line (never a whole event, a token or an envelope's detail). */
export type LogFields = Record<string, string | number | boolean | readonly string[] | undefined>;

/** The logging the handlers' logic needs; Powertools Logger satisfies it, tests pass a recorder. */
export interface LogSink {
  info(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
  error(message: string, fields: LogFields): void;
}
