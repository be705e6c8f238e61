import type { Authority } from "../concern/authorize-action.ts";
import type { Concern } from "../concern/concern.ts";
import type { IdentifiedActor } from "../concern/identify-actor.ts";
import type { Role } from "../directory/directory.ts";

/** How a refusal names each role that may see details. */
const ROLE_WORDS: Readonly<Record<Role, string>> = {
  nurse: "a nurse",
  liaison: "a patient relations liaison",
  responder: "a responder",
  "department-head": "a department head",
  manager: "a manager",
  director: "a director",
  admin: "an admin",
};

/**
 * Whether this person may see what the concern's card leaves out (its full description and patient
 * reference), as the directory's `patientDetailsViewers` says: by role anywhere, or as one of the
 * concern's own department. Whoever raised the concern may always see what they typed.
 */
export function mayViewDetails(
  { directory, groups }: Authority,
  actor: IdentifiedActor,
  concern: Concern,
): boolean {
  if (actor.ref.key === concern.reporter.key) return true;
  const viewers = directory.hospital.patientDetailsViewers;
  const person = actor.person;
  if (person && viewers.roles.includes(person.role)) return true;
  if (!viewers.concernsDepartment) return false;
  const department = directory.answeringDepartment(concern.departmentId);
  if (person && directory.answersFor(person.id, department)) return true;
  return groups.membership(actor.identity.platform, actor.identity.userId, department) !== undefined;
}

/** "Only a patient relations liaison, a director, Nursing 4 West's staff or whoever raised it may see …" */
export function detailsRefusal({ directory }: Pick<Authority, "directory">, concern: Concern): string {
  const viewers = directory.hospital.patientDetailsViewers;
  const department = directory.answeringDepartment(concern.departmentId);
  const who = [
    ...viewers.roles.map((role) => ROLE_WORDS[role]),
    ...(viewers.concernsDepartment ? [`${department.name}'s staff`] : []),
    "whoever raised it",
  ];
  const listed = `${who.slice(0, -1).join(", ")} or ${who.at(-1)}`;
  return `Only ${listed} may see the patient details of ${concern.reference}.`;
}
