import type { Concern } from "../concern/concern.ts";
import { LEGAL_FROM, type ConcernActionType } from "../concern/concern-state-machine.ts";

/** The buttons a concern's card can offer, in the order they appear; their words are in card-action-specs. */
export const CARD_ACTIONS = [
  "acknowledge",
  "reopen",
  "mark-notice-sent",
  "resolve",
  "reassign",
  "escalate",
  "add-note",
] as const;
export type CardAction = (typeof CARD_ACTIONS)[number] & ConcernActionType;

/**
 * Which buttons a card shows: exactly what the state machine would accept now ("Mark notice sent" only
 * while a grievance's drafted letter is waiting to be sent).
 */
export function cardActionsFor(concern: Pick<Concern, "status" | "grievanceLetter">): CardAction[] {
  return CARD_ACTIONS.filter(
    (action) =>
      LEGAL_FROM[action].includes(concern.status) &&
      (action !== "mark-notice-sent" ||
        (concern.grievanceLetter !== undefined && !concern.grievanceLetter.sent)),
  );
}
