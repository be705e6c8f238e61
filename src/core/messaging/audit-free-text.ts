import type { AuditDetails, AuditEvent, AuditEventType } from "./audit-event.ts";

/**
 * Which details of each kind of audit event are what a person typed (a note, a reason, a resolution's
 * words): the store keeps them apart from the event, sealed, and the retention policy removes them
 * while the event stays. Every kind is listed, so a new one must say whether it carries free text.
 */
export const AUDIT_FREE_TEXT: { readonly [T in AuditEventType]: readonly (keyof AuditDetails[T])[] } = {
  created: [],
  "details-viewed": [],
  // Which fields and which kinds of identifier, never the text itself.
  "identifiers-posted-anyway": [],
  "family-page-sent": [],
  routed: [],
  acknowledged: [],
  "note-added": ["note"],
  reassigned: ["reason"],
  escalated: [],
  "escalation-skipped": [],
  resolved: ["resolutionNote", "grievance"],
  "letter-produced": [],
  "qio-referred": [],
  "satisfaction-recorded": ["comment"],
  "survey-link-created": [],
  "survey-opened": [],
  "survey-refused": [],
  "interim-notice-sent": ["interim"],
  "letter-opened": [],
  "notice-sent": [],
  reopened: ["reason"],
  "linked-as-repeat": [],
  repeated: [],
  "merged-into": ["reason"],
  "merged-from": ["reason"],
  "grievance-reminder": [],
  "patient-updated": ["note"],
  "patient-update-reminder": [],
  "patient-update-escalated": [],
  "patient-details-purged": [],
  "audit-exported": [],
  "card-posted": [],
  "digest-sent": [],
  "delivery-failed": [],
  "delivery-retried": [],
  "delivery-parked": [],
};

/** An event's free text, by detail key; absent when it has none (or none was given). */
export type AuditFreeText = Readonly<Record<string, unknown>>;

/**
 * An event split in two: what it records without free text, and that free text (undefined when the
 * event has none). Null and absent values are not free text and stay with the event.
 */
export function splitFreeText(event: AuditEvent): { event: AuditEvent; text?: AuditFreeText } {
  const keys = AUDIT_FREE_TEXT[event.type] as readonly string[];
  const detail: Record<string, unknown> = { ...event.detail };
  const text: Record<string, unknown> = {};
  for (const key of keys) {
    if (detail[key] === null || detail[key] === undefined) continue;
    text[key] = detail[key];
    delete detail[key];
  }
  if (Object.keys(text).length === 0) return { event };
  return { event: { ...event, detail } as AuditEvent, text };
}

/** True when an event carries free text the retention policy would remove. */
export const hasFreeText = (event: AuditEvent) => splitFreeText(event).text !== undefined;

/** The event as the trail shows it once its free text was purged: the same event, without those details. */
export const withoutFreeText = (event: AuditEvent): AuditEvent => splitFreeText(event).event;
