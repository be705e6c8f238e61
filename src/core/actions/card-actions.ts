import type { Concern } from "../concern/concern.ts";
import { mergeCandidates } from "../repeat/repeat-match.ts";
import { LEGAL_FROM, type ConcernActionType } from "../concern/concern-state-machine.ts";

/** The buttons a concern's card can offer, in the order they appear; their words are in card-action-specs. */
export const CARD_ACTIONS = [
  "acknowledge",
  "reopen",
  "mark-notice-sent",
  "record-patient-update",
  "record-qio-referral",
  "record-satisfaction",
  "send-survey-link",
  "resolve",
  "send-interim-notice",
  "reassign",
  "merge",
  "escalate",
  "add-note",
] as const;
export type CardAction = (typeof CARD_ACTIONS)[number] & ConcernActionType;

/**
 * Which buttons a card shows: exactly what the state machine would accept now ("Mark notice sent" only
 * while a grievance's drafted letter is waiting to be sent).
 */
/** What a card's buttons depend on: a stored Concern fits. */
type CardFacts = Pick<Concern, "status" | "grievanceLetter"> &
  Partial<
    Pick<
      Concern,
      | "isGrievance"
      | "grievanceInterim"
      | "qioReferral"
      | "satisfaction"
      | "repeatOf"
      | "repeatedBy"
      | "mergedInto"
      | "mergedFrom"
      | "policy"
    >
  > & {
    /** Its category is quality of care or discharge (the directory says so). */
    qioReferable?: boolean;
    /** A survey link sent for it can still be answered. */
    surveyOpen?: boolean;
  };

export function cardActionsFor(concern: CardFacts): CardAction[] {
  // A merged concern is closed for good: its work goes on in the concern it was merged into.
  if (concern.mergedInto) return [];
  return CARD_ACTIONS.filter(
    (action) => LEGAL_FROM[action].includes(concern.status) && offered(action, concern),
  );
}

/** The grievance letters' buttons appear only while there is something to do with them. */
function offered(action: CardAction, concern: CardFacts): boolean {
  if (action === "mark-notice-sent")
    return concern.grievanceLetter !== undefined && !concern.grievanceLetter.sent;
  // Once someone owns the grievance (and so Acknowledge is gone: Teams shows at most five buttons).
  if (action === "send-interim-notice")
    return concern.isGrievance === true && concern.status === "acknowledged" && !concern.grievanceInterim;
  // On a resolved card, where there is room (Teams shows at most five buttons).
  if (action === "record-qio-referral")
    return concern.qioReferable === true && concern.status === "resolved" && !concern.qioReferral;
  // Asked once; while a survey link is out, the patient's own answer is awaited (staff may still record one).
  if (action === "record-satisfaction") return !concern.satisfaction;
  if (action === "send-survey-link") return !concern.satisfaction && concern.surveyOpen !== true;
  // Only where the policy asks that the patient or family be kept informed.
  if (action === "record-patient-update") return concern.policy?.updatePatient !== undefined;
  // Wherever there is a linked concern to merge into (Teams puts what does not fit under More actions).
  if (action === "merge") return mergeCandidates(concern).length > 0;
  return true;
}
