import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { clickCardAction, type PlatformIdentity, revealConcernDetails } from "../../core/index.ts";
import { cardActionFor, SHOW_DETAILS_ACTION_ID, SLACK_ACTIONS } from "./slack-action-table.ts";
import { detailsModal } from "./slack-details-modal.ts";
import { dm, ephemeral, who, type SlackDeps } from "./slack-handler-support.ts";
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
    // A button on the App Home tab has no response_url: what only the clicker should see goes to their DMs.
    const fromHome = (body.container as { type?: string } | undefined)?.type === "view";
    const tell = (text: string) =>
      fromHome ? dm(client, body.user.id, text) : ephemeral(respond, text).catch(() => undefined);
    if (action.action_id === SHOW_DETAILS_ACTION_ID && action.value !== undefined) {
      await showDetails(deps, { client, tell, triggerId: body.trigger_id }, action.value, who(body.user));
      return;
    }
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
        if (reply.notice) await tell(reply.notice);
        return;
      case "message":
        await tell(reply.text);
        return;
    }
  });
}

/** "Show details": a modal only the clicker sees, or why not in a line only they see. */
async function showDetails(
  deps: SlackDeps,
  slack: { client: WebClient; tell: (text: string) => Promise<unknown>; triggerId: string },
  concernId: string,
  user: PlatformIdentity,
): Promise<void> {
  const reply = await revealConcernDetails(deps.ctx, concernId, user);
  if (reply.kind === "message") {
    await slack.tell(reply.text);
    return;
  }
  await slack.client.views
    .open({ trigger_id: slack.triggerId, view: detailsModal(reply.details) })
    .catch((error: unknown) => deps.ctx.logger.warn({ err: error }, "could not open a slack modal"));
}
