import type { Button } from "@slack/types";
import { CARD_ACTION_LABEL, type CardAction } from "../../core/card-actions.ts";
import { plain } from "./block-kit-limits.ts";

/**
 * The one table between Slack's action_ids and the core's card actions: it both routes clicks and
 * builds the buttons, so the two cannot drift apart. `modal` actions ask for more input first.
 */
export const SLACK_ACTIONS: Record<
  CardAction,
  { actionId: string; style?: "primary" | "danger"; modal: boolean }
> = {
  acknowledge: { actionId: "liaison_acknowledge", style: "primary", modal: false },
  resolve: { actionId: "liaison_resolve", modal: true },
  reassign: { actionId: "liaison_reassign", modal: true },
  escalate: { actionId: "liaison_escalate", style: "danger", modal: false },
  "add-note": { actionId: "liaison_add_note", modal: true },
  reopen: { actionId: "liaison_reopen", modal: true },
};

const BY_ACTION_ID = new Map(
  (Object.entries(SLACK_ACTIONS) as [CardAction, (typeof SLACK_ACTIONS)[CardAction]][]).map(
    ([action, spec]) => [spec.actionId, action],
  ),
);

export function cardActionFor(actionId: string): CardAction | undefined {
  return BY_ACTION_ID.get(actionId);
}

/** The buttons for a card; each carries the concern id (a UUID, far below the 2,000-character value limit). */
export function slackButtons(concernId: string, actions: readonly CardAction[]): Button[] {
  return actions.map((action): Button => {
    const spec = SLACK_ACTIONS[action];
    return {
      type: "button",
      action_id: spec.actionId,
      text: plain(CARD_ACTION_LABEL[action], 75),
      value: concernId,
      ...(spec.style ? { style: spec.style } : {}),
      ...(action === "escalate"
        ? {
            confirm: {
              title: plain("Escalate now?", 100),
              text: plain("The next level of the escalation ladder will be messaged now.", 300),
              confirm: plain("Escalate", 30),
              deny: plain("Cancel", 30),
            },
          }
        : {}),
    };
  });
}
