/**
 * The suite-wide watch on logs (privacy rule: no description, note or patient reference in a log line).
 * While a test file runs, what people typed about a patient is noted here as it is stored (the
 * in-memory store) or sent to Liaison (the Slack and Teams request builders), and every log line is
 * captured (RecordingLogger, and the in-process service's own logger at trace level). After the file,
 * test/support/no-patient-text-in-logs.setup.ts fails it if any line holds any of that text.
 */

/** Typed text shorter than this is too common to mean anything in a log ("412", "high"). */
const SHORTEST = 8;

/** The fields of a concern, a form or an audit event's detail that hold what a person typed. */
export const TYPED_KEYS = [
  "description",
  "patientReference",
  "patientInitials",
  "resolutionNote",
  "familyContact",
  "note",
  "text",
  "reason",
  "comment",
  "steps",
  "results",
  "progress",
] as const;

const typed = new Set<string>();
const lines: string[] = [];

/** Notes the typed fields of a concern, form values or an event detail (nested objects included). */
export function watchTyped(record: unknown, depth = 0): void {
  if (!record || typeof record !== "object" || depth > 4) return;
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === "string" && (TYPED_KEYS as readonly string[]).includes(key)) {
      const trimmed = value.trim();
      if (trimmed.length >= SHORTEST) typed.add(trimmed);
    } else if (value && typeof value === "object") watchTyped(value, depth + 1);
  }
}

export function captureLogLine(line: string): void {
  lines.push(line);
}

/** A pino destination that keeps each line it is given for the watch. */
export const capturingDestination = { write: (line: string) => void captureLogLine(line) };

/** Each typed text that reached a log line, with the first such line (cut short). */
export function patientTextInLogs(): { typed: string; line: string }[] {
  const found: { typed: string; line: string }[] = [];
  for (const text of typed) {
    const line = lines.find((l) => l.includes(text) || l.includes(JSON.stringify(text).slice(1, -1)));
    if (line) found.push({ typed: text, line: line.slice(0, 300) });
  }
  return found;
}

export const watchedCounts = () => ({ typed: typed.size, lines: lines.length });

/** Only for the watch's own test, which plants a leak on purpose and must not fail its file for it. */
export function forgetWatched(): void {
  typed.clear();
  lines.length = 0;
}
