import type {
  GrievanceResolution,
  InterimNotice,
  LetterLanguage,
  NoticeMethod,
} from "../grievance/grievance-notice.ts";
import type { ActorRef, ConcernStatus } from "../concern/concern.ts";
import type { LadderTarget } from "../directory/directory.ts";
import type { ConcernId, DepartmentId, PersonId } from "../ids.ts";
import type { ChatMessageKind } from "./outbound-message.ts";
import type { EscalationClock } from "../escalation/next-due-at.ts";
import type { Platform } from "../platform.ts";
import type { RoutingDecision } from "../directory/route-concern.ts";
import type { Severity } from "../concern/severity.ts";

/** Which outbox row a delivery event is about. */
export interface DeliveryRef {
  message: ChatMessageKind;
  platform: Platform;
  key: string;
  attempt: number;
}

/** A ladder step that reached someone (a person, or the department's channel). */
export interface LadderEscalation {
  from: ConcernStatus;
  reason: "manual" | "overdue";
  clock: EscalationClock;
  /** "<clock>-<round>-<index>": names the step in idempotency keys. */
  step: string;
  level: number;
  notify: LadderTarget;
  overdueMinutes: number;
  recipientKind: "person" | "channel";
  recipient: PersonId | null;
  recipientName: string;
  afterHours: boolean;
  /** Reached as a duty's fallback person: nobody had taken the duty this shift. */
  dutyFallback?: true;
}

/** A grievance's interim notice missed: its own clock, with its own recipients. */
export interface GrievanceEscalation {
  from: ConcernStatus;
  reason: "overdue";
  clock: "grievance";
  overdueMinutes: number;
  recipients: PersonId[];
}

/** What each kind of audit event records, beside who did it and when. */
export interface AuditDetails {
  created: {
    reference: string;
    category: string;
    severity: Severity;
    unit: string;
    room: string;
    grievance: boolean;
    policy: string;
    /** Raised from the family page: staff decide whether it is a grievance. */
    grievanceCandidate?: true;
  };
  /**
   * Sent from a room's QR code page: which key signed the code, the page's language, whether a way to
   * reach them was left, and a keyed hash of the sender's address (never the address itself).
   */
  "family-page-sent": { keyId: string; language: string; contactLeft: boolean; from: string };
  routed: {
    department: DepartmentId;
    matchedBy: RoutingDecision["matchedBy"];
    afterHours?: true;
    afterHoursTarget?: PersonId;
  };
  acknowledged: { from: ConcernStatus };
  "note-added": { from: ConcernStatus; note: string };
  reassigned: {
    from: ConcernStatus;
    fromDepartment: DepartmentId;
    toDepartment: DepartmentId;
    reason: string | null;
  };
  escalated: LadderEscalation | GrievanceEscalation;
  "escalation-skipped": { clock: EscalationClock; level: number; notify: LadderTarget; reason: string };
  resolved: { from: ConcernStatus; resolutionNote: string | null; grievance?: GrievanceResolution };
  /** The grievance's letter was drafted from its resolution and stored for the liaison to review. */
  "letter-produced": { letterId: string; kind: "final" | "interim"; language: LetterLanguage };
  "qio-referred": { from: ConcernStatus; referredOn: string };
  "interim-notice-sent": {
    from: ConcernStatus;
    followUpOn: string;
    method: NoticeMethod;
    sentOn: string;
    interim: InterimNotice;
  };
  /** A letter's link was opened: when, and from which address (its link is its only key). */
  "letter-opened": { letterId: string; kind: "final" | "interim"; from: string };
  "notice-sent": { from: ConcernStatus; letterId: string; method: NoticeMethod; sentOn: string };
  reopened: { from: ConcernStatus; reason: string };
  "grievance-reminder": { noticeDueAt: string; recipients: PersonId[] };
  "card-posted": DeliveryRef & { channel: string };
  "digest-sent": DeliveryRef & { person: PersonId; slot: string };
  "delivery-failed":
    | (DeliveryRef & { error: string; nextAttemptAt: string })
    /** Nothing could even be queued: the trail says why no card or message appeared. */
    | { message: "post-card"; department: DepartmentId; reason: string }
    | { purpose: string; person: PersonId; reason: string };
  "delivery-retried": DeliveryRef & { delivered: true };
  "delivery-parked": DeliveryRef & { error: string };
}

export type AuditEventType = keyof AuditDetails;

/** One line of the append-only audit trail: who did what, on which platform, when. */
export type AuditEvent = {
  [T in AuditEventType]: {
    concernId?: ConcernId;
    type: T;
    actor: ActorRef;
    at: Date;
    detail: Readonly<AuditDetails[T]>;
  };
}[AuditEventType];

export type AuditEventOf<T extends AuditEventType> = Extract<AuditEvent, { type: T }>;
