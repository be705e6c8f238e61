import type { AuditExport } from "../../core/index.ts";

/** The line that opens every export file: it holds patient information and says who made it, when. */
export const sensitiveNotice = (exported: AuditExport) =>
  `CONFIDENTIAL: contains patient information and staff notes. Liaison audit export of ${exported.range.from} to ${exported.range.to} (${exported.range.timeZone}), generated ${exported.generatedAt.toISOString()} by ${exported.generatedBy.name}. Store and share it as a patient record.`;
