import type { WebClient } from "@slack/web-api";
import type { Block } from "./slack-card-blocks.ts";

/** A file for one person, and the message it comes with. */
export interface DirectShare {
  bytes: Buffer;
  filename: string;
  title: string;
  altText?: string;
  blocks: Block[];
}

/**
 * Shares a file, with its message, in the person's direct messages with Liaison (conversations.open,
 * then web-api's uploadV2: files.getUploadURLExternal, the upload, files.completeUploadExternal). Only
 * they can open it there. Every call is bound by the client's deadline.
 */
export async function shareInDirectMessages(
  client: WebClient,
  userId: string,
  share: DirectShare,
): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  await client.filesUploadV2({
    channel_id: opened.channel!.id!,
    file: share.bytes,
    filename: share.filename,
    title: share.title,
    ...(share.altText ? { alt_text: share.altText } : {}),
    blocks: share.blocks,
  });
}
