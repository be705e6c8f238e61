import type { ActorRef } from "../concern/concern.ts";

/** The five answers, worst to best, each with its words (the card, the form and the survey say the same). */
export const RATINGS = [
  { value: 1, label: "Very dissatisfied" },
  { value: 2, label: "Dissatisfied" },
  { value: 3, label: "Neither satisfied nor dissatisfied" },
  { value: 4, label: "Satisfied" },
  { value: 5, label: "Very satisfied" },
] as const;
export type Rating = (typeof RATINGS)[number]["value"];

/** The longest comment a patient or a liaison may give with a rating (both forms and the survey say so). */
export const SATISFACTION_COMMENT_MAX_LENGTH = 1000;

/** How a liaison asked the patient; a survey answered on the patient's own phone is "survey". */
export const ASKED_HOW = {
  "in-person": "In person",
  phone: "By phone",
  other: "Another way",
} as const;
export type AskedHow = keyof typeof ASKED_HOW;

/** The patient's satisfaction with how their concern was handled: asked by staff, or their own survey answer. */
export interface Satisfaction {
  rating: Rating;
  comment?: string;
  source: "staff" | "survey";
  askedHow?: AskedHow;
  by: ActorRef;
  at: Date;
}

/** A one-time survey link sent for a resolved concern: its token lives only as a hash, elsewhere. */
export interface SurveyInvitationRef {
  id: string;
  expiresAt: Date;
  by: ActorRef;
  at: Date;
}

/** "1".."5" as typed or chosen, or undefined for anything else. */
export function readRating(text: string | undefined): Rating | undefined {
  const trimmed = text?.trim() ?? "";
  return RATINGS.find((r) => String(r.value) === trimmed)?.value;
}

export const ratingLabel = (rating: Rating): string => RATINGS.find((r) => r.value === rating)!.label;

/** "Patient satisfaction: 4/5 (Satisfied)", the card's line. */
export const satisfactionLine = (s: Pick<Satisfaction, "rating">): string =>
  `Patient satisfaction: ${s.rating}/5 (${ratingLabel(s.rating)})`;

/** A survey link can still be answered: it has not expired, and no rating was recorded meanwhile. */
export function surveyOpen(
  concern: { satisfaction?: Satisfaction; surveyInvitation?: SurveyInvitationRef },
  now: Date,
): boolean {
  const invitation = concern.surveyInvitation;
  return !concern.satisfaction && invitation !== undefined && invitation.expiresAt > now;
}
