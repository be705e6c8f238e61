import type { ConcernDraftInput } from "../concern/concern-draft.schema.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { Severity } from "../concern/severity.ts";
import { unknownUnitMessage } from "../directory/unit-names.ts";

export type ConcernCommand =
  | { kind: "help" }
  | { kind: "mine" }
  /** `home`: the person's home (Slack shows it on the App Home tab, Teams as a card). */
  | { kind: "home" }
  | { kind: "status"; reference: string }
  /** `duty`, `duty charge-nurse 4W`, `duty charge-nurse 4W jo.kim`: the words after "duty". */
  | { kind: "duty"; words: string[] }
  /** `report`, `report Nursing 4 West last month`: the words after "report" (scope, then period). */
  | { kind: "report"; words: string }
  /** `export last month csv`: the words after "export" (a period, then a format). */
  | { kind: "export"; words: string }
  /** `problems`: what the words named that Liaison does not know (a unit), shown on the form. */
  | { kind: "raise"; prefill: ConcernDraftInput; problems: Partial<Record<"unit", string>> };

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
 * The words after "/concern" (Slack) or "concern" (Teams): `help`, `mine`, `home`, `status PR-2026-00042`,
 * `duty …`, `report …`, `export …`, or
 * anything else, which pre-fills the form (room, unit, severity and category words) and becomes the
 * description in full, so nothing typed is lost.
 */
export function parseConcernCommand(directory: DirectoryIndex, raw: string): ConcernCommand {
  const text = raw.trim();
  const [first = "", second] = text.split(/\s+/);
  const word = first.toLowerCase();
  if (word === "help" || word === "?") return { kind: "help" };
  if (word === "mine") return { kind: "mine" };
  // "home" alone: "home care nurse never came" is a concern to raise, not a command.
  if (word === "home" && second === undefined) return { kind: "home" };
  if (word === "duty") return { kind: "duty", words: text.split(/\s+/).slice(1) };
  if (word === "report") return { kind: "report", words: text.slice(first.length).trim() };
  if (word === "export") return { kind: "export", words: text.slice(first.length).trim() };
  if (word === "status") return { kind: "status", reference: (second ?? "").toUpperCase() };

  const prefill: ConcernDraftInput = {};
  if (text.length > 0) prefill.description = text;
  const room = /\b(?:rm|room|bed)\s*#?\s*([A-Za-z0-9][A-Za-z0-9-]{0,19})/i.exec(text);
  if (room) prefill.room = room[1];
  const unit = unitIn(directory, text);
  if (unit.id ?? unit.typed) prefill.unit = unit.id ?? unit.typed;
  const words = text.toLowerCase().split(/[^a-z0-9-]+/);
  const severity = words.map((w) => SEVERITY_WORDS[w]).find((s) => s !== undefined);
  if (severity) prefill.severity = severity;
  const category = directory.directory.categories.find((c) => words.includes(c.id));
  if (category) prefill.category = category.id;
  const problems =
    unit.typed && directory.directory.units.length > 0
      ? { unit: unknownUnitMessage(directory.directory.units, unit.typed) }
      : {};
  return { kind: "raise", prefill, problems };
}

/** The longest run of up to three words, anywhere in the text, that names a unit ("4 West", "4-west"). */
function namedUnit(directory: DirectoryIndex, words: readonly string[]): string | undefined {
  for (let size = 3; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const unit = directory.unitFor(words.slice(i, i + size).join(" "));
      if (unit) return unit.id;
    }
  }
  return undefined;
}

/**
 * The unit the words name: with units in the directory, any of their spellings anywhere; otherwise
 * (or when "unit X" names none) the word after "unit", kept as typed so nothing is lost.
 */
function unitIn(directory: DirectoryIndex, text: string): { id?: string; typed?: string } {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const id = directory.directory.units.length > 0 ? namedUnit(directory, words) : undefined;
  if (id) return { id };
  const after = /\bunit\s+([A-Za-z0-9][A-Za-z0-9-]{0,39})/i.exec(text);
  return after ? { typed: after[1] } : {};
}
