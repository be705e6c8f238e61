import type { Concern } from "../concern/concern.ts";
import type { ConcernDraftInput } from "../concern/concern-draft.schema.ts";
import { looksLikeConcernReference } from "../concern/concern-reference.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import { parseConcernCommand } from "../actions/parse-concern-command.ts";
import type { LiaisonContext } from "./liaison-context.ts";
import { answerDutyCommand } from "./take-duty.ts";
import type { HomeView } from "../home/home-view.ts";
import type { AuditExport } from "../audit-export/audit-export.ts";
import { buildHome } from "./build-home.ts";
import { exportFromChat } from "./export-from-chat.ts";
import { buildReport, type ReportContent } from "./build-report.ts";

/** How many open concerns "mine" lists: enough for a shift, short enough to read in chat. */
export const MINE_LIMIT = 25;

/** What the /concern command (Slack) or the concern, status, mine and help words (Teams) answer. */
export type CommandAnswer =
  | { kind: "help" }
  | { kind: "open-form"; prefill: ConcernDraftInput; problems: Partial<Record<"unit", string>> }
  | { kind: "status"; concern: Concern }
  | { kind: "mine"; concerns: Concern[] }
  /** The person's home: what is overdue, their departments' queue, what they raised or own. */
  | { kind: "home"; home: HomeView }
  /** A sentence for the person, e.g. which concern they meant; it may quote what they typed. */
  | { kind: "say"; text: string }
  /** A report, for the asker alone: its title and lines, the same words on both platforms. */
  | { kind: "report"; content: ReportContent }
  /** The surveyor's export, for the asker alone, to be sent to them as a file. */
  | { kind: "export"; exported: AuditExport };

/** The words a personal chat message starts with that Liaison answers; anything else gets help. */
const COMMAND_WORDS = new Set(["concern", "status", "mine", "home", "help", "duty", "report", "export"]);

/**
 * A chat message as a command: "concern rm 412 …" raises, "status PR-…", "mine" and "help" answer;
 * any other message is answered with help rather than ignored.
 */
export function commandOfMessage(text: string): string {
  const [first = "", ...rest] = text.trim().split(/\s+/);
  const word = first.toLowerCase();
  if (!COMMAND_WORDS.has(word)) return "help";
  return word === "concern" ? rest.join(" ") : text.trim();
}

/**
 * The one dialogue of the concern command, for both platforms: `invocation` is how the person calls
 * it there ("/concern" in Slack, "" in Teams), so examples read as they would type them.
 */
export async function answerConcernCommand(
  ctx: Pick<
    LiaisonContext,
    "concerns" | "directory" | "duties" | "clock" | "outbox" | "platforms" | "logger"
  >,
  text: string,
  who: PlatformIdentity,
  invocation: string,
): Promise<CommandAnswer> {
  const directory = ctx.directory();
  const command = parseConcernCommand(directory, text);
  const example = `${invocation ? `${invocation} ` : ""}status PR-2026-00042`;
  switch (command.kind) {
    case "help":
      return { kind: "help" };
    case "raise":
      return { kind: "open-form", prefill: command.prefill, problems: command.problems };
    case "duty":
      return { kind: "say", text: await answerDutyCommand(ctx, command.words, who, invocation) };
    case "report": {
      const report = await buildReport(ctx, who, command.words);
      return report.kind === "report" ? report : { kind: "say", text: report.message };
    }
    case "home":
      return { kind: "home", home: await buildHome(ctx, who) };
    case "export": {
      const answer = await exportFromChat(ctx, who, command.words);
      return answer.kind === "export" ? answer : { kind: "say", text: answer.message };
    }
    case "mine": {
      const actor = identifyActor(directory, who);
      return { kind: "mine", concerns: await ctx.concerns.listOpenInvolving(actor.ref.key, MINE_LIMIT) };
    }
    case "status": {
      if (!looksLikeConcernReference(command.reference)) {
        return { kind: "say", text: `Which concern? Give its reference, for example: ${example}` };
      }
      const concern = await ctx.concerns.findByReference(command.reference);
      if (concern) return { kind: "status", concern };
      return {
        kind: "say",
        text: `No concern ${command.reference} was found. Check the reference; it looks like PR-2026-00042.`,
      };
    }
  }
}

/** Said to a person with nothing open: none they raised or own is waiting. */
export const NO_OPEN_CONCERNS = "You have no open concerns: none you raised or own is waiting.";
