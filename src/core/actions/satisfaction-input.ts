import type { ActionInputSpec } from "./card-action-specs.ts";
import {
  ASKED_HOW,
  RATINGS,
  readRating,
  SATISFACTION_COMMENT_MAX_LENGTH,
  type AskedHow,
} from "../satisfaction/satisfaction.ts";

export const CHOOSE_RATING = "Please choose how satisfied the patient is, from 1 to 5.";
const CHOOSE_ASKED_HOW = "Please choose how the patient was asked.";

const isAskedHow = (text: string): text is AskedHow => Object.hasOwn(ASKED_HOW, text);

/** "Record satisfaction": the patient's rating of how their resolved concern was handled, asked by staff. */
export const satisfactionInput: ActionInputSpec = {
  title: "Patient satisfaction",
  submitLabel: "Record",
  fields: () => [
    {
      kind: "choice",
      id: "rating",
      label: "How satisfied is the patient with how the concern was handled?",
      placeholder: "Choose 1 to 5",
      missing: CHOOSE_RATING,
      options: RATINGS.map((r) => ({ value: String(r.value), label: `${r.value} ${r.label}` })),
    },
    {
      kind: "text",
      id: "comment",
      label: "The patient's comment (optional)",
      required: false,
      multiline: true,
      maxLength: SATISFACTION_COMMENT_MAX_LENGTH,
    },
    {
      kind: "choice",
      id: "askedHow",
      label: "Asked",
      placeholder: "Choose how",
      missing: CHOOSE_ASKED_HOW,
      options: Object.entries(ASKED_HOW).map(([value, label]) => ({ value, label })),
    },
  ],
  defaults: () => ({ askedHow: "in-person" }),
  read: (values) => {
    const rating = readRating(values.rating);
    const askedHow = values.askedHow?.trim() ?? "";
    const comment = values.comment?.trim() ?? "";
    const errors = {
      ...(rating ? {} : { rating: CHOOSE_RATING }),
      ...(isAskedHow(askedHow) ? {} : { askedHow: CHOOSE_ASKED_HOW }),
      ...(comment.length > SATISFACTION_COMMENT_MAX_LENGTH
        ? {
            comment: `The comment is ${comment.length} characters; the limit is ${SATISFACTION_COMMENT_MAX_LENGTH}.`,
          }
        : {}),
    };
    if (!rating || !isAskedHow(askedHow) || Object.keys(errors).length > 0) return { errors };
    return {
      action: {
        type: "record-satisfaction",
        rating,
        source: "staff",
        askedHow,
        ...(comment ? { comment } : {}),
      },
    };
  },
};
