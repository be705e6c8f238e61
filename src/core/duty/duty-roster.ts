import { DateTime } from "luxon";
import type { Concern } from "../concern/concern.ts";
import type { Duty, Person } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { PersonId } from "../ids.ts";

/** One person holding a duty for a unit or department until the next shift change. */
export interface DutyAssignment {
  dutyId: string;
  /** The unit id (a duty per unit) or department id (per department) the duty is held for. */
  placeId: string;
  personId: PersonId;
  personName: string;
  /** Who took it for them: the holder themselves, or the person handing over. */
  takenByKey: string;
  takenByName: string;
  takenAt: Date;
  endsAt: Date;
}

/**
 * When a duty taken at `at` ends: the first shift change after it, in the hospital's zone (so a
 * daylight-saving change moves it with the clocks); with no shift changes declared, local midnight.
 */
export function shiftEndAfter(at: Date, shiftChanges: readonly string[], timeZone: string): Date {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const times = shiftChanges.length > 0 ? shiftChanges : ["00:00"];
  for (let day = 0; day <= 1; day++) {
    const date = local.plus({ days: day }).startOf("day");
    for (const time of times) {
      const [hour, minute] = time.split(":").map(Number);
      const change = date.set({ hour, minute, second: 0, millisecond: 0 });
      if (change > local) return change.toJSDate();
    }
  }
  throw new Error("unreachable: a shift change always falls within a day");
}

/** Where a duty is held for a concern: its unit (a duty per unit) or its department. */
export function dutyPlaceOf(
  directory: DirectoryIndex,
  duty: Duty,
  concern: Pick<Concern, "unit" | "departmentId">,
) {
  return duty.per === "unit" ? (directory.unitFor(concern.unit)?.id ?? concern.unit) : concern.departmentId;
}

/** What a unit or department is called in a reply: "4 West", "Nursing 4 West". */
export function dutyPlaceName(directory: DirectoryIndex, duty: Duty, placeId: string): string {
  if (duty.per === "unit") return directory.unitName(placeId);
  return directory.department(placeId as Parameters<DirectoryIndex["department"]>[0])?.name ?? placeId;
}

/** Who holds which duty at one moment: loaded once per sweep batch or action, so planners stay pure. */
export class DutyRoster {
  private readonly byPlace = new Map<string, DutyAssignment>();

  constructor(
    assignments: readonly DutyAssignment[],
    readonly at: Date,
  ) {
    for (const a of assignments) if (a.endsAt > at) this.byPlace.set(`${a.dutyId}\u0000${a.placeId}`, a);
  }

  static readonly EMPTY = new DutyRoster([], new Date(0));

  holder(dutyId: string, placeId: string): DutyAssignment | undefined {
    return this.byPlace.get(`${dutyId}\u0000${placeId}`);
  }

  get assignments(): DutyAssignment[] {
    return [...this.byPlace.values()];
  }
}

/**
 * Who a duty reaches for one place now: its holder if they are still in the directory, else the
 * directory's fallback person for that place, else nobody (the ladder skips the level and says so).
 */
export function dutyPerson(
  directory: DirectoryIndex,
  roster: DutyRoster,
  duty: Duty,
  placeId: string,
): { person: Person; fallback: boolean } | undefined {
  const held = roster.holder(duty.id, placeId);
  const holder = held && directory.person(held.personId);
  if (holder) return { person: holder, fallback: false };
  const fallbackId = duty.fallback[placeId];
  const fallback = fallbackId && directory.person(fallbackId);
  return fallback ? { person: fallback, fallback: true } : undefined;
}
