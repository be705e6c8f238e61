import type { ActorRef } from "./concern.ts";
import type { ConcernId } from "./ids.ts";

export const AUDIT_EVENT_TYPES = [
  "created",
  "routed",
  "acknowledged",
  "note-added",
  "reassigned",
  "escalated",
  "escalation-skipped",
  "resolved",
  "reopened",
  "grievance-reminder",
  "card-posted",
  "digest-sent",
  "delivery-failed",
  "delivery-retried",
  "delivery-parked",
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** One line of the append-only audit trail: who did what, on which platform, when. */
export interface AuditEvent {
  concernId?: ConcernId;
  type: AuditEventType;
  actor: ActorRef;
  at: Date;
  detail: Readonly<Record<string, unknown>>;
}
