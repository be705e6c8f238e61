import type { ActionInputSpec } from "./card-action-specs.ts";
import { isNoticeMethod, NOTICE_METHODS } from "../grievance/grievance-notice.ts";
import { localDate } from "../escalation/business-time.ts";
import { pastDateError } from "./action-form.ts";

const CHOOSE_METHOD = "Please choose how the letter was sent.";
const CHOOSE_DATE = "Please choose the date the letter was sent.";

/**
 * "Mark notice sent": how and when the liaison sent the grievance's letter. Liaison drafts the letter
 * and records this; it never sends anything to the patient itself.
 */
export const noticeSentInput: ActionInputSpec = {
  title: "Written notice sent",
  submitLabel: "Record",
  fields: () => [
    {
      kind: "choice",
      id: "method",
      label: "Sent by",
      placeholder: "Choose how",
      missing: CHOOSE_METHOD,
      options: Object.entries(NOTICE_METHODS).map(([value, label]) => ({ value, label })),
    },
    { kind: "date", id: "sentOn", label: "Sent on", missing: CHOOSE_DATE },
  ],
  defaults: (_concern, directory, _actor, now) => ({ sentOn: localDate(now, directory.hospital.timeZone) }),
  read: (values, _subject, _directory, today) => {
    const method = values.method?.trim() ?? "";
    const sentOn = values.sentOn?.trim() ?? "";
    const badDate = pastDateError(
      sentOn,
      today,
      CHOOSE_DATE,
      "The letter cannot have been sent after today.",
    );
    const errors = {
      ...(isNoticeMethod(method) ? {} : { method: CHOOSE_METHOD }),
      ...(badDate ? { sentOn: badDate } : {}),
    };
    if (Object.keys(errors).length > 0 || !isNoticeMethod(method)) return { errors };
    return { action: { type: "mark-notice-sent", method, sentOn } };
  },
};
