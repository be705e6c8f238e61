import type { ActorRef, Concern } from "../concern/concern.ts";
import type { AuditEvent } from "../messaging/audit-event.ts";
import { planOutboundMessages } from "../messaging/plan-outbound-messages.ts";
import type { ConcernChange, ConcernWrites, VersionedChange } from "../ports/concern-repository.port.ts";
import { linkTo, repeatKeyText, repeatWindowStart } from "../repeat/repeat-match.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/** Linking is Liaison's own doing, recorded as such. */
const LIAISON: ActorRef = { key: "system", displayName: "Liaison", platform: "system" };

/** At most this many earlier concerns are linked (the card lists three and "+N more"). */
const MAX_LINKED = 50;

/** The new concern's repeat key, from its unit, room and patient reference; none without a reference. */
export function repeatKeyOf(ctx: LiaisonContext, concern: Concern): string | undefined {
  const text = repeatKeyText(concern);
  return text === undefined ? undefined : ctx.matchKey(text);
}

/** Earlier concerns with the same key raised within the hospital's window, oldest first. */
export async function earlierRepeats(ctx: LiaisonContext, concern: Concern): Promise<Concern[]> {
  const since = repeatWindowStart(concern.createdAt, ctx.directory().hospital.repeatConcernWindowDays);
  if (!concern.repeatKey || !since) return [];
  const found = await ctx.concerns.findRepeats(concern.repeatKey, since, MAX_LINKED);
  return found.filter((c) => c.id !== concern.id && c.createdAt <= concern.createdAt);
}

/** The earlier concern, told a later one repeats it: its card and thread say so. */
function repeatedBy(
  ctx: LiaisonContext,
  earlier: Concern,
  repeat: Concern,
  ordinal: number,
): VersionedChange {
  const now = repeat.createdAt;
  const next: Concern = {
    ...earlier,
    version: earlier.version + 1,
    updatedAt: now,
    repeatedBy: [...(earlier.repeatedBy ?? []), linkTo(repeat)],
  };
  const event: AuditEvent = {
    concernId: earlier.id,
    type: "repeated",
    actor: LIAISON,
    at: now,
    detail: { by: { id: repeat.id, reference: repeat.reference }, ordinal },
  };
  const fanOut = planOutboundMessages(earlier, next, [event], {
    directory: ctx.directory(),
    platforms: ctx.platforms,
    now,
  });
  return {
    change: { concern: next, events: [event, ...fanOut.events], messages: fanOut.messages },
    expectedVersion: earlier.version,
  };
}

/** First in a repeat's trail after its raise: "linked as repeat of PR-…". */
export function linkedEvent(concern: Concern, earlier: readonly Concern[]): AuditEvent {
  return {
    concernId: concern.id,
    type: "linked-as-repeat",
    actor: LIAISON,
    at: concern.createdAt,
    detail: { ordinal: earlier.length + 1, of: earlier.map((c) => ({ id: c.id, reference: c.reference })) },
  };
}

/**
 * The writes that raise `raised` (its own change, links set) as a repeat of `earlier`, oldest first:
 * the new concern with "linked as repeat of …" in its trail, and every earlier one told, together.
 */
export function repeatWrites(
  ctx: LiaisonContext,
  raised: ConcernChange,
  earlier: readonly Concern[],
): ConcernWrites {
  const concern = raised.concern;
  return {
    insert: { ...raised, events: [...raised.events, linkedEvent(concern, earlier)] },
    updates: earlier.map((e) => repeatedBy(ctx, e, concern, earlier.length + 1)),
  };
}
