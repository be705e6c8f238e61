import type { LetterLanguage } from "./grievance-notice.ts";

/** One language's words for the letter; `{reference}`, `{receivedOn}` and `{hospital}` are filled in. */
export interface LetterWords {
  /** How dates are written: "en-US" → "December 2, 2026"; "es-US" → "2 de diciembre de 2026". */
  locale: string;
  title: string;
  greeting: string;
  opening: string;
  contactHeading: string;
  stepsHeading: string;
  resultsHeading: string;
  completedHeading: string;
  /** What else the patient may do (the state agency, the QIO): the hospital's own words. */
  rights: string;
  closing: string;
  referenceLabel: string;
  /** Said in a quality-of-care or discharge grievance's letters: the QIO may review it. */
  qio: string;
  /** The interim notice's own words; `{followUpOn}` is filled in too. */
  interim: {
    title: string;
    opening: string;
    progressHeading: string;
    followUpHeading: string;
    followUp: string;
  };
}

/** What a hospital edits about its grievance letters: who it is, how it signs, and the words. */
export interface LetterTemplate {
  hospital: { name: string; address: readonly string[]; phone?: string };
  /** The line under the hospital's name ("Patient Relations · Office of Patient Experience"). */
  letterhead: string;
  signature: readonly string[];
  languages: Readonly<Record<LetterLanguage, LetterWords>>;
}
