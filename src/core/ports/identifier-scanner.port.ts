/**
 * Finds likely patient identifiers in free text (a concern's description, a family message), so that
 * Liaison can warn before identifying details are posted to a channel. The scanner only points; what
 * to do with a hit (warn, mask, refuse) is the caller's decision.
 */
export const IDENTIFIER_KINDS = [
  "record-number",
  "date-of-birth",
  "phone",
  "ssn",
  "email",
  "street-address",
  "person-name",
] as const;

export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** One identifier found: `text` is `input.slice(start, end)`. */
export interface IdentifierHit {
  kind: IdentifierKind;
  start: number;
  end: number;
  text: string;
}

/**
 * `scan` returns hits sorted by `start`, never overlapping, and an empty list for empty text. It never
 * throws: a scanner that fails must not stop a concern from being raised.
 */
export interface IdentifierScanner {
  scan(text: string): IdentifierHit[];
}
