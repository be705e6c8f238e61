import type { App } from "@slack/bolt";
import { answerConcernCommand, type DirectoryIndex } from "../../core/index.ts";
import { ephemeral, explain, withTyped, type SlackDeps } from "./slack-handler-support.ts";
import { concernModal } from "./slack-modals.ts";
import { commandReply } from "./slack-replies.ts";
import { deliverSlackExport } from "./slack-export-delivery.ts";
import { HOME_IS_ON_ITS_TAB, homeTab } from "./slack-home.ts";
import { deliverSlackReport } from "./slack-report-delivery.ts";

/**
 * With "escape users" on, Slack writes a mention in command text as <@U…|name>: one the directory
 * knows becomes that person's id, which the core reads as a person (`duty charge-nurse 4W @Jo` hands over).
 */
export function mentionsAsPeople(directory: DirectoryIndex, text: string): string {
  return text.replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (raw, userId: string, name?: string) => {
    return directory.personOnPlatform("slack", userId)?.id ?? name ?? raw;
  });
}

/** /concern: help, mine, status, home, report and export answer privately; anything else opens the form, pre-filled. */
export function registerConcernCommand(app: App, deps: SlackDeps): void {
  const { ctx } = deps;
  app.command("/concern", async ({ ack, command, client, respond }) => {
    await ack();
    const identity = { platform: "slack" as const, userId: command.user_id, displayName: command.user_name };
    try {
      const text = mentionsAsPeople(ctx.directory(), command.text ?? "");
      const answer = await answerConcernCommand(ctx, text, identity, "/concern");
      if (answer.kind === "open-form") {
        const view = concernModal(ctx.directory(), answer.prefill, "", answer.problems);
        await client.views.open({ trigger_id: command.trigger_id, view });
        return;
      }
      if (answer.kind === "home") {
        await client.views.publish({ user_id: command.user_id, view: homeTab(ctx.directory(), answer.home) });
        await ephemeral(respond, HOME_IS_ON_ITS_TAB);
        return;
      }
      if (answer.kind === "export") {
        const writing = { exports: deps.exports, logger: ctx.logger };
        await deliverSlackExport(client, respond, writing, command.user_id, answer.exported);
        return;
      }
      if (answer.kind === "report") {
        const painting = { charts: deps.charts, logger: ctx.logger };
        await deliverSlackReport(client, respond, painting, command.user_id, answer.content);
        return;
      }
      await ephemeral(respond, commandReply(ctx.directory(), answer, ctx.clock.now()));
    } catch (error) {
      const typed = command.text ? [command.text] : [];
      await ephemeral(respond, withTyped(explain(ctx, error), typed)).catch(() => undefined);
    }
  });
}
