// The words around a name that say whose it is. A courtesy title or a family word marks a patient's or a
// relative's name (flagged even when compromise does not know the surname); a clinician's title or a
// staff role marks staff, whose names in a concern are not patient identifiers (HIPAA's identifiers are
// the patient's and their relatives'), so "Dr. Patel" and "Nurse Kim" are left alone.
import nlp from "compromise";

/** "Lopez", "McAllister", "O'Connor", "Delacroix-Smith"; never an abbreviation such as "MRN" or "ED". */
const CAPITALISED_WORD = String.raw`(?:Mc|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?![\w'’-])`;
const FULL_NAME = String.raw`${CAPITALISED_WORD}(?: ${CAPITALISED_WORD}){0,2}`;

/** A word in either case at its first letter ("Daughter", "daughter"), or all in capitals ("PT"). */
const anyCase = (words: string[]) =>
  `(?:${words.map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}|${w.toUpperCase()}`).join("|")})`;

/** "Mr. Garcia", "Mrs. Delacroix-Smith", "Miss Rivera": the title is part of the hit. */
export const COURTESY_TITLED = new RegExp(
  String.raw`\b(?:Mr|Mrs|Ms|Mx|Miss)\.? ${CAPITALISED_WORD}(?: ${CAPITALISED_WORD})?`,
  "g",
);

// Case matters for the name but not for the family word, and Node 20 has no inline (?i:…), hence anyCase.
const FAMILY_WORD = anyCase([
  ...["daughter", "son", "wife", "husband", "mother", "mom", "father", "dad", "sister", "brother"],
  ...["niece", "nephew", "grandson", "granddaughter", "grandmother", "grandfather", "aunt", "uncle"],
  ...["partner", "guardian", "visitor", "caregiver"],
]);
const PATIENT_WORD = anyCase(["patient", "pt", "name"]);

/** "daughter Maria Lopez", "son Marcus": the name after a family word (group 1). */
export const AFTER_FAMILY_WORD = new RegExp(String.raw`\b${FAMILY_WORD}(?:['’]s)?[:,]? (${FULL_NAME})`, "g");

/** "wife kim": a lower-case first name after a family word (group 1), kept if compromise knows it as one. */
export const LOWER_CASE_AFTER_FAMILY_WORD = new RegExp(
  String.raw`\b${FAMILY_WORD}(?:['’]s)?[:,]? ([a-z]+)\b`,
  "g",
);

/**
 * "Pt: Linda Park", "Patient Samuel Okoro": the name after the word patient (group 1). Wards name their
 * services after the patient too ("Patient Relations", "Patient Access"), so here the name must start
 * with a word compromise knows as a name.
 */
export const AFTER_PATIENT_WORD = new RegExp(
  String.raw`\b${PATIENT_WORD}(?:['’]s)?[:,]? (${FULL_NAME})`,
  "g",
);

/** "J. Whitaker": an initial and a surname (group 1). */
export const INITIAL_AND_SURNAME = new RegExp(String.raw`(?<![\w.])([A-Z]\. ${CAPITALISED_WORD})`, "g");

/** "Priya Raman (daughter)", "Omar Haddad, her son": the name before one (group 1). */
export const BEFORE_RELATION = new RegExp(
  String.raw`(?<![\w'’-])(${CAPITALISED_WORD} ${CAPITALISED_WORD})(?: \(|, (?:the |his |her |pt's |patient's )?)${FAMILY_WORD}\b`,
  "g",
);

// Titles and roles of staff. Written with both first letters rather than with the "i" flag, so "PA" and
// "RN" are not "pa" and "rn".
const STAFF_TITLE = String.raw`(?:[Dd]r|[Dd]octor|[Nn]urse|RN|LPN|CNA|NP|PA|[Pp]rof|[Pp]rofessor|[Pp]harmacist|[Tt]herapist|[Dd]ietitian|[Cc]haplain|[Rr]ev|[Aa]dvocate|[Ll]iaison|[Mm]anager|[Ss]upervisor|[Cc]oordinator|[Ii]nterpreter|[Ss]ocial [Ww]orker)\.?`;
const ENDS_WITH_STAFF_TITLE = new RegExp(String.raw`\b${STAFF_TITLE}\s*$`);
const HAS_STAFF_TITLE = new RegExp(String.raw`\b${STAFF_TITLE}\s`);

/**
 * True when a staff title stands just before `start` ("Nurse Kim") or inside the hit itself (compromise
 * may take "Dr. Amy Chen" or even "West Dr. Patel" as one name).
 */
export function isStaffNamed(text: string, start: number, name: string): boolean {
  return ENDS_WITH_STAFF_TITLE.test(text.slice(Math.max(0, start - 20), start)) || HAS_STAFF_TITLE.test(name);
}

const LEXICON = (nlp as unknown as { model(): { one: { lexicon: Record<string, string> } } }).model().one
  .lexicon;
const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName", "LastName", "Person", "Honorific"]);

/** Whether compromise's lexicon knows the word as a first or last name. */
export function isKnownName(word: string): boolean {
  const tag = LEXICON[word.toLowerCase().replace(/['’]s$/, "")];
  return tag !== undefined && NAME_TAGS.has(tag);
}

/**
 * Whether a capitalised word beside a family word can be a name: compromise's lexicon knows it as one,
 * or does not know it at all and would not read it as a plural, verb or adjective (most surnames:
 * "Raman", "Okoro"). A word it knows as something else ("Portal", "Relations") is not.
 */
export function canBeName(word: string): boolean {
  const lower = word.toLowerCase().replace(/['’]s$/, "");
  if (isKnownName(lower)) return true;
  return LEXICON[lower] === undefined && !nlp(lower).has("(#Plural|#Verb|#Adjective|#Adverb)");
}
