import { addPolicyDuration } from "./business-time.ts";
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

/** The grievance's day-level clock (42 CFR 482.13(a)(2)): interim notice due N calendar days after receipt. */
export function computeGrievanceNoticeBy(policy: PolicySnapshot, receivedAt: Date): Date {
  return addPolicyDuration(
    receivedAt,
    { unit: "days", amount: policy.grievance.interimNoticeDays },
    "calendar",
    policy.businessHours,
    policy.timeZone,
  );
}
