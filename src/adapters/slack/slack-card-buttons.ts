import type { App } from "@slack/bolt";
import { clickCardAction } from "../../core/index.ts";
import { cardActionFor, SLACK_ACTIONS } from "./slack-action-table.ts";
import { ephemeral, who, type SlackDeps } from "./slack-handler-support.ts";
import { actionModal } from "./slack-modals.ts";

/**
 * A card's buttons. The core decides what a click does (act at once, or ask for input); here its
 * answer is said the Slack way: a modal for a form, a line only the clicker sees for anything else.
 * The card itself changes through the outbox, for everyone.
 */
export function registerCardButtons(app: App, deps: SlackDeps): void {
  const { ctx } = deps;
  app.action(/^liaison_/, async ({ ack, body, action, client, respond }) => {
    await ack();
    if (body.type !== "block_actions" || action.type !== "button" || !("action_id" in action)) return;
    const cardAction = cardActionFor(action.action_id);
    if (!cardAction || action.value === undefined) return;
    const reply = await clickCardAction(ctx, action.value, cardAction, who(body.user));
    switch (reply.kind) {
      case "form": {
        const view = actionModal(reply.form, SLACK_ACTIONS[cardAction].modalId!);
        await client.views.open({ trigger_id: body.trigger_id, view }).catch((error: unknown) => {
          ctx.logger.warn({ err: error }, "could not open a slack modal");
        });
        return;
      }
      case "card":
        if (reply.changed) deps.kickDelivery();
        if (reply.notice) await ephemeral(respond, reply.notice).catch(() => undefined);
        return;
      case "message":
        await ephemeral(respond, reply.text).catch(() => undefined);
        return;
    }
  });
}
