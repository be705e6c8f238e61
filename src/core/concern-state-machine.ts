import type { AuditDetails, AuditEvent, AuditEventOf } from "./audit-event.ts";
import { computeDeadlines } from "./compute-deadlines.ts";
import type { ActorRef, Concern, ConcernStatus } from "./concern.ts";
import { IllegalTransitionError, InvalidInputError } from "./errors.ts";
import type { DepartmentId } from "./ids.ts";
import type { LadderTarget } from "./directory.ts";
import type { EscalationRecipient } from "./escalation-recipient.ts";
import { escalatedEvent, skippedEvent } from "./escalation-events.ts";
import { nextDueAt } from "./next-due-at.ts";
import { walkLadder } from "./walk-ladder.ts";

export const NOTE_MAX_LENGTH = 3000;

export type ConcernAction =
  | { type: "acknowledge" }
  | { type: "resolve"; resolutionNote?: string }
  | { type: "reopen"; reason: string }
  | { type: "reassign"; toDepartment: DepartmentId; toDepartmentName: string; reason?: string }
  | { type: "escalate" }
  | { type: "add-note"; text: string };

export type ConcernActionType = ConcernAction["type"];

export type TransitionOutcome =
  | { kind: "changed"; concern: Concern; events: AuditEvent[] }
  /** Acknowledge and resolve are idempotent: doing it again changes nothing and says who did it first. */
  | { kind: "already-done"; action: "acknowledge" | "resolve"; by: ActorRef; at: Date; concern: Concern };

const ACTIVE: readonly ConcernStatus[] = ["open", "acknowledged", "reopened"];

/** The statuses each action may start from; anything else is an IllegalTransitionError. */
export const LEGAL_FROM: Readonly<Record<ConcernActionType, readonly ConcernStatus[]>> = {
  acknowledge: ["open", "reopened"],
  resolve: ACTIVE,
  reopen: ["resolved"],
  reassign: ACTIVE,
  escalate: ACTIVE,
  "add-note": ["open", "acknowledged", "reopened", "resolved"],
};

function illegal(concern: Concern, action: ConcernActionType): IllegalTransitionError {
  const hint =
    concern.status === "resolved"
      ? `${concern.reference} is resolved; reopen it first.`
      : action === "reopen"
        ? `Only a resolved concern can be reopened; ${concern.reference} is ${concern.status}.`
        : `${concern.reference} is ${concern.status}.`;
  return new IllegalTransitionError(concern.status, action, `Cannot ${action.replace("-", " ")}: ${hint}`);
}

function requireText(field: string, text: string | undefined, what: string): string {
  const trimmed = (text ?? "").trim();
  if (trimmed.length === 0) throw new InvalidInputError({ [field]: `Please enter ${what}.` });
  if (trimmed.length > NOTE_MAX_LENGTH) {
    throw new InvalidInputError({
      [field]: `${what[0]!.toUpperCase()}${what.slice(1)} is ${trimmed.length} characters; the limit is ${NOTE_MAX_LENGTH}.`,
    });
  }
  return trimmed;
}

/**
 * The single place a concern's status changes. Pure: returns the next concern (version bumped, next
 * due time recomputed) and the audit events to append; the store applies both with a compare-and-set.
 */
/** What a transition may need to know about the world: who holds each ladder level right now. */
export interface TransitionContext {
  recipientOf: (target: LadderTarget) => EscalationRecipient | undefined;
}

export function transition(
  concern: Concern,
  action: ConcernAction,
  actor: ActorRef,
  now: Date,
  context: TransitionContext,
): TransitionOutcome {
  if (action.type === "acknowledge" && concern.status === "acknowledged" && concern.acknowledgedBy) {
    return {
      kind: "already-done",
      action: "acknowledge",
      by: concern.acknowledgedBy,
      at: concern.acknowledgedAt!,
      concern,
    };
  }
  if (action.type === "resolve" && concern.status === "resolved" && concern.resolvedBy) {
    return {
      kind: "already-done",
      action: "resolve",
      by: concern.resolvedBy,
      at: concern.resolvedAt!,
      concern,
    };
  }
  if (!LEGAL_FROM[action.type].includes(concern.status)) throw illegal(concern, action.type);

  type ActionEventType = "acknowledged" | "resolved" | "reopened" | "note-added" | "reassigned";
  const event = <T extends ActionEventType>(type: T, detail: Omit<AuditDetails[T], "from">): AuditEvent =>
    // The compiler cannot follow a generic into the union; `detail` is checked against `type` above.
    ({
      concernId: concern.id,
      type,
      actor,
      at: now,
      detail: { from: concern.status, ...detail },
    }) as AuditEventOf<T>;
  const base = { ...concern, updatedAt: now, version: concern.version + 1 };
  let next: Concern;
  let events: AuditEvent[];

  switch (action.type) {
    case "acknowledge":
      next = {
        ...base,
        status: "acknowledged",
        owner: actor,
        acknowledgedAt: now,
        acknowledgedBy: actor,
        escalation: { ...concern.escalation, stepsFired: 0 },
      };
      events = [event("acknowledged", {})];
      break;
    case "resolve": {
      const note = concern.isGrievance
        ? requireText("resolutionNote", action.resolutionNote, "a resolution note (required for a grievance)")
        : action.resolutionNote?.trim() || undefined;
      if (note !== undefined) requireText("resolutionNote", note, "a resolution note");
      next = { ...base, status: "resolved", resolvedAt: now, resolvedBy: actor, resolutionNote: note };
      events = [event("resolved", { resolutionNote: note ?? null })];
      break;
    }
    case "reopen": {
      const reason = requireText("reason", action.reason, "the reason for reopening");
      next = {
        ...base,
        status: "reopened",
        ...computeDeadlines(concern.policy, now),
        resolvedAt: undefined,
        resolvedBy: undefined,
        acknowledgedAt: undefined,
        acknowledgedBy: undefined,
        owner: undefined,
        escalation: { ...concern.escalation, stepsFired: 0 },
      };
      events = [event("reopened", { reason })];
      break;
    }
    case "reassign": {
      if (action.toDepartment === concern.departmentId) {
        throw new InvalidInputError({
          department: `${concern.reference} is already with ${action.toDepartmentName}.`,
        });
      }
      // The new department owns it from now: its acknowledgement clock starts again.
      next = {
        ...base,
        status: "open",
        departmentId: action.toDepartment,
        ...computeDeadlines(concern.policy, now),
        owner: undefined,
        acknowledgedAt: undefined,
        acknowledgedBy: undefined,
        escalation: { ...concern.escalation, stepsFired: 0, level: 0 },
      };
      events = [
        event("reassigned", {
          fromDepartment: concern.departmentId,
          toDepartment: action.toDepartment,
          reason: action.reason?.trim() || null,
        }),
      ];
      break;
    }
    case "escalate": {
      // Jump to the next level of the frozen ladder now, skipping levels nobody holds.
      const walk = walkLadder(base, (t) => context.recipientOf(t) !== undefined, now, "next-escalation");
      events = walk.rungs.map((rung) =>
        rung.type === "skip"
          ? skippedEvent(concern, rung, actor, now)
          : escalatedEvent(
              concern,
              rung,
              context.recipientOf(rung.notify)!,
              actor,
              now,
              "manual",
              rung.overdueMinutes,
            ),
      );
      if (!walk.rungs.some((r) => r.type === "escalate")) {
        throw new IllegalTransitionError(
          concern.status,
          "escalate",
          `${concern.reference} is already at the top of its escalation ladder; there is nobody further to escalate to.`,
        );
      }
      next = { ...base, escalation: walk.escalation };
      break;
    }
    case "add-note": {
      const text = requireText("note", action.text, "a note");
      next = base;
      events = [event("note-added", { note: text })];
      break;
    }
  }
  return { kind: "changed", concern: { ...next, nextDueAt: nextDueAt(next) }, events };
}
