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
import type { Concern } from "../concern/concern.ts";

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

/**
 * Applies one person's action with a compare-and-set. When two people press at once, one write wins;
 * the loser reloads and decides again, which for acknowledge/resolve answers "already done by …".
 */
export async function actOnConcern(
  ctx: LiaisonContext,
  concernId: ConcernId,
  action: ConcernAction,
  who: PlatformIdentity,
): Promise<TransitionOutcome> {
  // A merge changes two concerns at once.
  if (action.type === "merge") return mergeConcern(ctx, concernId, action, who);
  const directory = ctx.directory();
  const actor = identifyActor(directory, who);
  let drafted: DraftedLetter | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const concern = await ctx.concerns.findById(concernId);
    if (!concern) throw new NotFoundError(`Concern ${concernId} no longer exists.`);
    const by = authorizeAction({ directory, groups: ctx.groups }, actor, concern, action.type);
    if (action.type === "reassign") directory.requireDepartment(action.toDepartment);
    const now = ctx.clock.now();
    const department = directory.answeringDepartment(concern.departmentId);
    const duties = { roster: await rosterFor(ctx, action, now), unit: concern.unit };
    const outcome = transition(concern, action, by, now, {
      recipientOf: (target) => escalationRecipient(directory, department, target, now, duties),
      skipReason: (target) => skipReason(directory, department, target, duties),
    });
    if (outcome.kind === "already-done") return outcome;
    const letter = letterFor(action, outcome.concern);
    if (letter) {
      // Drafted once: a retry after a lost race links the same letter rather than storing another.
      drafted ??= await draftGrievanceLetter(ctx, outcome.concern, letter, by, now);
      outcome.concern = withLetter(outcome.concern, drafted);
      outcome.events.push(drafted.event);
    }
    const fanOut = planOutboundMessages(concern, outcome.concern, outcome.events, {
      directory,
      platforms: ctx.platforms,
      now,
    });
    const change = {
      concern: outcome.concern,
      events: [...outcome.events, ...fanOut.events],
      messages: fanOut.messages,
    };
    if (await ctx.concerns.update(change, concern.version)) {
      ctx.logger.info(
        { concern: concern.reference, action: action.type, status: outcome.concern.status },
        "concern updated",
      );
      return outcome;
    }
  }
  throw new LiaisonError("conflict", "The concern is changing quickly; please try again in a moment.");
}
