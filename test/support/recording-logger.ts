import type { Logger } from "../../src/core/ports/logger.port.ts";

export interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** Keeps log lines for assertions instead of printing them. */
export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  debug = (fields: Record<string, unknown>, message: string) =>
    this.lines.push({ level: "debug", fields, message });
  info = (fields: Record<string, unknown>, message: string) =>
    this.lines.push({ level: "info", fields, message });
  warn = (fields: Record<string, unknown>, message: string) =>
    this.lines.push({ level: "warn", fields, message });
  error = (fields: Record<string, unknown>, message: string) =>
    this.lines.push({ level: "error", fields, message });
}
