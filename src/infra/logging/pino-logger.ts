import { pino, type DestinationStream } from "pino";
import type { Logger } from "../../core/ports/logger.port.ts";

/**
 * Keys that could carry patient data. Callers never log them; this is the second line of defence.
 * pino's redaction matches exact paths, so the common nestings are listed.
 */
const PATIENT_KEYS = ["description", "patientReference", "note", "resolutionNote", "reason", "text"];
const REDACT_PATHS = PATIENT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "liaison" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
