import type { Department } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { unitsRoutedTo } from "./duty-places.ts";
import { dutyPerson, dutyPlaceName, type DutyRoster } from "./duty-roster.ts";

/**
 * The duties nobody holds now in a manager's departments (a duty per unit: in the units routed to
 * them), each saying who its escalations reach meanwhile: "Charge nurse for 4 West: nobody has taken
 * it; escalations go to Jo Kim".
 */
export function unfilledDuties(
  directory: DirectoryIndex,
  departments: readonly Department[],
  roster: DutyRoster,
): string[] {
  return directory.directory.duties.flatMap((duty) => {
    const places = [
      ...new Set(departments.flatMap((d) => (duty.per === "unit" ? unitsRoutedTo(directory, d) : [d.id]))),
    ];
    return places.flatMap((place) => {
      // The same rule escalations follow, so this list never disagrees with who is actually paged.
      const reached = dutyPerson(directory, roster, duty, place);
      if (reached && !reached.fallback) return [];
      const meanwhile = reached
        ? `escalations go to ${reached.person.name}`
        : "escalations to it are skipped";
      return [`${duty.name} for ${dutyPlaceName(directory, duty, place)}: nobody has taken it; ${meanwhile}`];
    });
  });
}
