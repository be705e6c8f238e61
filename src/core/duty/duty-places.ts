import type { Department, Duty, Person } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { DepartmentId } from "../ids.ts";

/*
 * Which departments answer for which duty place. A unit belongs to no department in the directory;
 * the routing rules say which departments its concerns go to, so those are the ones that answer for it.
 */

/** A routing rule's unit as a unit id (rules may spell a unit as staff type it). */
const routedUnit = (directory: DirectoryIndex, unit: string) => directory.unitFor(unit)?.id ?? unit;

/** The units a department answers for: those its routing rules name. */
export function unitsRoutedTo(directory: DirectoryIndex, department: Department): string[] {
  const rules = directory.directory.routing.rules.filter((r) => r.department === department.id && r.unit);
  return [...new Set(rules.map((r) => routedUnit(directory, r.unit!)))];
}

/** The departments that answer for a duty's place: a unit's routed departments, or the department itself. */
export function departmentsAnswering(directory: DirectoryIndex, duty: Duty, placeId: string): Department[] {
  if (duty.per === "department") {
    const department = directory.department(placeId as DepartmentId);
    return department ? [department] : [];
  }
  const routedHere = directory.directory.routing.rules.filter(
    (r) => r.unit && routedUnit(directory, r.unit) === placeId,
  );
  return [...new Set(routedHere.map((r) => r.department))].flatMap((id) => directory.department(id) ?? []);
}

/** The heads, managers and directors of the departments that answer for a duty's place. */
export function placeLeaders(directory: DirectoryIndex, duty: Duty, placeId: string): Person[] {
  const ids = departmentsAnswering(directory, duty, placeId).flatMap((d) =>
    [d.head, d.manager, d.director].filter((id) => id !== undefined),
  );
  return [...new Set(ids)].flatMap((id) => directory.person(id) ?? []);
}
