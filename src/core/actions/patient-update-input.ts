import type { ActionInputSpec } from "./card-action-specs.ts";
import {
  isPatientUpdateMethod,
  PATIENT_UPDATE_METHODS,
  PATIENT_UPDATE_NOTE_MAX_LENGTH,
} from "../concern/patient-update.ts";

const CHOOSE_METHOD = "Please choose how the patient or family was updated.";
export const MISSING_PATIENT_UPDATE_NOTE = "Please enter, in a line, what they were told.";

/** "Patient/family updated": how they were told and what, for the record and the card. */
export const patientUpdateInput: ActionInputSpec = {
  title: "Patient/family updated",
  submitLabel: "Record",
  fields: () => [
    {
      kind: "choice",
      id: "method",
      label: "How",
      placeholder: "Choose how",
      missing: CHOOSE_METHOD,
      options: Object.entries(PATIENT_UPDATE_METHODS).map(([value, label]) => ({ value, label })),
    },
    {
      kind: "text",
      id: "note",
      label: "What they were told",
      required: true,
      multiline: true,
      hint: "A line for the record; no more patient detail than needed.",
      missing: MISSING_PATIENT_UPDATE_NOTE,
      maxLength: PATIENT_UPDATE_NOTE_MAX_LENGTH,
    },
  ],
  read: (values) => {
    const method = values.method?.trim() ?? "";
    const note = values.note?.trim() ?? "";
    const errors = {
      ...(isPatientUpdateMethod(method) ? {} : { method: CHOOSE_METHOD }),
      ...(note ? {} : { note: MISSING_PATIENT_UPDATE_NOTE }),
    };
    if (Object.keys(errors).length > 0 || !isPatientUpdateMethod(method)) return { errors };
    return { action: { type: "record-patient-update", method, note } };
  },
};
