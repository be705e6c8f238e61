import type { DutyAssignment } from "../duty/duty-roster.ts";

/** Who holds which duty this shift, as taken from chat. */
export interface DutyRepository {
  /** Records the assignment, replacing whoever held that duty for that unit or department. */
  take(assignment: DutyAssignment): Promise<void>;
  /** Every assignment that has not ended by `now`. */
  current(now: Date): Promise<DutyAssignment[]>;
}
