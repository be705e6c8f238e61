import { type FileConsentCardResponse, MessageFactory, type TurnContext } from "botbuilder";
import {
  type AuditExport,
  EXPORT_HOLDS_PATIENT_INFORMATION,
  type ExportFileWriter,
  exportFromChat,
  type LiaisonContext,
  type PlatformIdentity,
} from "../../core/index.ts";
import {
  consentAttachment,
  type ExportConsentContext,
  fileInfoAttachment,
  type HeldExports,
  uploadExportFile,
} from "./teams-export-file.ts";
import { literalMessage } from "./teams-text.ts";

export interface ExportDeliveryDeps {
  ctx: LiaisonContext;
  exports: ExportFileWriter;
  held: HeldExports;
  /** The upload to the person's OneDrive gives up after this long. */
  uploadTimeoutMs: number;
}

/**
 * The export asked for in Teams: a bot sends a file in a personal chat by asking first (a file consent
 * card); the file waits here for the answer.
 */
export async function offerExport(context: TurnContext, deps: ExportDeliveryDeps, exported: AuditExport) {
  const file = deps.exports.fileOf(exported);
  const key = deps.held.hold(file);
  await context.sendActivity(MessageFactory.attachment(consentAttachment(file, exported, key)));
}

/**
 * Accepted: the file goes to the upload session Teams opened in the person's OneDrive, then its card
 * into the chat. If this instance no longer holds it (another instance, a restart, past 15 minutes),
 * it is made again from the same days, and that export is audited too.
 */
export async function acceptExport(
  context: TurnContext,
  deps: ExportDeliveryDeps,
  response: FileConsentCardResponse,
  who: PlatformIdentity,
): Promise<void> {
  const asked = response.context as ExportConsentContext | undefined;
  const upload = response.uploadInfo;
  if (!asked?.key || !upload?.uploadUrl) {
    await context.sendActivity(
      literalMessage("That export could not be sent; send export and the days again."),
    );
    return;
  }
  let file = deps.held.take(asked.key);
  if (!file) {
    const again = await exportFromChat(deps.ctx, who, `${asked.from}..${asked.to} ${asked.format}`);
    if (again.kind === "refused") {
      await context.sendActivity(literalMessage(again.message));
      return;
    }
    file = deps.exports.fileOf(again.exported);
  }
  try {
    await uploadExportFile(upload.uploadUrl, file, deps.uploadTimeoutMs);
  } catch (error) {
    deps.ctx.logger.warn({ err: (error as Error).message }, "teams audit export upload failed");
    await context.sendActivity(
      literalMessage(
        `The export could not be put in your OneDrive (${(error as Error).message}); send export again.`,
      ),
    );
    return;
  }
  await context.sendActivity({ attachments: [fileInfoAttachment(upload)] });
  await context.sendActivity(literalMessage(EXPORT_HOLDS_PATIENT_INFORMATION));
}

/** Declined: the file is dropped; nothing of it was sent. */
export async function declineExport(
  context: TurnContext,
  deps: ExportDeliveryDeps,
  response: FileConsentCardResponse,
) {
  const asked = response.context as ExportConsentContext | undefined;
  if (asked?.key) deps.held.take(asked.key);
  await context.sendActivity(literalMessage("The export was not sent, and Liaison keeps no copy of it."));
}
