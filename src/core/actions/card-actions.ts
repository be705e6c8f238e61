import type { ConcernStatus } from "../concern/concern.ts";
import { LEGAL_FROM, type ConcernActionType } from "../concern/concern-state-machine.ts";

/** The buttons a concern's card can offer, in the order they appear; their words are in card-action-specs. */
export const CARD_ACTIONS = ["acknowledge", "reopen", "resolve", "reassign", "escalate", "add-note"] as const;
export type CardAction = (typeof CARD_ACTIONS)[number] & ConcernActionType;

/** Which buttons a card shows in a status: exactly what the state machine would accept from it. */
export function cardActionsFor(status: ConcernStatus): CardAction[] {
  return CARD_ACTIONS.filter((action) => LEGAL_FROM[action].includes(status));
}
