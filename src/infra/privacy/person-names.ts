// Person names: compromise's people() finder (its lexicon of first and last names and its grammar), plus
// the cues around a name (courtesy titles, family words, an initial) that catch surnames compromise does
// not know. Names given with a clinician's title or a staff role are staff's and are dropped (name-cues.ts).
import nlp from "compromise";
import type { IdentifierHit } from "../../core/index.ts";
import {
  AFTER_FAMILY_WORD,
  AFTER_PATIENT_WORD,
  BEFORE_RELATION,
  canBeName,
  COURTESY_TITLED,
  INITIAL_AND_SURNAME,
  isStaffNamed,
  isKnownName,
  LOWER_CASE_AFTER_FAMILY_WORD,
} from "./name-cues.ts";

/**
 * Words compromise sometimes takes for names in concern text, and which are clinical or ward words:
 * flagging them would make every warning noise. Kept small: add a word only after a real false alarm.
 */
const NOT_NAMES = new Set(["tylenol", "morphine", "heparin", "west", "east", "north", "south", "charge"]);

/**
 * First names that are also everyday words ("Grace period", "Will call", "Hope so"): alone they are
 * taken for the word; beside a surname ("Bill Jones") or a family word ("daughter Grace") they are names.
 */
const WORD_NAMES = new Set([
  ...["grace", "hope", "faith", "will", "bill", "mark", "rose", "dawn", "joy", "pat", "sue", "frank"],
  ...["art", "chase", "summer", "autumn", "april", "may", "june", "august", "ivy", "holly", "ruby"],
  ...["amber", "sunny", "patience", "penny", "max"],
]);

interface Found {
  offset: { start: number; length: number };
  terms: { tags: string[] }[];
}

const nameHit = (start: number, text: string): IdentifierHit => ({
  kind: "person-name",
  start,
  end: start + text.length,
  text,
});

/**
 * Whether compromise's candidate reads as a name here. Ward abbreviations it takes for first names
 * ("ED", "MR#") are out; a lower-case candidate counts only as a first and last name ("john miller"),
 * since a lone lower-case first name is more often a word ("kim", "will").
 */
function readsAsName(name: string, tags: string[][]): boolean {
  const words = name.split(/\s+/);
  if (words.every((w) => NOT_NAMES.has(w.toLowerCase()))) return false;
  if (words.length === 1 && WORD_NAMES.has(name.toLowerCase())) return false;
  if (/[^\p{L}\s'’.-]/u.test(name) || /^\p{Lu}{1,3}\b/u.test(name)) return false;
  if (/^\p{Lu}/u.test(name)) return true;
  return words.length >= 2 && tags.every((t) => t.includes("Person"));
}

function compromiseNames(text: string): IdentifierHit[] {
  const found = nlp(text).people().json({ offset: true }) as Found[];
  return found.flatMap(({ offset, terms }) => {
    const raw = text.slice(offset.start, offset.start + offset.length);
    const clean = raw
      .trim()
      .replace(/['’]s$/u, "")
      .replace(/[.,;:!?]+$/u, "");
    const start = offset.start + raw.indexOf(clean);
    if (
      clean.length === 0 ||
      !readsAsName(
        clean,
        terms.map((t) => t.tags),
      )
    )
      return [];
    return [nameHit(start, clean)];
  });
}

/** The words of a cued name up to the first that cannot be a name: "son Marcus Says" is Marcus. */
function cuedName(text: string, pattern: RegExp, firstWordOk: (word: string) => boolean): IdentifierHit[] {
  return [...text.matchAll(pattern)].flatMap((m) => {
    const name = m[1]!;
    const words = name.split(" ");
    const stop = words.findIndex((w, i) => !(i === 0 ? firstWordOk(w) : canBeName(w)));
    const kept = stop === -1 ? words : words.slice(0, stop);
    if (kept.length === 0) return [];
    return [nameHit(m.index + m[0].indexOf(name), kept.join(" "))];
  });
}

function cuedNames(text: string): IdentifierHit[] {
  return [
    ...[...text.matchAll(COURTESY_TITLED)].map((m) => nameHit(m.index, m[0])),
    ...cuedName(text, AFTER_FAMILY_WORD, canBeName),
    ...cuedName(text, BEFORE_RELATION, canBeName),
    ...cuedName(text, AFTER_PATIENT_WORD, isKnownName),
    ...cuedName(text, LOWER_CASE_AFTER_FAMILY_WORD, (w) => isKnownName(w) && !WORD_NAMES.has(w)),
    ...cuedName(text, INITIAL_AND_SURNAME, () => true).filter((h) => h.text.includes(" ")),
  ];
}

export function findPersonNames(text: string): IdentifierHit[] {
  return [...cuedNames(text), ...compromiseNames(text)].filter((h) => !isStaffNamed(text, h.start, h.text));
}
