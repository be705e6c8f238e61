import type { AuditExport } from "../../core/index.ts";
import { sensitiveNotice } from "./audit-export-notice.ts";

/** The export as one JSON document (dates as ISO strings), its confidentiality notice first. */
export function auditExportJson(exported: AuditExport): string {
  const { format: _format, ...rest } = exported;
  return `${JSON.stringify({ notice: sensitiveNotice(exported), ...rest }, null, 2)}\n`;
}
