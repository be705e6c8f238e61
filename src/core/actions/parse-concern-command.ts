import type { ConcernDraftInput } from "../concern/concern-draft.schema.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { Severity } from "../concern/severity.ts";

export type ConcernCommand =
  | { kind: "help" }
  | { kind: "mine" }
  | { kind: "status"; reference: string }
  | { kind: "raise"; prefill: ConcernDraftInput };

const SEVERITY_WORDS: Record<string, Severity> = {
  critical: "critical",
  emergency: "critical",
  urgent: "high",
  high: "high",
  moderate: "moderate",
  medium: "moderate",
  low: "low",
  minor: "low",
};

/**
 * The words after "/concern" (Slack) or "concern" (Teams): `help`, `mine`, `status PR-2026-00042`, or
 * anything else, which pre-fills the form (room, unit, severity and category words) and becomes the
 * description in full, so nothing typed is lost.
 */
export function parseConcernCommand(directory: DirectoryIndex, raw: string): ConcernCommand {
  const text = raw.trim();
  const [first = "", second] = text.split(/\s+/);
  const word = first.toLowerCase();
  if (word === "help" || word === "?") return { kind: "help" };
  if (word === "mine") return { kind: "mine" };
  if (word === "status") return { kind: "status", reference: (second ?? "").toUpperCase() };

  const prefill: ConcernDraftInput = {};
  if (text.length > 0) prefill.description = text;
  const room = /\b(?:rm|room|bed)\s*#?\s*([A-Za-z0-9][A-Za-z0-9-]{0,19})/i.exec(text);
  if (room) prefill.room = room[1];
  const unit = /\bunit\s+([A-Za-z0-9][A-Za-z0-9-]{0,39})/i.exec(text);
  if (unit) prefill.unit = unit[1];
  const words = text.toLowerCase().split(/[^a-z0-9-]+/);
  const severity = words.map((w) => SEVERITY_WORDS[w]).find((s) => s !== undefined);
  if (severity) prefill.severity = severity;
  const category = directory.directory.categories.find((c) => words.includes(c.id));
  if (category) prefill.category = category.id;
  return { kind: "raise", prefill };
}
