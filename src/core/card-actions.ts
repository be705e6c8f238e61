import type { ConcernStatus } from "./concern.ts";
import type { ConcernActionType } from "./concern-state-machine.ts";

/** The buttons a concern's card offers, in order, with their labels; platforms map them to their ids. */
export const CARD_ACTIONS = ["acknowledge", "resolve", "reassign", "escalate", "add-note", "reopen"] as const;
export type CardAction = (typeof CARD_ACTIONS)[number] & ConcernActionType;

export const CARD_ACTION_LABEL: Record<CardAction, string> = {
  acknowledge: "Acknowledge",
  resolve: "Resolve",
  reassign: "Reassign",
  escalate: "Escalate now",
  "add-note": "Add note",
  reopen: "Reopen",
};

/** Which buttons a card shows in each status: only what the state machine would allow. */
export function cardActionsFor(status: ConcernStatus): CardAction[] {
  switch (status) {
    case "open":
    case "reopened":
      return ["acknowledge", "resolve", "reassign", "escalate", "add-note"];
    case "acknowledged":
      return ["resolve", "reassign", "escalate", "add-note"];
    case "resolved":
      return ["reopen", "add-note"];
  }
}
