import type { IdentifierHit, IdentifierKind, IdentifierScanner } from "../ports/identifier-scanner.port.ts";

/** One free-text field a person is about to post, by the id its form reads it by and the label it shows. */
export interface TypedText {
  field: string;
  label: string;
  text: string;
}

/** A field in which the scanner found likely identifiers, with where they are. */
export interface FlaggedText extends TypedText {
  hits: IdentifierHit[];
}

/**
 * What a person is shown before text that may identify a patient is posted: each field with its hits,
 * highlighted by the platform. They may edit the text (it is scanned again) or post it anyway (audited).
 */
export interface IdentifierWarning {
  fields: FlaggedText[];
}

/** The words for each kind, as the warning says them ("a date of birth and a name"). */
export const IDENTIFIER_KIND_WORDS: Readonly<Record<IdentifierKind, string>> = {
  "record-number": "a record number",
  "date-of-birth": "a date of birth",
  phone: "a phone number",
  ssn: "a Social Security number",
  email: "an e-mail address",
  "street-address": "a street address",
  "person-name": "a name",
};

/** The two ways on, the same words on both platforms. */
export const IDENTIFIER_CHOICES = {
  edit: "Edit",
  postAnyway: "Post anyway",
  /** Beside the "Post anyway" choice: what pressing it means, and that it is recorded. */
  postAnywayHint: "They are needed here. This is recorded in the audit trail.",
} as const;

/** The texts' likely identifiers, or nothing to warn about. */
export function findIdentifiers(
  scanner: IdentifierScanner,
  texts: readonly TypedText[],
): IdentifierWarning | undefined {
  const fields = texts
    .map((typed) => ({ ...typed, hits: scanner.scan(typed.text) }))
    .filter((flagged) => flagged.hits.length > 0);
  return fields.length > 0 ? { fields } : undefined;
}

/** The kinds found, each once, in the order first found. */
export function kindsFound(warning: IdentifierWarning): IdentifierKind[] {
  return [...new Set(warning.fields.flatMap((f) => f.hits.map((h) => h.kind)))];
}

/** "This may identify the patient: a date of birth and a name." */
export function identifierHeadline(warning: IdentifierWarning): string {
  const words = kindsFound(warning).map((kind) => IDENTIFIER_KIND_WORDS[kind]);
  const listed = words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : words[0];
  return `This may identify the patient: ${listed}. Cards in a channel are seen by many people.`;
}

/** What to do next, in the words of the choices. */
export const IDENTIFIER_ADVICE =
  `${IDENTIFIER_CHOICES.edit} the highlighted text and send again (it is checked again), ` +
  `or choose "${IDENTIFIER_CHOICES.postAnyway}" if it is needed.`;

/** A flagged text cut into plain and highlighted pieces, in order, for a platform to draw. */
export interface TextSegment {
  text: string;
  /** Set on a piece the scanner found: what it may be. */
  kind?: IdentifierKind;
}

export function highlightedSegments(flagged: FlaggedText): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const hit of flagged.hits) {
    if (hit.start > at) segments.push({ text: flagged.text.slice(at, hit.start) });
    segments.push({ text: flagged.text.slice(hit.start, hit.end), kind: hit.kind });
    at = hit.end;
  }
  if (at < flagged.text.length) segments.push({ text: flagged.text.slice(at) });
  return segments;
}

/** What the audit trail keeps of a warning passed over: which fields and kinds, never the text itself. */
export interface IdentifierOverride {
  fields: { field: string; kinds: IdentifierKind[] }[];
}

export function overrideOf(warning: IdentifierWarning): IdentifierOverride {
  return {
    fields: warning.fields.map((f) => ({ field: f.field, kinds: [...new Set(f.hits.map((h) => h.kind))] })),
  };
}
