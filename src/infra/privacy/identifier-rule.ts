// The shape of one pattern rule of the identifier scanner, shared by the rule files.
import type { IdentifierKind } from "../../core/index.ts";

/** What a rule may know besides the text: the year, to tell an old full date from a date of the stay. */
export interface ScanContext {
  currentYear: number;
}

export interface PatternRule {
  kind: IdentifierKind;
  pattern: RegExp;
  /** Which capture group is the identifier (0 = whole match), so a cue like "MRN" is not included. */
  group: number;
  /** A second look at a match the pattern alone cannot settle (is this date old enough to be a birth date?). */
  accept?: (identifier: string, context: ScanContext) => boolean;
}
