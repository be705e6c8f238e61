import type { KnownBlock } from "@slack/types";
import {
  channelCardView,
  type CommandAnswer,
  type Concern,
  concernSummary,
  currentCard,
  type DirectoryIndex,
  NO_OPEN_CONCERNS,
  type ReportContent,
} from "../../core/index.ts";
import { slackPermalink } from "./slack-card-blocks.ts";
import { fallbackText, literalSections, richList, richText, type Span } from "./slack-text.ts";

/** A reply to one person: notification text plus the blocks that show it. */
export interface SlackReply {
  text: string;
  blocks?: KnownBlock[];
}

export const HELP_TEXT = [
  "*Liaison* gets a patient's concern to the team that can fix it, and makes sure someone owns it.",
  "• `/concern` opens the form. Add words to pre-fill it: `/concern rm 412 unit 4W high pain not controlled 2h`",
  "• `/concern status PR-2026-00042` shows where a concern stands",
  "• `/concern mine` lists the open concerns you raised or own; Liaison's *Home* tab shows them with your department's queue (`/concern home` brings it up to date)",
  "• `/concern report` shows this month's numbers; add a department, unit or category and a period: `/concern report Nursing 4 West last month`",
  "• `/concern export last month` (liaisons, directors, admins) sends you the surveyor's audit export as a file; name days and a format: `/concern export 2026-01-01..2026-03-31 json`",
  "• `/concern duty charge-nurse 4W` makes you charge nurse for 4 West until the shift change; add `@someone` to hand it over; `/concern duty` lists who is on duty",
  "Cards in your department's channel have buttons: Acknowledge, Resolve, Reassign, Escalate now, Add note.",
  "Never type a patient's name: use an encounter or account number as the patient reference.",
].join("\n");

export const HELP_REPLY: SlackReply = { text: HELP_TEXT };

/** Words that may quote a person (what they typed, a display name): shown literally. */
export const literalReply = (text: string): SlackReply => ({
  text: fallbackText(text),
  blocks: literalSections(text),
});

export function summarySpans(directory: DirectoryIndex, concern: Concern): Span[] {
  const card = currentCard(concern, "slack");
  const summary = concernSummary(directory, concern);
  return card
    ? [
        { text: summary, bold: true },
        { text: " · " },
        { text: "open card", link: slackPermalink(card.channelId, card.messageId) },
      ]
    : [{ text: summary, bold: true }];
}

export function statusReply(directory: DirectoryIndex, concern: Concern, now: Date): SlackReply {
  const view = channelCardView(directory, concern, now);
  const lines: Span[][] = [
    summarySpans(directory, concern),
    [{ text: `${view.department} · ${view.statusLine}` }],
    ...[view.escalationLine, view.grievanceLine, view.patientUpdateLine]
      .filter((l): l is string => Boolean(l))
      .map((text) => [{ text }]),
  ];
  return { text: fallbackText(concernSummary(directory, concern)), blocks: [richText(lines)] };
}

export function mineReply(directory: DirectoryIndex, concerns: readonly Concern[], now: Date): SlackReply {
  if (concerns.length === 0) return { text: NO_OPEN_CONCERNS };
  const heading = `Your open concerns (${concerns.length}):`;
  return {
    text: heading,
    blocks: [
      richText([[{ text: heading, bold: true }]]),
      richList(
        concerns.map((c) => [
          ...summarySpans(directory, c),
          { text: ` — ${channelCardView(directory, c, now).statusLine}` },
        ]),
      ),
    ],
  };
}

/**
 * The private answer to /concern, for every answer but the form (a modal), a report
 * (slack-report-delivery.ts), the home (the App Home tab, slack-home.ts) and an export (a file,
 * slack-export-delivery.ts).
 */
export function commandReply(
  directory: DirectoryIndex,
  answer: Exclude<CommandAnswer, { kind: "open-form" | "report" | "home" | "export" }>,
  now: Date,
): SlackReply {
  switch (answer.kind) {
    case "help":
      return HELP_REPLY;
    case "status":
      return statusReply(directory, answer.concern, now);
    case "mine":
      return mineReply(directory, answer.concerns, now);
    case "say":
      return literalReply(answer.text);
  }
}

/** A report as rich text: its title in bold, then one line per figure (Liaison's words and the directory's names). */
export function reportReply(content: ReportContent): SlackReply {
  const lines: Span[][] = [[{ text: content.title, bold: true }], ...content.lines.map((text) => [{ text }])];
  return { text: fallbackText(content.title), blocks: [richText(lines)] };
}
