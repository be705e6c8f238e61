import { addPolicyDuration } from "./business-time.ts";
import type { Concern } from "../concern/concern.ts";
import type { LadderTarget } from "../directory/directory.ts";
import { patientUpdateMoments } from "./patient-update-clock.ts";

export type EscalationClock = "acknowledge" | "resolve";

/** What a concern's clocks depend on: a stored Concern fits. */
export type Timed = Pick<
  Concern,
  | "status"
  | "policy"
  | "acknowledgeBy"
  | "resolveBy"
  | "isGrievance"
  | "grievanceNoticeBy"
  | "escalation"
  | "patientUpdateBy"
>;

export interface LadderStepDue {
  clock: EscalationClock;
  /** Position in the ladder (0-based) and which pass over it (0 = first, then the repeats). */
  index: number;
  round: number;
  notify: LadderTarget;
  dueAt: Date;
}

/** The clock that is running: acknowledgement until someone acknowledges, then resolution. */
export function runningClock(concern: Pick<Concern, "status" | "acknowledgeBy" | "resolveBy">) {
  return concern.status === "acknowledged"
    ? { clock: "resolve" as const, deadline: concern.resolveBy }
    : { clock: "acknowledge" as const, deadline: concern.acknowledgeBy };
}

/**
 * The ladder step that fires next and when: the first step `afterMinutes` past the missed deadline,
 * each later one `afterMinutes` past the previous escalation. Undefined once the ladder (with its
 * repeats) is spent or the concern is resolved.
 */
export function nextLadderStep(concern: Timed): LadderStepDue | undefined {
  if (concern.status === "resolved") return undefined;
  const { ladder, repeat } = concern.policy;
  const fired = concern.escalation.stepsFired;
  if (ladder.length === 0 || fired >= ladder.length * (repeat + 1)) return undefined;
  const { clock, deadline } = runningClock(concern);
  const index = fired % ladder.length;
  const step = ladder[index]!;
  const base = fired === 0 ? deadline : (concern.escalation.lastEscalatedAt ?? deadline);
  return {
    clock,
    index,
    round: Math.floor(fired / ladder.length),
    notify: step.notify,
    dueAt: new Date(base.getTime() + step.afterMinutes * 60_000),
  };
}

/** When Patient Relations is reminded of a grievance's interim notice: N calendar days before it. */
export function grievanceReminderAt(concern: Timed): Date | undefined {
  if (!concern.isGrievance || !concern.grievanceNoticeBy) return undefined;
  const { grievance, businessHours, timeZone } = concern.policy;
  return addPolicyDuration(
    concern.grievanceNoticeBy,
    { unit: "days", amount: -grievance.remindDaysBefore },
    "calendar",
    businessHours,
    timeZone,
  );
}

/**
 * When the sweep must next look at a concern: the next ladder step, for a grievance its reminder and
 * its interim-notice deadline, and a patient update's reminder and escalation. Undefined once resolved.
 */
export function nextDueAt(concern: Timed): Date | undefined {
  if (concern.status === "resolved") return undefined;
  const candidates: Date[] = [];
  const step = nextLadderStep(concern);
  if (step) candidates.push(step.dueAt);
  if (concern.isGrievance && concern.grievanceNoticeBy) {
    const remindAt = grievanceReminderAt(concern)!;
    if (!concern.escalation.grievanceRemindedAt && remindAt < concern.grievanceNoticeBy)
      candidates.push(remindAt);
    if (!concern.escalation.grievanceEscalatedAt) candidates.push(concern.grievanceNoticeBy);
  }
  candidates.push(...patientUpdateMoments(concern));
  if (candidates.length === 0) return undefined;
  return new Date(Math.min(...candidates.map((d) => d.getTime())));
}
