import type { AuditExport } from "../audit-export/audit-export.ts";

/** An export as a file a chat platform can carry. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

/** Writes the surveyor's export in the format it was asked in (infra: CSV with its guards, or JSON). */
export interface ExportFileWriter {
  fileOf(exported: AuditExport): ExportFile;
}
