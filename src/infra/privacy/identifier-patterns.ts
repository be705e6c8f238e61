// The pattern rules for identifiers with a fixed shape. Each is anchored on word boundaries so that
// clinical numbers ("7/10", "140/90", "2 mg", "room 412", "PR-2026-00042") never match.
import type { IdentifierKind } from "../../core/index.ts";

export interface PatternRule {
  kind: IdentifierKind;
  pattern: RegExp;
  /** Which capture group is the identifier (0 = whole match), so a cue like "MRN" is not included. */
  group: number;
}

const MONTHS =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const NUMERIC_DATE = String.raw`\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})`;
const WORDED_DATE = String.raw`${MONTHS}\.? \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d{2}`;
const STREET_TYPES =
  "(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|Circle|Parkway|Pkwy|Highway|Hwy)";

export const PATTERN_RULES: readonly PatternRule[] = [
  { kind: "email", pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, group: 0 },
  { kind: "ssn", pattern: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g, group: 0 },
  {
    kind: "phone",
    pattern: /(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])/g,
    group: 0,
  },
  {
    kind: "date-of-birth",
    pattern: new RegExp(
      String.raw`\b(?:DOB|D\.O\.B\.|date of birth|born(?: on)?|birthday(?: is)?|birthdate)[:\s]*(${NUMERIC_DATE}|${WORDED_DATE}|${MONTHS} \d{1,2}(?:st|nd|rd|th)?)`,
      "gi",
    ),
    group: 1,
  },
  {
    kind: "date-of-birth",
    pattern: new RegExp(String.raw`\b(\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}|${WORDED_DATE})\b`, "gi"),
    group: 1,
  },
  {
    kind: "record-number",
    pattern:
      /\b(?:MRN|medical record(?: number| no\.?| #)?|encounter(?: number| no\.?| #)?|account(?: number| no\.?| #)?|acct|FIN|CSN|visit(?: number| #))[:#\s]*(?:is\s+)?([A-Z]{0,2}\d{4,})\b/gi,
    group: 1,
  },
  // Long digit runs on their own (not inside a reference like PR-2026-00042, not a phone).
  { kind: "record-number", pattern: /(?<![\w/.-])\d{6,}(?![\w/.-])/g, group: 0 },
  {
    kind: "street-address",
    pattern: new RegExp(String.raw`\b\d{1,6} (?:[NSEW]\.? )?(?:[A-Z][a-z]+ ){1,3}${STREET_TYPES}\b\.?`, "g"),
    group: 0,
  },
];
