import type { AuditEvent } from "../messaging/audit-event.ts";
import type { ActorRef, Concern } from "../concern/concern.ts";
import type { EscalationRecipient } from "./escalation-recipient.ts";
import type { LadderStepDue } from "./next-due-at.ts";

/** The audit event of one ladder step reaching someone: enough detail to render and to audit. */
export function escalatedEvent(
  concern: Concern,
  step: Pick<LadderStepDue, "clock" | "index" | "round" | "notify">,
  recipient: EscalationRecipient,
  actor: ActorRef,
  at: Date,
  reason: "manual" | "overdue",
  overdueMinutes: number,
): AuditEvent {
  return {
    concernId: concern.id,
    type: "escalated",
    actor,
    at,
    detail: {
      from: concern.status,
      reason,
      clock: step.clock,
      step: `${step.clock}-${step.round}-${step.index}`,
      level: step.index + 1,
      notify: step.notify,
      overdueMinutes,
      recipientKind: recipient.kind,
      recipient: recipient.kind === "person" ? recipient.person.id : null,
      recipientName: recipient.kind === "person" ? recipient.person.name : recipient.department.name,
      afterHours: recipient.kind === "person" && recipient.afterHours,
      ...(recipient.kind === "person" && recipient.duty?.fallback ? { dutyFallback: true as const } : {}),
    },
  };
}

export function skippedEvent(
  concern: Concern,
  step: Pick<LadderStepDue, "clock" | "index" | "round" | "notify">,
  actor: ActorRef,
  at: Date,
  reason = "nobody is assigned to this level",
): AuditEvent {
  return {
    concernId: concern.id,
    type: "escalation-skipped",
    actor,
    at,
    detail: {
      clock: step.clock,
      level: step.index + 1,
      notify: step.notify,
      reason,
    },
  };
}
