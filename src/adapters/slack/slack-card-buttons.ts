import type { App } from "@slack/bolt";
import { authorizeAction } from "../../core/authorize-action.ts";
import { localTime } from "../../core/business-time.ts";
import { identifyActor } from "../../core/identify-actor.ts";
import { parseConcernId } from "../../core/ids.ts";
import { CONCERN_GONE } from "../../core/replies.ts";
import { actOnConcern } from "../../core/use-cases/act-on-concern.ts";
import { cardActionFor } from "./slack-action-table.ts";
import { ephemeral, explain, notSaved, who, type SlackDeps } from "./slack-handler-support.ts";
import { reassignModal, textModal, type TextModalMetadata } from "./slack-modals.ts";

/** A card's buttons: acknowledge and escalate act at once; the others open a modal asking for input. */
export function registerCardButtons(app: App, deps: SlackDeps): void {
  const { ctx } = deps;
  app.action(/^liaison_/, async ({ ack, body, action, client, respond }) => {
    await ack();
    if (body.type !== "block_actions" || action.type !== "button" || !("action_id" in action)) return;
    const cardAction = cardActionFor(action.action_id);
    if (!cardAction || !action.value) return;
    const concernId = parseConcernId(action.value);
    if (!concernId) {
      await ephemeral(respond, CONCERN_GONE);
      return;
    }
    const user = who(body.user);
    try {
      if (cardAction === "acknowledge" || cardAction === "escalate") {
        const outcome = await actOnConcern(ctx, concernId, { type: cardAction }, user);
        if (outcome.kind === "already-done") {
          const zone = ctx.directory().hospital.timeZone;
          await ephemeral(
            respond,
            `${outcome.concern.reference} was already ${outcome.action}d by ${outcome.by.displayName} at ${localTime(outcome.at, zone)}.`,
          );
        } else {
          deps.kickDelivery();
        }
        return;
      }
      const directory = ctx.directory();
      const concern = await ctx.concerns.findById(concernId);
      if (!concern) {
        await ephemeral(respond, CONCERN_GONE);
        return;
      }
      authorizeAction(directory, identifyActor(directory, user), concern, cardAction);
      const view =
        cardAction === "reassign"
          ? reassignModal(directory, concern)
          : {
              ...textModal(cardAction, concern),
              private_metadata: JSON.stringify({
                concernId: concern.id,
                required: cardAction !== "resolve" || concern.isGrievance,
              } satisfies TextModalMetadata),
            };
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      const asked = cardAction === "acknowledge" || cardAction === "escalate";
      await ephemeral(respond, asked ? notSaved(ctx, error, cardAction) : explain(ctx, error)).catch(
        () => undefined,
      );
    }
  });
}
