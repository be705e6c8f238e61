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
import type { AskedHow, Rating } from "../satisfaction/satisfaction.ts";

/** Why a survey link can no longer be answered. */
export type SurveyRefusal = "answered" | "expired" | "not-resolved";
import type { PatientUpdateMethod } from "../concern/patient-update.ts";
import type { IdentifierOverride } from "../privacy/identifier-warning.ts";

/** Another concern named in an event: its id and reference. */
export interface ConcernRef {
  id: ConcernId;
  reference: string;
}

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

/** A missed patient update reaching the ladder's next level: who, at which level, how late. */
export interface PatientUpdateEscalation {
  dueAt: string;
  overdueMinutes: number;
  level: number;
  notify: LadderTarget;
  recipientKind: "person" | "channel";
  recipient: PersonId | null;
  recipientName: string;
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
  /** A permitted person pressed "Show details" and saw the full description and patient reference. */
  "details-viewed": { platform: Platform };
  /** Warned of likely identifiers in what they typed, the person posted it anyway: which fields, which kinds. */
  "identifiers-posted-anyway": IdentifierOverride;
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
  /** The patient's rating, asked by staff or answered on the survey page (the comment only in the record). */
  "satisfaction-recorded": {
    from: ConcernStatus;
    rating: Rating;
    comment: string | null;
    source: "staff" | "survey";
    askedHow?: AskedHow;
  };
  /** A one-time survey link was made; its token was sent only to whoever asked for it. */
  "survey-link-created": { from: ConcernStatus; invitationId: string; expiresAt: string };
  /** The patient's side: the survey (or its printable page) was opened with a live link. */
  "survey-opened": { invitationId: string; page: "survey" | "print" };
  /** The patient's side: a link that can no longer be answered was used (answered, expired, replaced). */
  "survey-refused": { invitationId: string; reason: SurveyRefusal; page: "survey" | "print" };
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
  /** A new concern for the same unit, room and patient within the window: which earlier ones it repeats. */
  "linked-as-repeat": { ordinal: number; of: ConcernRef[] };
  /** On an earlier concern: a later one was linked to it as a repeat. */
  repeated: { by: ConcernRef; ordinal: number };
  /** This concern was merged into another and closed; its timeline stays its own. */
  "merged-into": { from: ConcernStatus; into: ConcernRef; reason: string | null };
  /** Another concern was merged into this one, which keeps the stricter of the two's obligations. */
  "merged-from": {
    from: ConcernStatus;
    merged: ConcernRef;
    reason: string | null;
    /** The merged concern was a grievance and this one was not: it is one now, with that clock. */
    becameGrievance: boolean;
    /** The deadlines this concern has after the merge (the earlier of the two's). */
    acknowledgeBy: string;
    resolveBy: string;
    grievanceNoticeBy: string | null;
  };
  "grievance-reminder": { noticeDueAt: string; recipients: PersonId[] };
  /** The owner told the patient or family how it is going: how, and what (a line). */
  "patient-updated": { from: ConcernStatus; method: PatientUpdateMethod; note: string };
  /** The update the policy requires was missed: its owner was reminded. */
  "patient-update-reminder": { dueAt: string; owner: string };
  /** Still missed after the reminder: the ladder's next level (or its channel) was told. */
  "patient-update-escalated": PatientUpdateEscalation;
  /**
   * The retention policy removed what was typed about the patient: how many of the concern's details
   * and of its events' free texts (counts only; the trail's events themselves stay).
   */
  "patient-details-purged": { retainDays: number; detailsRemoved: number; eventTextsRemoved: number };
  /**
   * Hospital-level (no concern): someone exported the audit trail of a range of days, from the command
   * line or chat. What was exported (days, format, how many concerns and events), never its content.
   */
  "audit-exported": {
    from: string;
    to: string;
    format: "csv" | "json";
    concerns: number;
    events: number;
    via: "command-line" | Platform;
  };
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
