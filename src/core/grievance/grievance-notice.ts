import type { ActorRef } from "../concern/concern.ts";

/** The languages a grievance letter can be written in; the template holds each one's words. */
export const LETTER_LANGUAGES = { en: "English", es: "Español" } as const;
export type LetterLanguage = keyof typeof LETTER_LANGUAGES;
export const isLetterLanguage = (v: string): v is LetterLanguage => Object.hasOwn(LETTER_LANGUAGES, v);

/** How the liaison sent the letter; Liaison itself never sends anything to a patient. */
export const NOTICE_METHODS = {
  mail: "Mail",
  email: "Email",
  "hand-delivered": "Hand-delivered",
  "patient-portal": "Patient portal",
} as const;
export type NoticeMethod = keyof typeof NOTICE_METHODS;
export const isNoticeMethod = (v: string): v is NoticeMethod => Object.hasOwn(NOTICE_METHODS, v);

/**
 * The four elements of a grievance's written notice (42 CFR 482.13(a)(2)(iii)): whom the patient may
 * contact, the steps taken to investigate, the results of the grievance process, and the date of
 * completion; with the language the letter is written in.
 */
export interface GrievanceResolution {
  contactPerson: string;
  investigationSteps: string;
  results: string;
  /** "YYYY-MM-DD", the hospital's calendar. */
  completedOn: string;
  language: LetterLanguage;
}

/** The letter Liaison produced from a resolution, and whether the liaison has sent it yet. */
export interface GrievanceLetterRef {
  id: string;
  /** Where the liaison opens the PDF (an unguessable link). */
  url: string;
  producedAt: Date;
  sent?: { method: NoticeMethod; sentOn: string; by: ActorRef; at: Date };
}
