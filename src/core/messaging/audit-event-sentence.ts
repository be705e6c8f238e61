import { NOTICE_METHODS } from "../grievance/grievance-notice.ts";
import type { AuditEvent, AuditEventOf, AuditEventType } from "./audit-event.ts";

type Sentence<T extends AuditEventType> = (event: AuditEventOf<T>, who: string) => string;

const method = (m: keyof typeof NOTICE_METHODS) => NOTICE_METHODS[m].toLowerCase();

/**
 * One line a surveyor can read for each kind of audit event ("Acknowledged by Sam Rivera"). The words a
 * person typed are never in the sentence (the export gives them in their own column, and retention can
 * remove them); every kind is listed, so a new one does not compile until it says how it reads.
 */
const SENTENCES: { [T in AuditEventType]: Sentence<T> } = {
  created: (e, who) =>
    `Raised by ${who}: ${e.detail.category}, ${e.detail.severity}, ${e.detail.unit} room ${e.detail.room}${e.detail.grievance ? " (grievance)" : ""}`,
  "details-viewed": (_e, who) => `${who} viewed the patient details`,
  "identifiers-posted-anyway": (_e, who) =>
    `${who} posted text that looked like patient identifiers, after the warning`,
  "family-page-sent": () => "Sent by the patient or family from the room's page",
  routed: (e) =>
    `Routed to ${e.detail.department} (matched by ${e.detail.matchedBy})${e.detail.afterHours ? ", after hours" : ""}`,
  acknowledged: (_e, who) => `Acknowledged by ${who}`,
  "note-added": (_e, who) => `Note added by ${who}`,
  reassigned: (e, who) => `Reassigned by ${who} from ${e.detail.fromDepartment} to ${e.detail.toDepartment}`,
  escalated: (e) =>
    e.detail.clock === "grievance"
      ? `Grievance interim notice overdue by ${e.detail.overdueMinutes} min: escalated to ${e.detail.recipients.length} people`
      : `Escalated (${e.detail.reason}) to level ${e.detail.level}: ${e.detail.recipientName}`,
  "escalation-skipped": (e) =>
    `Escalation level ${e.detail.level} (${e.detail.notify}) skipped: ${e.detail.reason}`,
  resolved: (_e, who) => `Resolved by ${who}`,
  "letter-produced": (e) => `The ${e.detail.kind} grievance letter was drafted (${e.detail.language})`,
  "qio-referred": (e, who) => `Referral to the QIO on ${e.detail.referredOn}, recorded by ${who}`,
  "satisfaction-recorded": (e, who) =>
    `Patient satisfaction ${e.detail.rating} recorded ${e.detail.source === "survey" ? "from the survey" : `by ${who}`}`,
  "survey-link-created": (_e, who) => `Survey link created by ${who}`,
  "survey-opened": (e) =>
    `The patient opened the ${e.detail.page === "print" ? "printable survey" : "survey"}`,
  "survey-refused": (e) => `A survey link that can no longer be answered was used (${e.detail.reason})`,
  "interim-notice-sent": (e, who) =>
    `Interim notice sent by ${method(e.detail.method)} on ${e.detail.sentOn} (final response by ${e.detail.followUpOn}), recorded by ${who}`,
  "letter-opened": (e) => `The ${e.detail.kind} letter's link was opened`,
  "notice-sent": (e, who) =>
    `Written notice sent by ${method(e.detail.method)} on ${e.detail.sentOn}, recorded by ${who}`,
  reopened: (_e, who) => `Reopened by ${who}`,
  "linked-as-repeat": (e) => `Linked as a repeat of ${e.detail.of.map((c) => c.reference).join(", ")}`,
  repeated: (e) => `Repeated by ${e.detail.by.reference}`,
  "merged-into": (e, who) => `Merged into ${e.detail.into.reference} by ${who}`,
  "merged-from": (e, who) => `${e.detail.merged.reference} merged into this concern by ${who}`,
  "grievance-reminder": (e) => `Grievance notice reminder sent to ${e.detail.recipients.length} people`,
  "patient-updated": (e, who) => `Patient or family updated (${e.detail.method}) by ${who}`,
  "patient-update-reminder": () => "Owner reminded of a missed patient update",
  "patient-update-escalated": (e) => `Missed patient update escalated to ${e.detail.recipientName}`,
  "patient-details-purged": (e) =>
    `Patient details removed by the retention policy (${e.detail.retainDays} days)`,
  "audit-exported": (e, who) =>
    `${who} exported the audit trail of ${e.detail.from} to ${e.detail.to} (${e.detail.format}, ${e.detail.events} events)`,
  "card-posted": (e) => `Card posted on ${e.detail.platform}`,
  "digest-sent": (e) => `Digest sent to ${e.detail.person}`,
  "delivery-failed": (e) =>
    "error" in e.detail
      ? `Delivery of ${e.detail.message} failed: ${e.detail.error}`
      : `Nothing could be queued: ${e.detail.reason}`,
  "delivery-retried": (e) => `Delivery of ${e.detail.message} succeeded after a retry`,
  "delivery-parked": (e) => `Delivery of ${e.detail.message} gave up: ${e.detail.error}`,
};

/** The event as one line a person reads ("Sam Rivera viewed the patient details"). */
export function describeAuditEvent(event: AuditEvent): string {
  const sentence = SENTENCES[event.type] as Sentence<AuditEventType>;
  return sentence(event, event.actor.displayName);
}
