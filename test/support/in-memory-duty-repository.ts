import type { DutyAssignment } from "../../src/core/duty/duty-roster.ts";
import type { DutyRepository } from "../../src/core/ports/duty-repository.port.ts";

/** The duty store the core tests run on; the store contract test holds it to the Prisma one's behaviour. */
export class InMemoryDutyRepository implements DutyRepository {
  private readonly rows = new Map<string, DutyAssignment>();

  async take(assignment: DutyAssignment): Promise<void> {
    this.rows.set(`${assignment.dutyId}\u0000${assignment.placeId}`, { ...assignment });
  }

  async current(now: Date): Promise<DutyAssignment[]> {
    return [...this.rows.values()]
      .filter((a) => a.endsAt > now)
      .sort((a, b) => a.dutyId.localeCompare(b.dutyId) || a.placeId.localeCompare(b.placeId))
      .map((a) => ({ ...a }));
  }
}
