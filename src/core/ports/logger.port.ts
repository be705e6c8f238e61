/**
 * Structured logging. Callers pass ids and codes, never a description or a patient reference; the
 * infra logger also redacts those keys in case one slips through.
 */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}
