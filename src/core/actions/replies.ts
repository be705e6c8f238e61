import type { ConcernDraftInput } from "../concern/concern-draft.schema.ts";
import type { ConcernActionType } from "../concern/concern-state-machine.ts";

/**
 * What a person is told when Liaison could not do what they asked, worded once for both platforms.
 * Adapters add what was typed (escaped for their surface) and render these; they never reword them.
 */

/** A request Liaison has already handled arrived again (a replay or a platform's retry). */
export const ALREADY_RECEIVED = "Liaison already received this; nothing more was changed.";

/** The card names a concern that is not in the store (deleted, or an id that was never Liaison's). */
export const CONCERN_GONE = "That concern no longer exists.";

/** A submitted form whose contents could not be read: nothing was saved, the person starts again. */
export const FORM_UNREADABLE =
  "Liaison could not read that form, so nothing was saved. Please open it again from the card.";

/** Introduces the text a person typed, given back when it could not be saved. */
export const WHAT_YOU_TYPED = "What you typed:";

/** Where a new concern went and by when it must be acknowledged (the reporter's confirmation). */
export const concernSent = (reference: string, department: string, acknowledgeBy: string) =>
  `${reference} was sent to ${department}. It must be acknowledged by ${acknowledgeBy}.`;

export const SOMETHING_WENT_WRONG =
  "Something went wrong in Liaison; please try again. If it keeps happening, tell your Liaison administrator.";

/** What a person was trying to do when it failed: raise a concern, or one action on it. */
export type Attempt = "raise" | ConcernActionType;

const ATTEMPT_NOUN: Record<Attempt, string> = {
  raise: "concern",
  acknowledge: "acknowledgement",
  escalate: "escalation",
  resolve: "resolution",
  reopen: "reopening",
  reassign: "reassignment",
  "add-note": "note",
  "mark-notice-sent": "record that the notice was sent",
  "send-interim-notice": "interim notice",
  "record-qio-referral": "QIO referral",
  "record-satisfaction": "patient satisfaction",
  "send-survey-link": "survey link",
  "record-patient-update": "patient update",
  merge: "merge",
};

/**
 * Said when a store write failed (the database is down or refused it): the person must know their
 * submission was NOT saved, so they can try again rather than assume someone was told.
 */
export function notSavedReply(attempt: Attempt): string {
  return `Your ${ATTEMPT_NOUN[attempt]} was NOT saved: something went wrong in Liaison (its database may be unavailable). Please try again in a few minutes; if it keeps happening, tell your Liaison administrator.`;
}

/** Said when the core refused a submission for a reason the person can act on (the reason first). */
export function refusedReply(attempt: Attempt, reason: string): string {
  return `${reason} Your ${ATTEMPT_NOUN[attempt]} was NOT saved.`;
}

/**
 * A raise's fields as lines a person can copy back into a new form (what the NOT saved reply gives
 * back); empty fields are left out. The patient reference goes only to the person who typed it.
 */
export function typedDraftLines(input: ConcernDraftInput): string[] {
  const fields: [string, string | undefined][] = [
    ["Unit", input.unit],
    ["Room or bed", input.room],
    ["Patient reference", input.patientReference],
    ["Patient initials", input.patientInitials],
    ["Category", input.category],
    ["Severity", input.severity],
    ["Grievance", input.grievance ? "yes" : undefined],
  ];
  const lines = fields.filter(([, v]) => v?.trim()).map(([label, v]) => `${label}: ${v!.trim()}`);
  return input.description?.trim() ? [...lines, input.description.trim()] : lines;
}
