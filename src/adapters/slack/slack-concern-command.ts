import type { App } from "@slack/bolt";
import { answerConcernCommand } from "../../core/index.ts";
import { ephemeral, explain, withTyped, type SlackDeps } from "./slack-handler-support.ts";
import { concernModal } from "./slack-modals.ts";
import { commandReply } from "./slack-replies.ts";

/** /concern: help, mine and status answer privately; anything else opens the form, pre-filled. */
export function registerConcernCommand(app: App, deps: SlackDeps): void {
  const { ctx } = deps;
  app.command("/concern", async ({ ack, command, client, respond }) => {
    await ack();
    const identity = { platform: "slack" as const, userId: command.user_id, displayName: command.user_name };
    try {
      const answer = await answerConcernCommand(ctx, command.text ?? "", identity, "/concern");
      if (answer.kind === "open-form") {
        const view = concernModal(ctx.directory(), answer.prefill, "", answer.problems);
        await client.views.open({ trigger_id: command.trigger_id, view });
        return;
      }
      await ephemeral(respond, commandReply(ctx.directory(), answer, ctx.clock.now()));
    } catch (error) {
      const typed = command.text ? [command.text] : [];
      await ephemeral(respond, withTyped(explain(ctx, error), typed)).catch(() => undefined);
    }
  });
}
