import { type Activity, MessageFactory } from "botbuilder";
import {
  channelCardView,
  type CommandAnswer,
  concernSummary,
  type DirectoryIndex,
  NO_OPEN_CONCERNS,
} from "../../core/index.ts";
import { asAttachment, concernCard, concernFormCard } from "./teams-cards.ts";
import { literalMessage } from "./teams-text.ts";

/** Liaison's own words (Markdown), with no person's text in them. */
export const HELP_TEXT = [
  "**Liaison** gets a patient's concern to the team that can fix it, and makes sure someone owns it.",
  "- `concern` opens the form (add words to pre-fill it: `concern rm 412 unit 4W high pain not controlled`)",
  "- `status PR-2026-00042` shows where a concern stands",
  "- `mine` lists the open concerns you raised or own; `home` shows them with your department's queue and what is overdue, as a card that stays up to date",
  "- `report` shows this month's numbers; add a department, unit or category and a period: `report Nursing 4 West last month`",
  "- `export last month` (liaisons, directors, admins) offers you the surveyor's audit export as a file in your OneDrive; name days and a format: `export 2026-01-01..2026-03-31 json`",
  "- `duty charge-nurse 4W` makes you charge nurse for 4 West until the shift change; @mention someone after it to hand it over; `duty` lists who is on duty",
  "Never type a patient's name: use an encounter or account number as the patient reference.",
].join("\n\n");

/**
 * The answer to a chat command as the activity Teams shows: help, the form, a card, or words (a
 * report: teams-report-card.ts; the home: teams-home-card.ts; an export: teams-export-delivery.ts).
 */
export function commandActivity(
  directory: DirectoryIndex,
  answer: Exclude<CommandAnswer, { kind: "report" | "home" | "export" }>,
  now: Date,
): Partial<Activity> {
  switch (answer.kind) {
    case "help":
      return MessageFactory.text(HELP_TEXT);
    case "open-form":
      return MessageFactory.attachment(
        asAttachment(concernFormCard(directory, answer.prefill, answer.problems)),
      );
    case "status":
      return MessageFactory.attachment(
        asAttachment(concernCard(channelCardView(directory, answer.concern, now))),
      );
    case "mine": {
      const lines = answer.concerns.map(
        (c) => `- ${concernSummary(directory, c)}: ${channelCardView(directory, c, now).statusLine}`,
      );
      return literalMessage(lines.length === 0 ? NO_OPEN_CONCERNS : lines.join("\n"));
    }
    case "say":
      return literalMessage(answer.text);
  }
}
