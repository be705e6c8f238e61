import { addDays, addPolicyDuration } from "./business-time.ts";
import type { PolicySnapshot } from "./policy-snapshot.ts";

export interface Deadlines {
  acknowledgeBy: Date;
  resolveBy: Date;
}

/** Acknowledge-by runs on elapsed minutes; resolve-by on the policy's clock, in the hospital's zone. */
export function computeDeadlines(policy: PolicySnapshot, from: Date): Deadlines {
  return {
    acknowledgeBy: new Date(from.getTime() + policy.acknowledgeWithinMinutes * 60_000),
    resolveBy: addPolicyDuration(
      from,
      policy.resolveWithin,
      policy.resolveClock,
      policy.businessHours,
      policy.timeZone,
    ),
  };
}

/**
 * The grievance's day-level clock (42 CFR 482.13(a)(2)): interim notice due N days after receipt, on the
 * hospital's clock (7 calendar days, or 5 business days). Policies frozen before the clock was a
 * setting count calendar days.
 */
export function computeGrievanceNoticeBy(policy: PolicySnapshot, receivedAt: Date): Date {
  const { interimNoticeDays, interimNoticeClock = "calendar" } = policy.grievance;
  return addDays(receivedAt, interimNoticeDays, interimNoticeClock, policy.businessHours, policy.timeZone);
}

/** The final response an interim notice promises by default: N days from now on its clock (21 business days). */
export function defaultFollowUpBy(policy: PolicySnapshot, now: Date): Date {
  const { followUpDays = 21, followUpClock = "business" } = policy.grievance;
  return addDays(now, followUpDays, followUpClock, policy.businessHours, policy.timeZone);
}
