import type { Concern, EscalationState } from "./concern.ts";
import type { LadderTarget } from "./directory.ts";
import { grievanceReminderAt, nextDueAt, nextLadderStep, type EscalationClock } from "./next-due-at.ts";

export type PlannedStep =
  | {
      type: "escalate";
      clock: EscalationClock;
      index: number;
      round: number;
      notify: LadderTarget;
      overdueMinutes: number;
    }
  /** Nobody holds that level (no head, no director): skipped at once, and recorded. */
  | { type: "skip"; clock: EscalationClock; index: number; round: number; notify: LadderTarget }
  | { type: "grievance-reminder"; dueAt: Date }
  | { type: "grievance-overdue"; overdueMinutes: number };

export interface EscalationPlan {
  steps: PlannedStep[];
  escalation: EscalationState;
  nextDueAt?: Date;
}

type Plannable = Pick<
  Concern,
  "status" | "policy" | "acknowledgeBy" | "resolveBy" | "isGrievance" | "grievanceNoticeBy" | "escalation"
>;

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

/**
 * "What happens next", as a pure function of the frozen policy, the concern's state and the time.
 * Fires every ladder step that is due — after downtime only the next one, because each later step
 * counts its delay from the escalation just sent — skips unstaffed levels at once, and handles the
 * grievance's reminder and interim-notice deadline.
 */
export function planNextStep(
  concern: Plannable,
  isStaffed: (target: LadderTarget) => boolean,
  now: Date,
): EscalationPlan {
  const steps: PlannedStep[] = [];
  let state: Plannable = concern;
  for (let due = nextLadderStep(state); due && due.dueAt <= now; due = nextLadderStep(state)) {
    const { clock, index, round, notify } = due;
    const deadline = clock === "resolve" ? concern.resolveBy : concern.acknowledgeBy;
    const staffed = isStaffed(notify);
    steps.push(
      staffed
        ? { type: "escalate", clock, index, round, notify, overdueMinutes: minutesBetween(deadline, now) }
        : { type: "skip", clock, index, round, notify },
    );
    state = {
      ...state,
      escalation: {
        ...state.escalation,
        stepsFired: state.escalation.stepsFired + 1,
        // A skipped level takes no time: the next one counts from when the skipped one was due.
        lastEscalatedAt: staffed ? now : due.dueAt,
        level: staffed ? Math.max(state.escalation.level, index + 1) : state.escalation.level,
      },
    };
  }

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
  return { steps, escalation: state.escalation, nextDueAt: nextDueAt(state) };
}
