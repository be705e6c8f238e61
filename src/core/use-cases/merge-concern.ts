import { authorizeAction } from "../concern/authorize-action.ts";
import { transition, type ConcernAction, type TransitionOutcome } from "../concern/concern-state-machine.ts";
import { InvalidInputError, LiaisonError, NotFoundError } from "../errors.ts";
import type { ConcernId } from "../ids.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import type { Concern } from "../concern/concern.ts";
import type { AuditEvent } from "../messaging/audit-event.ts";
import { planOutboundMessages } from "../messaging/plan-outbound-messages.ts";
import type { ConcernChange } from "../ports/concern-repository.port.ts";
import { absorbMerged } from "../repeat/merge-concerns.ts";
import type { LiaisonContext } from "./liaison-context.ts";
import type { ActOptions } from "./act-on-concern.ts";
import { postedAnywayEvents } from "../privacy/posted-anyway-event.ts";

const MAX_ATTEMPTS = 5;

type Merge = Extract<ConcernAction, { type: "merge" }>;

/** One concern's change with what its cards and threads must be told. */
function changeOf(ctx: LiaisonContext, before: Concern, after: Concern, events: AuditEvent[], now: Date) {
  const fanOut = planOutboundMessages(before, after, events, {
    directory: ctx.directory(),
    platforms: ctx.platforms,
    now,
  });
  return {
    concern: after,
    events: [...events, ...fanOut.events],
    messages: fanOut.messages,
  } as ConcernChange;
}

/**
 * Merges a concern into one it is linked to as a repeat: it is closed ("Merged into PR-…") and the
 * other records "Merged PR-… into this" and keeps the stricter obligations of the two. Both are written
 * in one transaction, each a compare-and-set, so two instances (or a second click) cannot half-merge;
 * the loser reads both again and is refused by name ("already merged into …").
 */
export async function mergeConcern(
  ctx: LiaisonContext,
  concernId: ConcernId,
  action: Merge,
  who: PlatformIdentity,
  options: ActOptions = {},
): Promise<TransitionOutcome> {
  const directory = ctx.directory();
  const actor = identifyActor(directory, who);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const merged = await ctx.concerns.findById(concernId);
    if (!merged) throw new NotFoundError(`Concern ${concernId} no longer exists.`);
    const into = action.into === concernId ? merged : await ctx.concerns.findById(action.into);
    if (!into) throw new InvalidInputError({ into: "The concern chosen to merge into no longer exists." });
    // Both cards change: whoever merges must be allowed to act on both concerns.
    const by = authorizeAction({ directory, groups: ctx.groups }, actor, merged, "merge");
    authorizeAction({ directory, groups: ctx.groups }, actor, into, "merge");
    const now = ctx.clock.now();
    const outcome = transition(merged, action, by, now, { recipientOf: () => undefined, mergeTarget: into });
    if (outcome.kind !== "changed") return outcome;
    outcome.events.push(...postedAnywayEvents(merged.id, by, now, options.identifiersOverride));
    const survivor = absorbMerged(into, merged, by, now, action.reason?.trim() || undefined);
    const written = await ctx.concerns.writeTogether({
      updates: [
        {
          change: changeOf(ctx, merged, outcome.concern, outcome.events, now),
          expectedVersion: merged.version,
        },
        {
          change: changeOf(ctx, into, survivor.concern, [survivor.event], now),
          expectedVersion: into.version,
        },
      ],
    });
    if (written) {
      ctx.logger.info({ concern: merged.reference, into: into.reference }, "concern merged");
      return outcome;
    }
  }
  throw new LiaisonError("conflict", "The concerns are changing quickly; please try again in a moment.");
}
