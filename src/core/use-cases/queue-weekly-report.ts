import type { Person } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { platformFor } from "../messaging/fan-out-builder.ts";
import type { OutboundMessage } from "../messaging/outbound-message.ts";
import { buildReport } from "./build-report.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/** The period a weekly report covers: the week that ended as it is sent (Monday to Sunday). */
export const WEEKLY_REPORT_PERIOD = "last week";

/** Who receives the weekly report: the directory's list, or else every liaison and director. */
export function weeklyReportRecipients(directory: DirectoryIndex): Person[] {
  const named = directory.hospital.weeklyReport?.recipients ?? [];
  if (named.length > 0) return named.flatMap((id) => directory.person(id) ?? []);
  return directory.directory.people.filter((p) => p.role === "liaison" || p.role === "director");
}

/**
 * Queues last week's report, in each recipient's direct messages, for one schedule slot. Every
 * instance fires the same slot; the outbox's idempotency key (person + slot) lets exactly one queue
 * it. Each recipient gets the report for what they may see, as if they had asked for it themselves.
 */
export async function queueWeeklyReport(ctx: LiaisonContext, slot: Date): Promise<number> {
  const directory = ctx.directory();
  const messages: OutboundMessage[] = [];
  for (const person of weeklyReportRecipients(directory)) {
    const platform = platformFor(person, ctx.platforms);
    const userId = platform === "slack" ? person.slackUserId : person.teamsAadObjectId;
    if (!platform || !userId) {
      ctx.logger.warn({ person: person.id }, "weekly report recipient has no chat id on an enabled platform");
      continue;
    }
    const report = await buildReport(
      ctx,
      { platform, userId, displayName: person.name },
      WEEKLY_REPORT_PERIOD,
    );
    const text =
      report.kind === "report" ? [report.content.title, ...report.content.lines].join("\n") : report.message;
    messages.push({
      idempotencyKey: `weekly-report:${person.id}:${slot.toISOString()}`,
      platform,
      message: { kind: "direct", personId: person.id, purpose: "weekly-report", text, withCard: false },
    });
  }
  return messages.length > 0 ? ctx.outbox.enqueue(messages, ctx.clock.now()) : 0;
}
