import type { EscalationState } from "../concern/concern.ts";
import type { LadderTarget } from "../directory/directory.ts";
import { grievanceReminderAt, nextDueAt } from "./next-due-at.ts";
import { walkLadder, type Climbable, type LadderRung } from "./walk-ladder.ts";
import { planPatientUpdate, type PatientUpdateStep } from "./patient-update-clock.ts";

export type PlannedStep =
  | LadderRung
  | { type: "grievance-reminder"; dueAt: Date }
  | { type: "grievance-overdue"; overdueMinutes: number }
  | PatientUpdateStep;

export interface EscalationPlan {
  steps: PlannedStep[];
  escalation: EscalationState;
  nextDueAt?: Date;
}

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

/**
 * "What happens next", as a pure function of the frozen policy, the concern's state and the time.
 * Fires every ladder step that is due — after downtime only the next one, because each later step
 * counts its delay from the escalation just sent — skips unstaffed levels at once, and handles the
 * grievance's reminder and interim-notice deadline, and the patient-update clock.
 */
export function planNextStep(
  concern: Climbable,
  isStaffed: (target: LadderTarget) => boolean,
  now: Date,
): EscalationPlan {
  const walk = walkLadder(concern, isStaffed, now, "due-now");
  const steps: PlannedStep[] = [...walk.rungs];
  let state: Climbable = { ...concern, escalation: walk.escalation };

  if (concern.status !== "resolved" && concern.isGrievance && concern.grievanceNoticeBy) {
    const noticeBy = concern.grievanceNoticeBy;
    const remindAt = grievanceReminderAt(concern)!;
    if (!state.escalation.grievanceRemindedAt && remindAt <= now && now < noticeBy) {
      steps.push({ type: "grievance-reminder", dueAt: noticeBy });
      state = { ...state, escalation: { ...state.escalation, grievanceRemindedAt: now } };
    }
    if (!state.escalation.grievanceEscalatedAt && noticeBy <= now) {
      steps.push({ type: "grievance-overdue", overdueMinutes: minutesBetween(noticeBy, now) });
      state = { ...state, escalation: { ...state.escalation, grievanceEscalatedAt: now } };
    }
  }
  const informing = planPatientUpdate(state, now);
  steps.push(...informing.steps);
  state = { ...state, escalation: informing.escalation };
  return { steps, escalation: state.escalation, nextDueAt: nextDueAt(state) };
}
