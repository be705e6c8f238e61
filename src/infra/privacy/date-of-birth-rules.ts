// Dates of birth. A concern is full of dates of the stay ("admitted 03/11/2026", "Nov 28, 2026"), so a
// date counts only when the text says it is a birth date ("DOB", "born", "birthday", "d.o.b.", "b.")
// or when it lies so far back that it can hardly be anything else in a note about this stay.
import type { PatternRule, ScanContext } from "./identifier-rule.ts";

const MONTHS =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:19|20)\d{2}`;

/**
 * Full dates: 03/14/1957, 3-14-1957, 14.03.1957, 1957-03-14, March 14, 1957, 14 March 1957,
 * 14th of March 1957.
 */
const FULL_DATE = [
  String.raw`\d{1,2}[/.-]\d{1,2}[/.-]${YEAR}`,
  String.raw`${YEAR}-\d{1,2}-\d{1,2}`,
  String.raw`${MONTHS}\.? ${DAY},? ${YEAR}`,
  String.raw`${DAY} (?:of )?${MONTHS}\.?,? ${YEAR}`,
].join("|");

/** After a birth cue, shorter forms are birth dates too: 3/4/45, June 5th. */
const CUED_DATE = [FULL_DATE, String.raw`\d{1,2}[/.-]\d{1,2}[/.-]\d{2}`, `${MONTHS}\\.? ${DAY}`].join("|");

const BIRTH_CUE = String.raw`(?:DOB|D\.O\.B\.?|date of birth|birth ?date|born(?: on)?|birthday(?: is)?|b\.)`;

/**
 * How many years back a bare full date must lie to be taken as a birth date. A stay, its bills and its
 * follow-ups fall within a few years; a date ten or more years back in a concern is nearly always a
 * birth date (a young child's, written without "DOB", is missed: the cued rule still finds "DOB 2019-…").
 */
const YEARS_BACK_FOR_A_BARE_BIRTH_DATE = 10;

/** Words that put an old date in the patient's history, not their birth: "on dialysis since 01/05/2016". */
const STAY_WORD = String.raw`\b(?:since|from|until|till|through|last|prior|previous|admitted|admission|discharged|seen|dated|as of|between|and|to)`;

function isOldEnough(date: string, { currentYear }: ScanContext): boolean {
  const year = Number(/(?:19|20)\d{2}/.exec(date)?.[0]);
  return year <= currentYear - YEARS_BACK_FOR_A_BARE_BIRTH_DATE;
}

export const DATE_OF_BIRTH_RULES: readonly PatternRule[] = [
  {
    kind: "date-of-birth",
    pattern: new RegExp(
      String.raw`\b${BIRTH_CUE}[:\s(-]*(?:is\s+)?(?:the\s+)?(${CUED_DATE})(?![\w/.-]\d)`,
      "gi",
    ),
    group: 1,
  },
  {
    kind: "date-of-birth",
    pattern: new RegExp(String.raw`(?<![\w/.-])(?<!${STAY_WORD}\s+)(${FULL_DATE})(?![\w/-]|\.\d)`, "gi"),
    group: 1,
    accept: isOldEnough,
  },
];
