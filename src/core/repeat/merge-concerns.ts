import type { AuditEvent, ConcernRef } from "../messaging/audit-event.ts";
import type { ActorRef, Concern, MergeRecord } from "../concern/concern.ts";
import { InvalidInputError } from "../errors.ts";
import { nextDueAt } from "../escalation/next-due-at.ts";
import { linkTo, mergeCandidates } from "./repeat-match.ts";

const refOf = (c: Pick<Concern, "id" | "reference">): ConcernRef => ({ id: c.id, reference: c.reference });

/** Why `merged` cannot go into `into`, next to the form's choice; nothing when it can. */
export function refuseMerge(merged: Concern, into: Concern): void {
  const refuse = (text: string) => {
    throw new InvalidInputError({ into: text });
  };
  if (into.id === merged.id) refuse(`${merged.reference} cannot be merged into itself.`);
  if (into.mergedInto) {
    const where = into.mergedInto.concern.reference;
    refuse(
      `${into.reference} was already merged into ${where}; merge ${merged.reference} into ${where} instead.`,
    );
  }
  if (!mergeCandidates(merged).some((l) => l.id === into.id))
    refuse(`${into.reference} is not linked to ${merged.reference} as a repeat, so they cannot be merged.`);
  if (into.status === "resolved")
    refuse(
      `${into.reference} is resolved; reopen it first, or merge it into ${merged.reference} from its own card.`,
    );
}

/** The merged concern's record of where it went (and the survivor's of what came in), same actor and time. */
export function mergeRecord(other: Concern, by: ActorRef, at: Date, reason?: string): MergeRecord {
  return { concern: linkTo(other), by, at, ...(reason ? { reason } : {}) };
}

const earlier = (a: Date, b: Date) => (a <= b ? a : b);
function earliest(...dates: (Date | undefined)[]): Date | undefined {
  const present = dates.filter((d): d is Date => d !== undefined);
  return present.length > 0 ? present.reduce(earlier) : undefined;
}

/**
 * The surviving concern after `merged` (as it was before the merge) went into it: it records the
 * merge and keeps the stricter obligations of the two. A grievance merged into a concern makes it a
 * grievance with that grievance's clock; every deadline is the earlier of the two.
 */
export function absorbMerged(
  survivor: Concern,
  merged: Concern,
  by: ActorRef,
  now: Date,
  reason?: string,
): { concern: Concern; event: AuditEvent } {
  const becameGrievance = merged.isGrievance && !survivor.isGrievance;
  const grievanceNoticeBy = earliest(
    survivor.isGrievance ? survivor.grievanceNoticeBy : undefined,
    merged.isGrievance ? merged.grievanceNoticeBy : undefined,
  );
  const next: Concern = {
    ...survivor,
    version: survivor.version + 1,
    updatedAt: now,
    isGrievance: survivor.isGrievance || merged.isGrievance,
    grievanceNoticeBy,
    acknowledgeBy: earlier(survivor.acknowledgeBy, merged.acknowledgeBy),
    resolveBy: earlier(survivor.resolveBy, merged.resolveBy),
    // The clock adopted from the merged grievance keeps what it already sent, so nobody hears it twice.
    escalation: becameGrievance
      ? {
          ...survivor.escalation,
          grievanceRemindedAt: merged.escalation.grievanceRemindedAt,
          grievanceEscalatedAt: merged.escalation.grievanceEscalatedAt,
        }
      : survivor.escalation,
    mergedFrom: [...(survivor.mergedFrom ?? []), mergeRecord(merged, by, now, reason)],
  };
  next.nextDueAt = nextDueAt(next);
  const event: AuditEvent = {
    concernId: survivor.id,
    type: "merged-from",
    actor: by,
    at: now,
    detail: {
      from: survivor.status,
      merged: refOf(merged),
      reason: reason ?? null,
      becameGrievance,
      acknowledgeBy: next.acknowledgeBy.toISOString(),
      resolveBy: next.resolveBy.toISOString(),
      grievanceNoticeBy: next.grievanceNoticeBy?.toISOString() ?? null,
    },
  };
  return { concern: next, event };
}
