import type { Concern } from "../concern/concern.ts";
import { localDate, longDate } from "../escalation/business-time.ts";
import type { GrievanceResolution, InterimNotice, LetterLanguage } from "./grievance-notice.ts";
import type { LetterTemplate } from "./letter-template.ts";

/** A letter as any renderer draws it: plain strings only, in reading order. */
export interface LetterContent {
  language: LetterLanguage;
  title: string;
  letterhead: { name: string; lines: readonly string[] };
  date: string;
  reference: string;
  greeting: string;
  paragraphs: readonly string[];
  /** The four elements of the written notice, each under its heading. */
  elements: readonly { heading: string; text: string }[];
  rights: string;
  closing: string;
  signature: readonly string[];
  /** "PR-2026-00042-grievance-notice-es.pdf", "PR-2026-00042-interim-notice-en.pdf" */
  fileName: string;
}

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

type LetterFrame = Omit<LetterContent, "title" | "paragraphs" | "elements" | "fileName">;

/**
 * What every letter shares, in its language: the letterhead, the date, the reference, the greeting,
 * what else the patient may do, the closing and signature; with the words and the values they fill in.
 */
function letterFrame(
  template: LetterTemplate,
  concern: Pick<Concern, "reference" | "createdAt">,
  language: LetterLanguage,
  timeZone: string,
  now: Date,
) {
  const words = template.languages[language];
  const date = (iso: string) => longDate(iso, words.locale);
  const values: Record<string, string> = {
    reference: concern.reference,
    receivedOn: date(localDate(concern.createdAt, timeZone)),
    hospital: template.hospital.name,
  };
  const { hospital } = template;
  const frame: LetterFrame = {
    language,
    letterhead: {
      name: hospital.name,
      lines: [template.letterhead, ...hospital.address, ...(hospital.phone ? [hospital.phone] : [])],
    },
    date: date(localDate(now, timeZone)),
    reference: `${words.referenceLabel}: ${concern.reference}`,
    greeting: fill(words.greeting, values),
    rights: fill(words.rights, values),
    closing: words.closing,
    signature: template.signature,
  };
  return { words, values, date, frame };
}

/**
 * The written notice of a grievance's resolution (42 CFR 482.13(a)(2)(iii)): the hospital's letterhead,
 * the date, the reference, and the four elements, in the language chosen. It names no patient: the
 * liaison addresses it, and Liaison keeps no more identity than the concern already holds.
 */
export function grievanceLetter(
  template: LetterTemplate,
  concern: Pick<Concern, "reference" | "createdAt">,
  resolution: GrievanceResolution,
  timeZone: string,
  now: Date,
  qio = false,
): LetterContent {
  const { words, values, date, frame } = letterFrame(template, concern, resolution.language, timeZone, now);
  return {
    ...frame,
    title: fill(words.title, values),
    paragraphs: [fill(words.opening, values), ...(qio ? [fill(words.qio, values)] : [])],
    elements: [
      { heading: words.contactHeading, text: resolution.contactPerson },
      { heading: words.stepsHeading, text: resolution.investigationSteps },
      { heading: words.resultsHeading, text: resolution.results },
      { heading: words.completedHeading, text: date(resolution.completedOn) },
    ],
    fileName: `${concern.reference}-grievance-notice-${resolution.language}.pdf`,
  };
}

/**
 * The interim notice for a grievance still being worked on: whom to contact, what is being done, and
 * the day by which the patient will have the final response, in the language chosen.
 */
export function interimLetter(
  template: LetterTemplate,
  concern: Pick<Concern, "reference" | "createdAt">,
  interim: InterimNotice,
  timeZone: string,
  now: Date,
  qio = false,
): LetterContent {
  const { words, values, date, frame } = letterFrame(template, concern, interim.language, timeZone, now);
  const filled = { ...values, followUpOn: date(interim.followUpOn) };
  return {
    ...frame,
    title: fill(words.interim.title, filled),
    paragraphs: [fill(words.interim.opening, filled), ...(qio ? [fill(words.qio, filled)] : [])],
    elements: [
      { heading: words.contactHeading, text: interim.contactPerson },
      { heading: words.interim.progressHeading, text: interim.progress },
      { heading: words.interim.followUpHeading, text: fill(words.interim.followUp, filled) },
    ],
    fileName: `${concern.reference}-interim-notice-${interim.language}.pdf`,
  };
}
