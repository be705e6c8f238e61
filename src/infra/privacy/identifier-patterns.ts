// The pattern rules for identifiers with a fixed shape, in the order they win an overlap: the more
// certain shapes first, so a DOB or a cued record number is not also taken for a phone. Each is anchored
// so that clinical numbers ("7/10", "140/90", "2 mg", "room 412", "PR-2026-00042") never match.
import { DATE_OF_BIRTH_RULES } from "./date-of-birth-rules.ts";
import type { PatternRule } from "./identifier-rule.ts";
import { STREET_ADDRESS_RULES } from "./street-address-rules.ts";

export type { PatternRule } from "./identifier-rule.ts";

const RECORD_CUE = String.raw`(?:MRN|MR ?#|med(?:ical)? rec(?:ord)?(?: number| no\.?| #)?|chart(?: number| no\.?| #)?|(?:patient|pt) (?:ID|identifier)|encounter(?: number| no\.?| #)?|enc|account(?: number| no\.?| #)?|acct|FIN|CSN|HAR|visit(?: number| no\.?| #))`;
const SSN_CUE = String.raw`(?:SSN|SS ?#|social(?: security)?(?: number| no\.?| #)?)`;

/** Shapes so specific they win every overlap. */
const CONTACT_RULES: readonly PatternRule[] = [
  // Starts only where a word starts: from every letter of a long run with no "@" it would be quadratic.
  { kind: "email", pattern: /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, group: 0 },
  { kind: "ssn", pattern: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g, group: 0 },
  {
    kind: "ssn",
    pattern: /(?<![\w-])(?!000|666|9\d\d)\d{3} (?!00)\d{2} (?!0000)\d{4}(?![\w-])/g,
    group: 0,
  },
  {
    kind: "phone",
    pattern: /(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ ./-])\d{3}[ ./-]\d{4}(?![\w-])/g,
    group: 0,
  },
  // A national number written with its leading 0 and one space at most ("07700 900123").
  {
    kind: "phone",
    pattern: /(?<![\w-])0[1-9]\d{2,3} ?\d{6,7}(?![\w-])/g,
    group: 0,
    accept: (n) => /^\d{10,11}$/.test(n.replace(/ /g, "")),
  },
  // An international number: "+" and 8 to 15 digits in groups ("+44 20 7946 0958"); a clinical "+2"
  // is too short.
  {
    kind: "phone",
    pattern: /(?<![\w+])\+(?:\d{8,15}|\d{1,3}[ .-]?\d{1,5}(?:[ .-]\d{1,5}){1,4})(?![\w-])/g,
    group: 0,
    accept: (number) => {
      const digits = number.replace(/\D/g, "").length;
      return digits >= 8 && digits <= 15;
    },
  },
];

/** Numbers told apart by the word before them. */
const CUED_NUMBER_RULES: readonly PatternRule[] = [
  { kind: "ssn", pattern: new RegExp(String.raw`\b${SSN_CUE}[:#\s]*(\d{9})\b`, "gi"), group: 1 },
  {
    kind: "record-number",
    pattern: new RegExp(String.raw`\b${RECORD_CUE}[:#\s]*(?:is\s+)?([A-Z]{0,2}\d{5,})\b`, "gi"),
    group: 1,
  },
];

/** Bare numbers, judged by their shape alone. */
const BARE_NUMBER_RULES: readonly PatternRule[] = [
  // Ten digits with a North American area code and exchange (neither starts with 0 or 1) is a phone
  // typed without separators; a record number such as a CSN "1002345678" does not fit.
  { kind: "phone", pattern: /(?<![\w/.+-])[2-9]\d{2}[2-9]\d{6}(?![\w/.-])/g, group: 0 },
  // A seven-digit local number needs its dash or dot ("555-0147"): no clinical figure has that shape.
  { kind: "phone", pattern: /(?<![\w/.:-])[2-9]\d{2}[-.]\d{4}(?![\w-]|[.:/]\d)/g, group: 0 },
  // Long digit runs on their own (not inside a reference like PR-2026-00042).
  { kind: "record-number", pattern: /(?<![\w/.-])\d{6,}(?![\w/.-])/g, group: 0 },
];

export const PATTERN_RULES: readonly PatternRule[] = [
  ...CONTACT_RULES,
  ...DATE_OF_BIRTH_RULES,
  ...CUED_NUMBER_RULES,
  ...BARE_NUMBER_RULES,
  ...STREET_ADDRESS_RULES,
];
