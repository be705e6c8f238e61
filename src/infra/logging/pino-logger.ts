import { pino, type DestinationStream } from "pino";
import type { Logger } from "../../core/index.ts";
import { sanitizeErrorText, withSafeErrors } from "./safe-error.ts";

/**
 * Keys that could carry patient data. Callers never log them; this is the second line of defence.
 * pino's redaction matches exact paths, so the common nestings are listed.
 */
const PATIENT_KEYS = [
  "description",
  "patientReference",
  "patientInitials",
  "note",
  "resolutionNote",
  "reason",
  "text",
];
const REDACT_PATHS = PATIENT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/**
 * Redaction covers keys; errors are the third line: whatever a caller passes as an error (the object,
 * its message, its cause), the line carries its type, codes and a value-masked first line only.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "liaison" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: withSafeErrors },
      // Errors are already described by withSafeErrors; pino's own serializer would read them again.
      serializers: { err: (described: unknown) => described },
      hooks: {
        logMethod(args, method) {
          const [fields, message, ...rest] = args as unknown[];
          if (fields instanceof Error && message === undefined) {
            return method.apply(this, [{ err: fields }, sanitizeErrorText(fields.message)] as never);
          }
          if (typeof message === "string") {
            return method.apply(this, [fields, sanitizeErrorText(message), ...rest] as never);
          }
          return method.apply(this, args);
        },
      },
    },
    destination,
  );
}
