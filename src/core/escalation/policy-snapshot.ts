import type {
  BusinessHours,
  GrievanceSettings,
  LadderStep,
  PatientUpdatePolicy,
} from "../directory/directory.ts";
import type { PolicyDuration } from "./duration.ts";
import type { PolicyId } from "../ids.ts";

/**
 * The policy as it stood when the concern was raised, frozen onto the concern so that editing the
 * directory later never rewrites an open concern's deadlines or ladder.
 */
export interface PolicySnapshot {
  policyId: PolicyId;
  acknowledgeWithinMinutes: number;
  resolveWithin: PolicyDuration;
  resolveClock: "calendar" | "business";
  ladder: readonly LadderStep[];
  repeat: number;
  timeZone: string;
  businessHours: BusinessHours;
  grievance: GrievanceSettings;
  /** Absent on policies without it, and on concerns raised before it existed: no update clock runs. */
  updatePatient?: PatientUpdatePolicy;
}
