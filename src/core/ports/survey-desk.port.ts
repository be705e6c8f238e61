import type { ConcernId } from "../ids.ts";

/** A one-time survey invitation as stored: never its token, which only the person who asked for it got. */
export interface SurveyInvitation {
  id: string;
  concernId: ConcernId;
  expiresAt: Date;
  /** When its answer was taken; a used invitation is never answered again. */
  usedAt?: Date;
  createdAt: Date;
}

/** The links a new invitation is reached by: the survey itself, and a printable page with its QR code. */
export interface SurveyLinks {
  surveyUrl: string;
  printUrl: string;
}

/**
 * Where patient survey invitations are made and kept (infra: a random token, stored only as its hash).
 * The core decides who may have one and when it counts; the desk only issues, finds and claims.
 */
export interface SurveyDesk {
  /** How many days a survey link can be answered (LIAISON_SURVEY_DAYS). */
  readonly validDays: number;
  /** Stores a new invitation and gives its links, the only time its token is known. */
  issue(invitation: Omit<SurveyInvitation, "usedAt">): Promise<SurveyLinks>;
  /** The invitation a link's token names, if any. */
  find(token: string): Promise<SurveyInvitation | undefined>;
  /** Marks it answered at `now`, only if it was not yet: of two submissions exactly one gets true. */
  claim(id: string, now: Date): Promise<boolean>;
  /** Gives back a claim whose answer could not be saved, so the patient can send it again. */
  release(id: string, usedAt: Date): Promise<void>;
}
