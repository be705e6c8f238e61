import type { Concern } from "./concern.ts";

/**
 * When the sweep must next look at a concern: the running clock (acknowledge, then resolve) and, for a
 * grievance, its day-level notice clock. Undefined once the concern is resolved.
 */
export function nextDueAt(concern: Concern): Date | undefined {
  if (concern.status === "resolved") return undefined;
  const running = concern.status === "acknowledged" ? concern.resolveBy : concern.acknowledgeBy;
  const candidates = [running];
  if (concern.isGrievance && concern.grievanceNoticeBy && !concern.escalation.grievanceEscalatedAt) {
    candidates.push(concern.grievanceNoticeBy);
  }
  return new Date(Math.min(...candidates.map((d) => d.getTime())));
}
