import type { ActionInputSpec } from "./card-action-specs.ts";
import { localDate } from "../escalation/business-time.ts";
import { pastDateError } from "./action-form.ts";

const CHOOSE_DATE = "Please choose the date the patient asked the QIO to review it.";

/** "Referred to QIO": the day a patient asked the Quality Improvement Organization to review the concern. */
export const qioReferralInput: ActionInputSpec = {
  title: "Referred to the QIO",
  submitLabel: "Record",
  fields: () => [
    {
      kind: "date",
      id: "referredOn",
      label: "Referred on",
      hint: "Record it when the patient (a Medicare beneficiary) asks the Quality Improvement Organization to review their care or discharge.",
      missing: CHOOSE_DATE,
    },
  ],
  defaults: (_concern, directory, _actor, now) => ({
    referredOn: localDate(now, directory.hospital.timeZone),
  }),
  read: (values, _subject, _directory, today) => {
    const referredOn = values.referredOn?.trim() ?? "";
    const bad = pastDateError(referredOn, today, CHOOSE_DATE, "The referral cannot be dated after today.");
    if (bad) return { errors: { referredOn: bad } };
    return { action: { type: "record-qio-referral", referredOn } };
  },
};
