import type { PolicySnapshot } from "../escalation/policy-snapshot.ts";
import type { ActorRef } from "./concern.ts";

/** How the patient or family was told; the words are what cards, forms and the record say. */
export const PATIENT_UPDATE_METHODS = {
  "in-person": "In person",
  phone: "Phone",
  video: "Video call",
  message: "Message or patient portal",
} as const;
export type PatientUpdateMethod = keyof typeof PATIENT_UPDATE_METHODS;

export const isPatientUpdateMethod = (value: string): value is PatientUpdateMethod =>
  Object.hasOwn(PATIENT_UPDATE_METHODS, value);

/** The longest note an update keeps: a line for the record, not the conversation. */
export const PATIENT_UPDATE_NOTE_MAX_LENGTH = 500;

/** One time the patient or family was told how their concern is going: who, how, when, and what. */
export interface PatientUpdate {
  at: Date;
  by: ActorRef;
  method: PatientUpdateMethod;
  note: string;
}

/**
 * When the patient or family must next hear from the concern's owner: `withinMinutes` after it is
 * acknowledged, then `everyMinutes` after each update (if the policy repeats), else no further update.
 */
export function patientUpdateDue(
  policy: Pick<PolicySnapshot, "updatePatient">,
  from: Date,
  after: "acknowledged" | "updated",
): Date | undefined {
  const rule = policy.updatePatient;
  const minutes = after === "acknowledged" ? rule?.withinMinutes : rule?.everyMinutes;
  return minutes === undefined ? undefined : new Date(from.getTime() + minutes * 60_000);
}
