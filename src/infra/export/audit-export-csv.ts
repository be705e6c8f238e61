import type { AuditExport, AuditFreeText, ExportedConcern, ExportedEvent } from "../../core/index.ts";
import { csvLine } from "./csv-cell.ts";
import { sensitiveNotice } from "./audit-export-notice.ts";

/** The columns, in order: one row per event. */
export const AUDIT_EXPORT_COLUMNS = [
  "reference",
  "concern_id",
  "event",
  "at_utc",
  "at_local",
  "who",
  "who_key",
  "authorized_by",
  "platform",
  "description",
  "text",
  "detail",
  "grievance_notice_by",
  "interim_notice_sent",
  "written_notice_sent",
  "letters",
] as const;

/** The typed words as one cell: "note: Family asked for the night nurse | reason: …". */
function textCell(text: AuditFreeText | undefined): string {
  if (!text) return "";
  return Object.entries(text)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" | ");
}

/** The concern's grievance cells, repeated on each of its rows so a filtered sheet still shows them. */
function grievanceCells(concern: ExportedConcern | undefined): string[] {
  const g = concern?.grievance;
  if (!g) return ["", "", "", ""];
  const interim = g.interimNotice ? `${g.interimNotice.sentOn} (${g.interimNotice.method})` : "";
  const written = g.writtenNotice ? `${g.writtenNotice.sentOn} (${g.writtenNotice.method})` : "";
  const letters = g.letters
    .map(
      (l) =>
        `${l.kind}${l.language ? ` ${l.language}` : ""}: ${l.sentOn ? `sent ${l.sentOn} by ${l.method}` : "not sent"}`,
    )
    .join("; ");
  return [g.noticeBy?.toISOString() ?? "", interim, written, letters];
}

function eventRow(event: ExportedEvent, concern: ExportedConcern | undefined): string {
  return csvLine([
    concern?.reference ?? "",
    concern?.id ?? "",
    event.type,
    event.at.toISOString(),
    event.atLocal,
    event.who,
    event.whoKey,
    event.authorizedBy ?? "",
    event.platform,
    event.description,
    textCell(event.text),
    JSON.stringify(event.detail),
    ...grievanceCells(concern),
  ]);
}

/** The export as CSV: the confidentiality line, the column names, then one row per event. */
export function auditExportCsv(exported: AuditExport): string {
  let csv = csvLine([sensitiveNotice(exported)]) + csvLine(AUDIT_EXPORT_COLUMNS);
  for (const concern of exported.concerns) {
    for (const event of concern.events) csv += eventRow(event, concern);
  }
  for (const event of exported.hospitalEvents) csv += eventRow(event, undefined);
  return csv;
}
