import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import {
  type Attempt,
  type ChartPainter,
  type ExportFileWriter,
  FORM_UNREADABLE,
  type LiaisonContext,
  LiaisonError,
  notSavedReply,
  type PlatformIdentity,
  refusedReply,
  SOMETHING_WENT_WRONG,
  WHAT_YOU_TYPED,
} from "../../core/index.ts";
import { literalReply, type SlackReply } from "./slack-replies.ts";

/** What every Slack handler needs from the rest of Liaison. */
export interface SlackDeps {
  ctx: LiaisonContext;
  /** Starts delivering the outbox now, so a card or an update appears without waiting for a tick. */
  kickDelivery: () => void;
  /** True the first time a key is seen by any instance: Events API retries are handled once. */
  isFirstDelivery: (key: string) => Promise<boolean>;
  /** Paints a report's chart (a PNG) for the report's message. */
  charts: ChartPainter;
  /** Writes the surveyor's export as a file (CSV or JSON) for the asker's direct messages. */
  exports: ExportFileWriter;
}

export const who = (user: { id: string; name?: string; username?: string }): PlatformIdentity => ({
  platform: "slack",
  userId: user.id,
  displayName: user.name ?? user.username ?? user.id,
});

/** An error a person can act on is said to them; anything else is logged and apologised for. */
export function explain(ctx: LiaisonContext, error: unknown): string {
  if (error instanceof LiaisonError) return error.message;
  ctx.logger.error({ err: error }, "slack handler failed");
  return SOMETHING_WENT_WRONG;
}

/** The reply to a submission that failed: it says plainly that nothing was saved. */
export function notSaved(ctx: LiaisonContext, error: unknown, attempt: Attempt): string {
  if (error instanceof LiaisonError) return refusedReply(attempt, error.message);
  ctx.logger.error({ err: error, attempt }, "slack submission not saved");
  return notSavedReply(attempt);
}

/** A reply followed by what the person typed, so nothing is lost (shown literally: it is their text). */
export function withTyped(reply: string, typed: readonly string[]): string {
  const lines = typed.filter((t) => t.trim().length > 0);
  return lines.length > 0 ? `${reply}\n${WHAT_YOU_TYPED}\n${lines.join("\n")}` : reply;
}

/** A direct message from the bot, shown literally; a failure to send it is never thrown (the form is closed). */
export async function dm(client: WebClient, userId: string, text: string): Promise<void> {
  await client.chat.postMessage({ channel: userId, ...literalReply(text) }).catch(() => undefined);
}

/** A submitted form Slack sent in a shape Liaison cannot read: said to the person, nothing applied. */
export async function formUnreadable(ctx: LiaisonContext, client: WebClient, userId: string): Promise<void> {
  ctx.logger.warn({}, "slack view submission could not be read");
  await dm(client, userId, FORM_UNREADABLE);
}

/** A private answer; plain strings may quote a person, so they are shown literally. */
export const ephemeral = (respond: RespondFn, reply: SlackReply | string) =>
  respond({
    response_type: "ephemeral",
    replace_original: false,
    ...(typeof reply === "string" ? literalReply(reply) : reply),
  });
