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

/**
 * A grievance that cannot be closed in time: the interim notice says whom to contact, what is being
 * done, and by when the patient will have the final response; the grievance clock then runs to that day.
 */
export interface InterimNotice {
  contactPerson: string;
  progress: string;
  /** "YYYY-MM-DD", the hospital's calendar: the final response is promised by the end of that day. */
  followUpOn: string;
  language: LetterLanguage;
  method: NoticeMethod;
}

/** The interim notice as recorded: how and when it was sent, and the letter drafted for it. */
export interface GrievanceInterimRef {
  followUpOn: string;
  method: NoticeMethod;
  sentOn: string;
  by: ActorRef;
  at: Date;
  letter?: { id: string; url: string };
}

/** The letter Liaison produced from a resolution, and whether the liaison has sent it yet. */
export interface GrievanceLetterRef {
  id: string;
  /** Where the liaison opens the PDF (an unguessable link). */
  url: string;
  producedAt: Date;
  sent?: { method: NoticeMethod; sentOn: string; by: ActorRef; at: Date };
}
