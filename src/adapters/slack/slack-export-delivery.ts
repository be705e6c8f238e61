import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import {
  type AuditExport,
  EXPORT_HOLDS_PATIENT_INFORMATION,
  type ExportFileWriter,
  type Logger,
} from "../../core/index.ts";
import { classifySlackError } from "./slack-delivery-error.ts";
import { shareInDirectMessages } from "./slack-direct-share.ts";
import { ephemeral } from "./slack-handler-support.ts";
import { richText } from "./slack-text.ts";

const summary = (e: AuditExport) =>
  `The audit export of ${e.range.from} to ${e.range.to} (${e.format.toUpperCase()}): ${e.eventCount} events of ${e.concerns.length} concerns.`;

/**
 * The surveyor's export as a file in the asker's direct messages with Liaison. Where the command was
 * typed, they are told where it went, or why it could not be sent (asking again makes a new one).
 */
export async function deliverSlackExport(
  client: WebClient,
  respond: RespondFn,
  deps: { exports: ExportFileWriter; logger: Logger },
  userId: string,
  exported: AuditExport,
): Promise<void> {
  const file = deps.exports.fileOf(exported);
  const words = [summary(exported), EXPORT_HOLDS_PATIENT_INFORMATION];
  try {
    await shareInDirectMessages(client, userId, {
      bytes: Buffer.from(file.content, "utf8"),
      filename: file.fileName,
      title: file.fileName,
      blocks: [richText(words.map((text) => [{ text }]))],
    });
  } catch (error) {
    const outcome = classifySlackError(error);
    const reason = "error" in outcome ? outcome.error : "no answer";
    deps.logger.warn({ error: reason }, "slack audit export not delivered");
    await ephemeral(
      respond,
      `${summary(exported)} It could not be sent to your direct messages (Slack said: ${reason}); ask again once that is fixed.`,
    );
    return;
  }
  await ephemeral(respond, `${summary(exported)} It is in your direct messages with Liaison.`);
}
