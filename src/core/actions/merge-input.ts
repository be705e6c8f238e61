import { NOTE_MAX_LENGTH, optionalReasonField } from "./action-form.ts";
import type { ActionInputSpec } from "./card-action-specs.ts";
import { parseConcernId } from "../ids.ts";
import { mergeCandidates } from "../repeat/repeat-match.ts";

const CHOOSE_CONCERN = "Please choose the concern to merge this one into.";

/**
 * "Merge into…": which linked concern this one goes into (it is then closed; that one carries on), and
 * why, optionally. Whether the choice may be merged into (not merged elsewhere, not resolved) is the
 * store's to say: a form checked without it only knows a concern id was chosen.
 */
export const mergeInput: ActionInputSpec = {
  title: "Merge into another concern",
  submitLabel: "Merge",
  fields: (subject) => [
    {
      kind: "choice",
      id: "into",
      label: "Merge into",
      placeholder: "Choose a linked concern",
      missing: CHOOSE_CONCERN,
      options: mergeCandidates(subject).map((l) => ({ value: l.id, label: l.reference })),
    },
    optionalReasonField(
      "This concern is closed and its timeline kept; the other keeps the earlier deadlines, and becomes a grievance if this one is.",
    ),
  ],
  read: (values) => {
    const into = parseConcernId(values.into?.trim());
    if (!into) return { errors: { into: CHOOSE_CONCERN } };
    const reason = values.reason?.trim() || undefined;
    if (reason && reason.length > NOTE_MAX_LENGTH) {
      return {
        errors: { reason: `The reason is ${reason.length} characters; the limit is ${NOTE_MAX_LENGTH}.` },
      };
    }
    return { action: { type: "merge", into, ...(reason ? { reason } : {}) } };
  },
};
