import type { Person, Role } from "../directory/directory.ts";

/** Roles that answer for the whole hospital, so may hand any unit's or department's duty over. */
export const HAND_OVER_ANYWHERE: ReadonlySet<Role> = new Set(["liaison", "director", "admin"]);

/**
 * Whether `actor` may give a duty to someone else. A duty decides who escalations page, so only the
 * person holding it, someone who answers for the place (`leaders`) or a hospital-wide role may move it;
 * while nobody holds it anyone may fill it. Taking a duty for yourself is a shift claim and is not
 * asked about here.
 */
export function mayHandOver(
  actor: Person,
  currentHolder: Person | undefined,
  leaders: readonly Person[],
): boolean {
  return (
    !currentHolder ||
    currentHolder.id === actor.id ||
    HAND_OVER_ANYWHERE.has(actor.role) ||
    leaders.some((leader) => leader.id === actor.id)
  );
}
