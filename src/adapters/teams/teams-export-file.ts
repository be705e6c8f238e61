import { randomUUID } from "node:crypto";
import type { Attachment, FileUploadInfo } from "botbuilder";
import type { AuditExport, ExportFile } from "../../core/index.ts";

/** Teams' cards for sending a file to a person: they consent, Teams gives an upload URL, then the file's card. */
export const FILE_CONSENT_CARD = "application/vnd.microsoft.teams.card.file.consent";
export const FILE_INFO_CARD = "application/vnd.microsoft.teams.card.file.info";

/** How long an export waits for its consent on the instance that made it; after that it is made again. */
const HOLD_MS = 15 * 60_000;

/** What the consent card hands back on accept or decline: which export, and how to make it again. */
export interface ExportConsentContext {
  key: string;
  from: string;
  to: string;
  format: string;
}

/** Exports waiting for their consent, in memory: one held elsewhere (another instance, a restart) is made again. */
export class HeldExports {
  private readonly held = new Map<string, { file: ExportFile; until: number }>();

  hold(file: ExportFile): string {
    const now = Date.now();
    for (const [key, entry] of this.held) if (entry.until < now) this.held.delete(key);
    const key = randomUUID();
    this.held.set(key, { file, until: now + HOLD_MS });
    return key;
  }

  take(key: string): ExportFile | undefined {
    const entry = this.held.get(key);
    this.held.delete(key);
    return entry && entry.until >= Date.now() ? entry.file : undefined;
  }
}

export const exportSummary = (e: AuditExport) =>
  `The audit export of ${e.range.from} to ${e.range.to} (${e.format.toUpperCase()}): ${e.eventCount} events of ${e.concerns.length} concerns.`;

/** The card asking the person to let Liaison put the file in their OneDrive (Teams' way for a bot to send one). */
export function consentAttachment(file: ExportFile, exported: AuditExport, key: string): Attachment {
  const context: ExportConsentContext = {
    key,
    from: exported.range.from,
    to: exported.range.to,
    format: exported.format,
  };
  return {
    contentType: FILE_CONSENT_CARD,
    name: file.fileName,
    content: {
      description: exportSummary(exported),
      sizeInBytes: Buffer.byteLength(file.content, "utf8"),
      acceptContext: context,
      declineContext: context,
    },
  };
}

/** The file's card once it is uploaded: Teams shows it as the file, opened from the person's OneDrive. */
export function fileInfoAttachment(upload: FileUploadInfo): Attachment {
  return {
    contentType: FILE_INFO_CARD,
    name: upload.name,
    contentUrl: upload.contentUrl,
    content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
  };
}

/** Writes the file to the upload session Teams opened (one request, the whole file), within a deadline. */
export async function uploadExportFile(
  uploadUrl: string,
  file: ExportFile,
  timeoutMs: number,
): Promise<void> {
  const bytes = Buffer.from(file.content, "utf8");
  const response = await fetch(uploadUrl, {
    method: "PUT",
    headers: {
      "content-type": file.mimeType,
      "content-length": String(bytes.length),
      "content-range": `bytes 0-${bytes.length - 1}/${bytes.length}`,
    },
    body: bytes,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`the upload was refused (HTTP ${response.status})`);
}
