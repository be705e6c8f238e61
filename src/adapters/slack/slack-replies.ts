import { channelCardView } from "../../core/channel-card-view.ts";
import { currentCard } from "../../core/concern-cards.ts";
import type { Concern } from "../../core/concern.ts";
import { concernSummary } from "../../core/concern-summary.ts";
import type { DirectoryIndex } from "../../core/directory-index.ts";
import { escapeMrkdwn } from "./block-kit-limits.ts";
import { slackPermalink } from "./slack-card-blocks.ts";

export const HELP_TEXT = [
  "*Liaison* gets a patient's concern to the team that can fix it, and makes sure someone owns it.",
  "• `/concern` opens the form. Add words to pre-fill it: `/concern rm 412 unit 4W high pain not controlled 2h`",
  "• `/concern status PR-2026-00042` shows where a concern stands",
  "• `/concern mine` lists the open concerns you raised or own",
  "Cards in your department's channel have buttons: Acknowledge, Resolve, Reassign, Escalate now, Add note.",
  "Never type a patient's name: use an encounter or account number as the patient reference.",
].join("\n");

function link(concern: Concern): string {
  const card = currentCard(concern, "slack");
  return card ? ` · <${slackPermalink(card.channelId, card.messageId)}|open card>` : "";
}

export function statusText(directory: DirectoryIndex, concern: Concern, now: Date): string {
  const view = channelCardView(directory, concern, now);
  const lines = [
    `*${escapeMrkdwn(concernSummary(directory, concern))}*${link(concern)}`,
    `${view.department} · ${view.statusLine}`,
    view.escalationLine,
    view.grievanceLine,
  ];
  return lines.filter(Boolean).join("\n");
}

export function mineText(directory: DirectoryIndex, concerns: readonly Concern[], now: Date): string {
  if (concerns.length === 0) return "You have no open concerns: none you raised or own is waiting.";
  return [
    `*Your open concerns (${concerns.length}):*`,
    ...concerns.map(
      (c) =>
        `• ${escapeMrkdwn(concernSummary(directory, c))} — ${channelCardView(directory, c, now).statusLine}${link(c)}`,
    ),
  ].join("\n");
}
