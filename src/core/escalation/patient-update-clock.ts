import type { Concern, EscalationState } from "../concern/concern.ts";

type Informing = Pick<Concern, "status" | "policy" | "patientUpdateBy" | "escalation">;

/** When a missed patient update reaches the ladder's next level: the policy's delay past its due time. */
export function patientUpdateEscalateAt(concern: Informing): Date | undefined {
  const rule = concern.policy.updatePatient;
  if (!rule || !concern.patientUpdateBy) return undefined;
  return new Date(concern.patientUpdateBy.getTime() + rule.escalateAfterMinutes * 60_000);
}

/**
 * The patient-update clock's pending moments: the owner's reminder at the due time, then the
 * escalation. It runs only while someone owns the concern (acknowledged) and an update is due.
 */
export function patientUpdateMoments(concern: Informing): Date[] {
  if (concern.status !== "acknowledged" || !concern.patientUpdateBy) return [];
  const { patientUpdateRemindedAt, patientUpdateEscalatedAt } = concern.escalation;
  const escalateAt = patientUpdateEscalateAt(concern);
  return [
    ...(patientUpdateRemindedAt ? [] : [concern.patientUpdateBy]),
    ...(patientUpdateEscalatedAt || !escalateAt ? [] : [escalateAt]),
  ];
}

export type PatientUpdateStep =
  | { type: "patient-update-reminder"; dueAt: Date }
  | { type: "patient-update-overdue"; dueAt: Date; overdueMinutes: number };

/** What the patient-update clock fires now (after downtime, both at once), and the state after. */
export function planPatientUpdate(
  concern: Informing,
  now: Date,
): { steps: PatientUpdateStep[]; escalation: EscalationState } {
  let escalation = concern.escalation;
  const steps: PatientUpdateStep[] = [];
  const dueAt = concern.patientUpdateBy;
  if (concern.status !== "acknowledged" || !dueAt) return { steps, escalation };
  if (!escalation.patientUpdateRemindedAt && dueAt <= now) {
    steps.push({ type: "patient-update-reminder", dueAt });
    escalation = { ...escalation, patientUpdateRemindedAt: now };
  }
  const escalateAt = patientUpdateEscalateAt(concern);
  if (!escalation.patientUpdateEscalatedAt && escalateAt && escalateAt <= now) {
    const overdueMinutes = Math.round((now.getTime() - dueAt.getTime()) / 60_000);
    steps.push({ type: "patient-update-overdue", dueAt, overdueMinutes });
    escalation = { ...escalation, patientUpdateEscalatedAt: now };
  }
  return { steps, escalation };
}
