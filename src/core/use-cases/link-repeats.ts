import type { ActorRef, Concern } from "../concern/concern.ts";
import type { AuditEvent } from "../messaging/audit-event.ts";
import { planOutboundMessages } from "../messaging/plan-outbound-messages.ts";
import type { ConcernWrites, VersionedChange } from "../ports/concern-repository.port.ts";
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
 * The writes that link the stored concern `raised` as a repeat of `earlier`, oldest first: its links
 * set with "linked as repeat of …" in its trail (its card redrawn), and every earlier one told, together.
 */
export function repeatWrites(
  ctx: LiaisonContext,
  raised: Concern,
  earlier: readonly Concern[],
): ConcernWrites {
  const linked: Concern = {
    ...raised,
    repeatOf: earlier.map(linkTo),
    version: raised.version + 1,
    updatedAt: raised.createdAt,
  };
  const event = linkedEvent(linked, earlier);
  const fanOut = planOutboundMessages(raised, linked, [event], {
    directory: ctx.directory(),
    platforms: ctx.platforms,
    now: raised.createdAt,
  });
  return {
    updates: [
      {
        change: { concern: linked, events: [event, ...fanOut.events], messages: fanOut.messages },
        expectedVersion: raised.version,
      },
      ...earlier.map((e) => repeatedBy(ctx, e, linked, earlier.length + 1)),
    ],
  };
}

const MAX_LINK_ATTEMPTS = 5;

/**
 * Links a just-stored concern to the earlier concerns for the same patient, unit and room within the
 * window. It runs after the concern is stored, so linking can never cost a concern: if the earlier
 * ones keep changing, or the store refuses, the concern stays unlinked and the log says why.
 */
export async function linkRepeats(ctx: LiaisonContext, raised: Concern): Promise<Concern> {
  if (!raised.repeatKey) return raised;
  try {
    for (let attempt = 1; attempt <= MAX_LINK_ATTEMPTS; attempt++) {
      const earlier = await earlierRepeats(ctx, raised);
      if (earlier.length === 0) return raised;
      const current = (await ctx.concerns.findById(raised.id)) ?? raised;
      const writes = repeatWrites(ctx, current, earlier);
      if (await ctx.concerns.writeTogether(writes)) return writes.updates[0]!.change.concern;
    }
    ctx.logger.warn({ concern: raised.reference }, "repeat links not made: the concerns kept changing");
  } catch (error) {
    ctx.logger.warn({ concern: raised.reference, err: error }, "repeat links not made: the store refused");
  }
  return raised;
}
