import type { EscalationState } from "../concern/concern.ts";
import type { LadderTarget } from "../directory/directory.ts";
import { nextLadderStep, type EscalationClock, type Timed } from "./next-due-at.ts";

/** One rung of the frozen ladder, as it was taken: someone was escalated to, or nobody held it. */
export type LadderRung =
  | {
      type: "escalate";
      clock: EscalationClock;
      index: number;
      round: number;
      notify: LadderTarget;
      overdueMinutes: number;
    }
  /** Nobody holds that level (no head, no director): skipped at once, and recorded. */
  | { type: "skip"; clock: EscalationClock; index: number; round: number; notify: LadderTarget };

export type Climbable = Timed;

/**
 * How far to climb: every rung already due (the sweep; after downtime only the next one, because each
 * later rung counts its delay from the escalation just sent), or up to the next staffed rung whenever it
 * is due ("Escalate now").
 */
export type ClimbUntil = "due-now" | "next-escalation";

export interface LadderWalk {
  rungs: LadderRung[];
  escalation: EscalationState;
}

const overdueMinutes = (deadline: Date, now: Date) =>
  Math.max(0, Math.round((now.getTime() - deadline.getTime()) / 60_000));

/**
 * The one walk up a concern's frozen ladder, shared by the sweep and by "Escalate now", so both skip
 * unstaffed levels the same way: a skipped level takes no time, so the next one counts from when the
 * skipped one was due (or from now, if that is sooner).
 */
export function walkLadder(
  concern: Climbable,
  isStaffed: (target: LadderTarget) => boolean,
  now: Date,
  until: ClimbUntil,
): LadderWalk {
  const rungs: LadderRung[] = [];
  let escalation = concern.escalation;
  for (let due = nextLadderStep(concern); due; due = nextLadderStep({ ...concern, escalation })) {
    if (until === "due-now" && due.dueAt > now) break;
    const { clock, index, round, notify } = due;
    const staffed = isStaffed(notify);
    const deadline = clock === "resolve" ? concern.resolveBy : concern.acknowledgeBy;
    rungs.push(
      staffed
        ? { type: "escalate", clock, index, round, notify, overdueMinutes: overdueMinutes(deadline, now) }
        : { type: "skip", clock, index, round, notify },
    );
    escalation = {
      ...escalation,
      stepsFired: escalation.stepsFired + 1,
      lastEscalatedAt: staffed ? now : new Date(Math.min(due.dueAt.getTime(), now.getTime())),
      // The sweep escalates on nobody's behalf; "Escalate now" puts the person back (escalateNow).
      lastEscalatedBy: undefined,
      level: staffed ? Math.max(escalation.level, index + 1) : escalation.level,
    };
    if (staffed && until === "next-escalation") break;
  }
  return { rungs, escalation };
}
