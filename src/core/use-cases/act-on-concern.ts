import { authorizeAction } from "../concern/authorize-action.ts";
import { transition, type ConcernAction, type TransitionOutcome } from "../concern/concern-state-machine.ts";
import { LiaisonError, NotFoundError } from "../errors.ts";
import { escalationRecipient, skipReason } from "../escalation/escalation-recipient.ts";
import { DutyRoster } from "../duty/duty-roster.ts";
import { planOutboundMessages } from "../messaging/plan-outbound-messages.ts";
import type { ConcernId } from "../ids.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import type { LiaisonContext } from "./liaison-context.ts";
import { mergeConcern } from "./merge-concern.ts";
import {
  draftGrievanceLetter,
  type DraftedLetter,
  type LetterRequest,
  withLetter,
} from "./draft-grievance-letter.ts";
import type { ActorRef, Concern } from "../concern/concern.ts";
import type { SurveyLinks } from "../ports/survey-desk.port.ts";
import { newSurveyInvitation, surveyLinkMessages } from "./send-survey-link.ts";
import type { OutboundMessage } from "../messaging/outbound-message.ts";
import type { IdentifierOverride } from "../privacy/identifier-warning.ts";
import { postedAnywayEvents } from "../privacy/posted-anyway-event.ts";

/** A grievance resolved, or given an interim notice, gets its letter drafted with the change. */
function letterFor(action: ConcernAction, changed: Concern): LetterRequest | undefined {
  if (action.type === "resolve" && changed.grievanceResolution) return { kind: "final" };
  if (action.type === "send-interim-notice") return { kind: "interim", interim: action.interim };
  return undefined;
}

const MAX_ATTEMPTS = 5;

/** Only "Escalate now" climbs the ladder, so only it needs to know who holds which duty. */
async function rosterFor(ctx: LiaisonContext, action: ConcernAction, now: Date): Promise<DutyRoster> {
  return action.type === "escalate" ? new DutyRoster(await ctx.duties.current(now), now) : DutyRoster.EMPTY;
}

/** What one action did; a new survey invitation's links, which only its asker is sent. */
export type ActOutcome = TransitionOutcome & { survey?: SurveyLinks };

/** Who may act on a concern as it is now: returns the actor as the audit trail records them, or throws. */
export type Authorize = (concern: Concern) => ActorRef;

/** What else a person's action carries: likely identifiers they were warned of and posted anyway. */
export interface ActOptions {
  identifiersOverride?: IdentifierOverride;
}

/**
 * Applies one person's action with a compare-and-set. When two people press at once, one write wins;
 * the loser reloads and decides again, which for acknowledge/resolve answers "already done by …".
 */
export async function actOnConcern(
  ctx: LiaisonContext,
  concernId: ConcernId,
  action: ConcernAction,
  who: PlatformIdentity,
  options: ActOptions = {},
): Promise<ActOutcome> {
  // A merge changes two concerns at once.
  if (action.type === "merge") return mergeConcern(ctx, concernId, action, who, options);
  const directory = ctx.directory();
  const actor = identifyActor(directory, who);
  return applyAction(
    ctx,
    concernId,
    action,
    (concern) => authorizeAction({ directory, groups: ctx.groups }, actor, concern, action.type),
    options,
  );
}

/** What an action made outside the concern, once, so a retry after a lost race reuses it. */
interface Made {
  letter?: DraftedLetter;
  invitation?: { id: string; expiresAt: Date };
  survey?: SurveyLinks;
}

/** The same compare-and-set loop for anyone `authorize` lets act (a chat user, or a patient's survey link). */
export async function applyAction(
  ctx: LiaisonContext,
  concernId: ConcernId,
  action: ConcernAction,
  authorize: Authorize,
  options: ActOptions = {},
): Promise<ActOutcome> {
  const directory = ctx.directory();
  const made: Made = {};
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const concern = await ctx.concerns.findById(concernId);
    if (!concern) throw new NotFoundError(`Concern ${concernId} no longer exists.`);
    const by = authorize(concern);
    if (action.type === "reassign") directory.requireDepartment(action.toDepartment);
    const now = ctx.clock.now();
    if (action.type === "send-survey-link") made.invitation ??= newSurveyInvitation(ctx, now);
    const department = directory.answeringDepartment(concern.departmentId);
    const duties = { roster: await rosterFor(ctx, action, now), unit: concern.unit };
    const outcome = transition(concern, action, by, now, {
      recipientOf: (target) => escalationRecipient(directory, department, target, now, duties),
      skipReason: (target) => skipReason(directory, department, target, duties),
      surveyInvitation: made.invitation,
    });
    if (outcome.kind === "already-done") return outcome;
    outcome.events.push(...postedAnywayEvents(concern.id, by, now, options.identifiersOverride));
    const extra = await madeWith(ctx, action, outcome, made, { concern, by, now });
    const fanOut = planOutboundMessages(concern, outcome.concern, outcome.events, {
      directory,
      platforms: ctx.platforms,
      now,
    });
    const change = {
      concern: outcome.concern,
      events: [...outcome.events, ...fanOut.events],
      messages: [...fanOut.messages, ...extra],
    };
    if (await ctx.concerns.update(change, concern.version)) {
      ctx.logger.info(
        { concern: concern.reference, action: action.type, status: outcome.concern.status },
        "concern updated",
      );
      return made.survey ? { ...outcome, survey: made.survey } : outcome;
    }
  }
  throw new LiaisonError("conflict", "The concern is changing quickly; please try again in a moment.");
}

/**
 * What a change needs made before it is saved: a grievance's letter (linked from the concern), a survey
 * invitation (its links in a message to the asker). Stored first, so a saved change always has them;
 * a save that loses its race leaves only an unused draft or invitation behind.
 */
async function madeWith(
  ctx: LiaisonContext,
  action: ConcernAction,
  outcome: Extract<TransitionOutcome, { kind: "changed" }>,
  made: Made,
  at: { concern: Concern; by: ActorRef; now: Date },
): Promise<OutboundMessage[]> {
  const letter = letterFor(action, outcome.concern);
  if (letter) {
    made.letter ??= await draftGrievanceLetter(ctx, outcome.concern, letter, at.by, at.now);
    outcome.concern = withLetter(outcome.concern, made.letter);
    outcome.events.push(made.letter.event);
  }
  if (!made.invitation || action.type !== "send-survey-link") return [];
  made.survey ??= await ctx.surveys.issue({
    ...made.invitation,
    concernId: at.concern.id,
    createdAt: at.now,
  });
  const fanCtx = { directory: ctx.directory(), platforms: ctx.platforms, now: at.now };
  return surveyLinkMessages(at.concern, outcome.concern, at.by, made.survey, fanCtx);
}
