// Person names: compromise's people() finder plus a title cue (Mr./Mrs./Ms./Dr. + Capitalized word),
// which catches surnames compromise does not know.
import nlp from "compromise";
import type { IdentifierHit } from "../../core/index.ts";

/**
 * Words compromise sometimes takes for names in concern text, and which are clinical or ward words:
 * flagging them would make every warning noise. Kept small: add a word only after a real false alarm.
 */
const NOT_NAMES = new Set(["tylenol", "morphine", "heparin", "west", "east", "north", "south", "charge"]);

const TITLE_CUE = /\b(?:Mr|Mrs|Ms|Miss|Dr)\.? [A-Z][a-z]+(?:[ -][A-Z][a-z]+)?/g;

interface Offset {
  offset: { start: number; length: number };
}

function compromiseNames(text: string): IdentifierHit[] {
  const found = nlp(text).people().json({ offset: true }) as Offset[];
  return found.flatMap(({ offset }) => {
    const start = offset.start;
    const raw = text.slice(start, start + offset.length);
    const clean = raw
      .trim()
      .replace(/['’]s$/u, "")
      .replace(/[.,;:!?]+$/u, "");
    const words = clean.split(/\s+/).filter(Boolean);
    if (words.length === 0 || words.every((w) => NOT_NAMES.has(w.toLowerCase()))) return [];
    if (!/^[A-Z]/.test(clean)) return [];
    return [{ kind: "person-name" as const, start, end: start + clean.length, text: clean }];
  });
}

function titledNames(text: string): IdentifierHit[] {
  return [...text.matchAll(TITLE_CUE)].map((m) => ({
    kind: "person-name" as const,
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
}

export function findPersonNames(text: string): IdentifierHit[] {
  return [...titledNames(text), ...compromiseNames(text)];
}
