import type { Concern } from "../concern/concern.ts";
import { isCalendarDate } from "../escalation/business-time.ts";
import type { LetterLanguage, NoticeMethod } from "../grievance/grievance-notice.ts";
import type { AuditEventType } from "../messaging/audit-event.ts";
import type { AuditFreeText } from "../messaging/audit-free-text.ts";
import type { Platform } from "../platform.ts";

export type AuditExportFormat = "csv" | "json";
export const AUDIT_EXPORT_FORMATS: readonly AuditExportFormat[] = ["csv", "json"];

/** One audit event as the surveyor reads it: what, when (both clocks), who, where, and a sentence. */
export interface ExportedEvent {
  type: AuditEventType;
  at: Date;
  /** "2026-03-31 23:59:30" on the hospital's wall clock. */
  atLocal: string;
  who: string;
  /** The actor's key: "person:sam-rivera", "slack:U123", "system". */
  whoKey: string;
  authorizedBy?: string;
  /** Where it happened: the event's own platform (a reveal, a delivery) or the actor's. */
  platform: string;
  description: string;
  /** What the event records beside its free text. */
  detail: Readonly<Record<string, unknown>>;
  /** What a person typed (notes, reasons, a resolution's words); absent when none, or purged. */
  text?: AuditFreeText;
}

/** A letter sent to the patient for a grievance: which, in which language, and how and when it went. */
export interface ExportedLetter {
  kind: "final" | "interim";
  language?: LetterLanguage;
  producedAt?: Date;
  sentOn?: string;
  method?: NoticeMethod;
}

/** The grievance's dates: when the notice was due, the interim and written notices, the letters. */
export interface GrievanceRecord {
  noticeBy?: Date;
  interimNotice?: { sentOn: string; method: NoticeMethod; followUpOn: string };
  writtenNotice?: { sentOn: string; method: NoticeMethod };
  letters: ExportedLetter[];
}

export interface ExportedConcern {
  id: string;
  reference: string;
  raisedAt?: Date;
  status?: Concern["status"];
  grievance?: GrievanceRecord;
  /** The retention policy removed its patient details (and its events' free text) then. */
  detailsPurgedAt?: Date;
  events: ExportedEvent[];
}

/** The export: the days asked for, who asked and when, and every event of those days. */
export interface AuditExport {
  range: { from: string; to: string; timeZone: string; startsAt: Date; endsAt: Date };
  generatedAt: Date;
  generatedBy: { name: string; key: string; platform: string };
  format: AuditExportFormat;
  concerns: ExportedConcern[];
  /** Events tied to no concern (digests sent, deliveries that failed, earlier exports). */
  hospitalEvents: ExportedEvent[];
  eventCount: number;
}

/** Who asked for an export, and through what (the command line, or a chat platform). */
export type ExportVia = "command-line" | Platform;

/** Why a range cannot be exported, in words that name what to write; undefined when it can. */
export function rangeProblem(from: string, to: string): string | undefined {
  if (!isCalendarDate(from))
    return `the first day "${from}" is not a date: expected YYYY-MM-DD, like 2026-01-01`;
  if (!isCalendarDate(to)) return `the last day "${to}" is not a date: expected YYYY-MM-DD, like 2026-03-31`;
  if (from > to) return `the first day ${from} is after the last day ${to}`;
  return undefined;
}

/** The grievance's dates and letters, from the concern as it stands now. */
export function grievanceRecordOf(concern: Concern): GrievanceRecord | undefined {
  if (!concern.isGrievance) return undefined;
  const letters: ExportedLetter[] = [];
  const interim = concern.grievanceInterim;
  if (interim?.letter) letters.push({ kind: "interim", sentOn: interim.sentOn, method: interim.method });
  const letter = concern.grievanceLetter;
  if (letter) {
    letters.push({
      kind: "final",
      producedAt: letter.producedAt,
      ...(concern.grievanceResolution ? { language: concern.grievanceResolution.language } : {}),
      ...(letter.sent ? { sentOn: letter.sent.sentOn, method: letter.sent.method } : {}),
    });
  }
  return {
    ...(concern.grievanceNoticeBy ? { noticeBy: concern.grievanceNoticeBy } : {}),
    ...(interim
      ? { interimNotice: { sentOn: interim.sentOn, method: interim.method, followUpOn: interim.followUpOn } }
      : {}),
    ...(letter?.sent ? { writtenNotice: { sentOn: letter.sent.sentOn, method: letter.sent.method } } : {}),
    letters,
  };
}
