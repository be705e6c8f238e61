import type { Logger } from "../../src/core/ports/logger.port.ts";
import { captureLogLine } from "./patient-text-watch.ts";

export interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** Keeps log lines for assertions instead of printing them; the suite-wide watch sees each one. */
export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  private keep(level: string, fields: Record<string, unknown>, message: string): number {
    captureLogLine(`${safeJson(fields)} ${message}`);
    return this.lines.push({ level, fields, message });
  }
  debug = (fields: Record<string, unknown>, message: string) => this.keep("debug", fields, message);
  info = (fields: Record<string, unknown>, message: string) => this.keep("info", fields, message);
  warn = (fields: Record<string, unknown>, message: string) => this.keep("warn", fields, message);
  error = (fields: Record<string, unknown>, message: string) => this.keep("error", fields, message);
}

/** As a log line would print fields: an error by its message too (JSON.stringify shows an Error as {}). */
function safeJson(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) =>
      value instanceof Error ? { name: value.name, message: value.message } : value,
    );
  } catch {
    return String(fields);
  }
}
