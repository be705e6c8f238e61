import type { AuditExport, ExportFileWriter } from "../../core/index.ts";
import { auditExportCsv } from "./audit-export-csv.ts";
import { auditExportJson } from "./audit-export-json.ts";

/** The export in the format it was asked in, and the file name it is given by default. */
export function formatAuditExport(exported: AuditExport): { fileName: string; content: string } {
  const fileName = `liaison-audit-${exported.range.from}-to-${exported.range.to}.${exported.format}`;
  const content = exported.format === "csv" ? auditExportCsv(exported) : auditExportJson(exported);
  return { fileName, content };
}

/** The writer chat exports use: the same file as the command line's, with its type. */
export const auditExportFiles: ExportFileWriter = {
  fileOf: (exported) => ({
    ...formatAuditExport(exported),
    mimeType: exported.format === "csv" ? "text/csv" : "application/json",
  }),
};
