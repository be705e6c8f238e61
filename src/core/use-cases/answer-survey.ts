import type { ActorRef, Concern } from "../concern/concern.ts";
import { IllegalTransitionError } from "../errors.ts";
import { localDate } from "../escalation/business-time.ts";
import type { AuditEvent, SurveyRefusal } from "../messaging/audit-event.ts";
import type { SurveyInvitation } from "../ports/survey-desk.port.ts";
import { readRating, SATISFACTION_COMMENT_MAX_LENGTH, type Rating } from "../satisfaction/satisfaction.ts";
import { applyAction } from "./act-on-concern.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/** Who answers on the survey page: the patient, known to Liaison only by the link they were given. */
export const SURVEY_ACTOR: ActorRef = { key: "survey", displayName: "Patient survey", platform: "api" };

/** What the patient sent from the survey form, as typed. */
export interface SurveyAnswer {
  rating?: string;
  comment?: string;
}

/** What is wrong with an answer, by field; the page words it in the patient's language. */
export interface SurveyErrors {
  rating?: "missing";
  comment?: "too-long";
}

/** What a survey link leads to now; the page never shows anything of the concern beyond the hospital. */
export type SurveyState =
  | { kind: "open"; hospital: string; expiresOn: string }
  | { kind: "gone"; reason: SurveyRefusal }
  | { kind: "unknown" }
  /** The store could not be read or written: nothing was saved, the patient may try again. */
  | { kind: "unavailable" };

export type SurveyOutcome =
  | { kind: "recorded" }
  | { kind: "invalid"; errors: SurveyErrors; hospital: string; expiresOn: string }
  | Exclude<SurveyState, { kind: "open" }>;

type Page = "survey" | "print";

/** Why a link can no longer be answered, or undefined while it can. */
function refusalOf(invitation: SurveyInvitation, concern: Concern, now: Date): SurveyRefusal | undefined {
  if (invitation.usedAt || concern.satisfaction) return "answered";
  if (now >= invitation.expiresAt) return "expired";
  if (concern.status !== "resolved") return "not-resolved";
  return undefined;
}

interface Found {
  invitation: SurveyInvitation;
  concern: Concern;
  open: Extract<SurveyState, { kind: "open" }>;
}

type NotLive = Exclude<SurveyState, { kind: "open" }>;

async function findLive(ctx: LiaisonContext, token: string, page: Page): Promise<Found | NotLive> {
  const invitation = await ctx.surveys.find(token);
  const concern = invitation && (await ctx.concerns.findById(invitation.concernId));
  if (!invitation || !concern) return { kind: "unknown" };
  const reason = refusalOf(invitation, concern, ctx.clock.now());
  if (reason) {
    await record(ctx, invitation, { type: "survey-refused", reason, page });
    return { kind: "gone", reason };
  }
  const { hospital } = ctx.directory();
  const open = {
    kind: "open" as const,
    hospital: hospital.name,
    expiresOn: localDate(invitation.expiresAt, hospital.timeZone),
  };
  return { invitation, concern, open };
}

/** A step of the patient's side, in the concern's audit trail (a failure to record it is logged, not shown). */
async function record(
  ctx: LiaisonContext,
  invitation: SurveyInvitation,
  step: { type: "survey-opened"; page: Page } | { type: "survey-refused"; reason: SurveyRefusal; page: Page },
): Promise<void> {
  const { type, ...rest } = step;
  const event = {
    concernId: invitation.concernId,
    type,
    actor: SURVEY_ACTOR,
    at: ctx.clock.now(),
    detail: { invitationId: invitation.id, ...rest },
  } as AuditEvent;
  await ctx.concerns.appendAudit([event]).catch((error: unknown) => {
    ctx.logger.warn({ err: error, step: type }, "could not record a survey step");
  });
}

/** GET of a survey link (the form, or its printable page): what it leads to, recorded in the trail. */
export async function openSurvey(ctx: LiaisonContext, token: string, page: Page): Promise<SurveyState> {
  try {
    const found = await findLive(ctx, token, page);
    if (!("invitation" in found)) return found;
    await record(ctx, found.invitation, { type: "survey-opened", page });
    return found.open;
  } catch (error) {
    ctx.logger.error({ err: error }, "could not read a survey link");
    return { kind: "unavailable" };
  }
}

type Reading = { answer: { rating: Rating; comment?: string } } | { errors: SurveyErrors };

function readAnswer(answer: SurveyAnswer): Reading {
  const rating = readRating(answer.rating);
  const comment = answer.comment?.trim() ?? "";
  const errors: SurveyErrors = {
    ...(rating ? {} : { rating: "missing" as const }),
    ...(comment.length > SATISFACTION_COMMENT_MAX_LENGTH ? { comment: "too-long" as const } : {}),
  };
  if (!rating || errors.comment) return { errors };
  return { answer: comment ? { rating, comment } : { rating } };
}

/**
 * The patient sent the survey: checked, then the link is claimed (a conditional update: of two
 * submissions exactly one counts) and the rating recorded through the core like any other action.
 * If the rating cannot be saved, the claim is given back so the patient can send it again.
 */
export async function submitSurvey(
  ctx: LiaisonContext,
  token: string,
  answer: SurveyAnswer,
): Promise<SurveyOutcome> {
  try {
    const found = await findLive(ctx, token, "survey");
    if (!("invitation" in found)) return found;
    const read = readAnswer(answer);
    if ("errors" in read) return { ...found.open, kind: "invalid", errors: read.errors };
    const claimedAt = ctx.clock.now();
    if (!(await ctx.surveys.claim(found.invitation.id, claimedAt))) {
      await record(ctx, found.invitation, { type: "survey-refused", reason: "answered", page: "survey" });
      return { kind: "gone", reason: "answered" };
    }
    return await recordAnswer(ctx, found.invitation, read.answer, claimedAt);
  } catch (error) {
    ctx.logger.error({ err: error }, "could not record a survey answer");
    return { kind: "unavailable" };
  }
}

async function recordAnswer(
  ctx: LiaisonContext,
  invitation: SurveyInvitation,
  answer: { rating: Rating; comment?: string },
  claimedAt: Date,
): Promise<SurveyOutcome> {
  try {
    const action = { type: "record-satisfaction" as const, source: "survey" as const, ...answer };
    await applyAction(ctx, invitation.concernId, action, () => SURVEY_ACTOR);
    return { kind: "recorded" };
  } catch (error) {
    await ctx.surveys.release(invitation.id, claimedAt).catch(() => undefined);
    // Staff recorded a rating, or reopened the concern, between the page's check and this one.
    if (error instanceof IllegalTransitionError) return { kind: "gone", reason: "answered" };
    throw error;
  }
}
