import {
  AUDIT_EXPORT_FORMATS,
  type AuditExport,
  type AuditExportFormat,
} from "../audit-export/audit-export.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import { InvalidInputError, LiaisonError, NotAllowedError } from "../errors.ts";
import { DateTime } from "luxon";
import { parseReportPeriod } from "../report/report-period.ts";
import { HOSPITAL_WIDE_ROLES } from "../report/report-scope.ts";
import { AuditExportRangeError, exportAuditTrail } from "./export-audit-trail.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/** The export from chat, or why not, in words the asker can act on. */
export type ChatExportAnswer =
  | { kind: "export"; exported: AuditExport }
  | { kind: "refused"; code: LiaisonError["code"]; message: string };

export const EXPORT_HINT =
  "for example: export last month, export 2026-01-01..2026-03-31 csv, or export 2026-11 json";

/** Said with every export sent to chat: where it may be kept. */
export const EXPORT_HOLDS_PATIENT_INFORMATION =
  "It holds patient information and staff notes: keep it where the hospital keeps patient records, and delete it from chat once saved there.";

type ExportContext = Pick<LiaisonContext, "concerns" | "clock" | "directory">;

/** "last month csv" → the days and the format; the period words are a report's (local days, both ends in). */
function parseExportWords(
  words: string,
  now: Date,
  zone: string,
): { from: string; to: string; format: AuditExportFormat } {
  const parts = words.trim().split(/\s+/).filter(Boolean);
  const last = parts.at(-1)?.toLowerCase();
  const format = AUDIT_EXPORT_FORMATS.find((f) => f === last);
  const periodWords = (format ? parts.slice(0, -1) : parts).join(" ");
  if (!periodWords) throw new InvalidInputError({ period: `Which days? Name a period, ${EXPORT_HINT}.` });
  const { current } = parseReportPeriod(periodWords, now, zone);
  const day = (at: Date) => DateTime.fromJSDate(at, { zone }).toISODate()!;
  // The range is half-open (the next period's first midnight): the last day is the one before it.
  return { from: day(current.start), to: day(new Date(current.end.getTime() - 1)), format: format ?? "csv" };
}

/**
 * `/concern export <period> [csv|json]` (and Teams' `export …`): the surveyor's export, for a liaison,
 * a director or an admin, delivered to them as a file. It holds patient information and staff notes,
 * so it is for the roles that see every department; the export is audited, naming them and the platform.
 */
export async function exportFromChat(
  ctx: ExportContext,
  who: PlatformIdentity,
  words: string,
): Promise<ChatExportAnswer> {
  const directory = ctx.directory();
  const actor = identifyActor(directory, who);
  try {
    if (!actor.person || !HOSPITAL_WIDE_ROLES.has(actor.person.role)) {
      throw new NotAllowedError(
        "The audit export is for patient relations liaisons, directors and admins; it holds every department's patient information.",
      );
    }
    const { from, to, format } = parseExportWords(words, ctx.clock.now(), directory.hospital.timeZone);
    const exported = await exportAuditTrail(ctx, { from, to, format, by: actor.ref, via: who.platform });
    return { kind: "export", exported };
  } catch (error) {
    if (error instanceof LiaisonError) return { kind: "refused", code: error.code, message: error.message };
    if (error instanceof AuditExportRangeError)
      return { kind: "refused", code: "invalid-input", message: error.message };
    throw error;
  }
}
