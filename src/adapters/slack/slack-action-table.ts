import type { Button } from "@slack/types";
import { CARD_ACTION_SPECS, type CardAction, SHOW_DETAILS_LABEL } from "../../core/index.ts";
import { plain } from "./block-kit-limits.ts";

/**
 * Slack's names for the core's card actions: the button's action_id and, for actions that ask for
 * input, the callback_id of their modal. Everything a person reads comes from CARD_ACTION_SPECS.
 * The ids are part of messages already posted and modals already open: renaming one breaks those.
 */
export const SLACK_ACTIONS: Readonly<Record<CardAction, { actionId: string; modalId?: string }>> = {
  acknowledge: { actionId: "liaison_acknowledge" },
  reopen: { actionId: "liaison_reopen", modalId: "liaison_reopen_modal" },
  resolve: { actionId: "liaison_resolve", modalId: "liaison_resolve_modal" },
  reassign: { actionId: "liaison_reassign", modalId: "liaison_reassign_modal" },
  escalate: { actionId: "liaison_escalate" },
  "add-note": { actionId: "liaison_add_note", modalId: "liaison_note_modal" },
  "mark-notice-sent": { actionId: "liaison_notice_sent", modalId: "liaison_notice_sent_modal" },
  "send-interim-notice": { actionId: "liaison_interim_notice", modalId: "liaison_interim_notice_modal" },
  "record-qio-referral": { actionId: "liaison_qio_referral", modalId: "liaison_qio_referral_modal" },
  "record-satisfaction": { actionId: "liaison_satisfaction", modalId: "liaison_satisfaction_modal" },
  "send-survey-link": { actionId: "liaison_survey_link" },
  "record-patient-update": {
    actionId: "liaison_patient_updated",
    modalId: "liaison_patient_updated_modal",
  },
  merge: { actionId: "liaison_merge", modalId: "liaison_merge_modal" },
};

const entries = Object.entries(SLACK_ACTIONS) as [CardAction, (typeof SLACK_ACTIONS)[CardAction]][];
const BY_ACTION_ID = new Map(entries.map(([action, ids]) => [ids.actionId, action]));

export function cardActionFor(actionId: string): CardAction | undefined {
  return BY_ACTION_ID.get(actionId);
}

/** Each modal's callback_id with the action it submits. */
export const SLACK_MODALS = entries.flatMap(([action, ids]) =>
  ids.modalId ? [{ action, modalId: ids.modalId }] : [],
);

/** "Show details": not an action on the concern, so not in the table; it opens a modal only the clicker sees. */
export const SHOW_DETAILS_ACTION_ID = "liaison_show_details";

/**
 * The buttons for a card, and "Show details" last; each carries the concern id (a UUID, far below the
 * 2,000-character value limit).
 */
export function slackButtons(concernId: string, actions: readonly CardAction[]): Button[] {
  const details: Button = {
    type: "button",
    action_id: SHOW_DETAILS_ACTION_ID,
    text: plain(SHOW_DETAILS_LABEL, 75),
    value: concernId,
  };
  return [...actions.map((action) => actionButton(concernId, action)), details];
}

function actionButton(concernId: string, action: CardAction): Button {
  const spec = CARD_ACTION_SPECS[action];
  const confirm = spec.confirm;
  return {
    type: "button",
    action_id: SLACK_ACTIONS[action].actionId,
    text: plain(spec.label, 75),
    value: concernId,
    ...(spec.style ? { style: spec.style } : {}),
    ...(confirm
      ? {
          confirm: {
            title: plain(confirm.title, 100),
            text: plain(confirm.text, 300),
            confirm: plain(confirm.confirm, 30),
            deny: plain(confirm.deny, 30),
          },
        }
      : {}),
  };
}
