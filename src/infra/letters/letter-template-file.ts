import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { LETTER_LANGUAGES, LiaisonError, type LetterTemplate } from "../../core/index.ts";

const line = (what: string) =>
  z
    .string({ error: `expected ${what}` })
    .trim()
    .min(1, `expected ${what}`);

const words = z.strictObject({
  locale: line('a locale such as "en-US"').refine(
    (l) => Intl.DateTimeFormat.supportedLocalesOf(l).length > 0,
    {
      message: 'expected a locale this machine knows, such as "en-US" or "es-US"',
    },
  ),
  title: line("the letter's title"),
  greeting: line("a greeting"),
  opening: line("the opening paragraph"),
  referenceLabel: line("the label before the concern's reference"),
  contactHeading: line("the heading over the contact person"),
  stepsHeading: line("the heading over the steps taken"),
  resultsHeading: line("the heading over the results"),
  completedHeading: line("the heading over the date of completion"),
  rights: line("the paragraph saying what else the patient may do"),
  closing: line("a closing such as Sincerely,"),
  qio: line("the paragraph for quality-of-care and discharge grievances about the QIO"),
  interim: z.strictObject({
    title: line("the interim letter's title"),
    opening: line("the interim letter's opening paragraph"),
    progressHeading: line("the heading over what is being done"),
    followUpHeading: line("the heading over the follow-up date"),
    followUp: line("the sentence promising the final response by {followUpOn}"),
  }),
});

const template = z.strictObject({
  hospital: z.strictObject({
    name: line("the hospital's name"),
    address: z.array(line("an address line")).min(1, "expected at least one address line"),
    phone: line("a phone number").optional(),
  }),
  letterhead: line("the letterhead line"),
  signature: z.array(line("a signature line")).min(1, "expected at least one signature line"),
  languages: z.strictObject(
    Object.fromEntries(Object.keys(LETTER_LANGUAGES).map((l) => [l, words])) as Record<
      keyof typeof LETTER_LANGUAGES,
      typeof words
    >,
  ),
});

/**
 * The hospital's grievance-letter template. Like the directory, a template with problems stops
 * start-up, every problem named by its place in the file, rather than producing a wrong letter later.
 */
export function loadLetterTemplate(file: string): LetterTemplate {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new LiaisonError(
      "config-invalid",
      `The letter template ${file} cannot be read: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  const result = template.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (i) => `  - ${file}: ${i.path.join(".") || "(top)"}: ${i.message}`,
  );
  throw new LiaisonError(
    "config-invalid",
    `The letter template ${file} has ${problems.length} problem${problems.length === 1 ? "" : "s"}; Liaison will not start until they are fixed:\n${problems.join("\n")}`,
  );
}
