import type { Concern } from "../concern/concern.ts";
import { asPersonId } from "../ids.ts";
import type { Platform } from "../platform.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { HOSPITAL_WIDE_ROLES } from "../report/report-scope.ts";

/** A chat user whose home may show a concern. */
export interface HomeViewer {
  platform: Platform;
  userId: string;
}

/** "person:sam.rivera" is a directory person; "slack:U04…" a chat user the directory does not list. */
function viewersOfKey(directory: DirectoryIndex, key: string): HomeViewer[] {
  const [kind, ...rest] = key.split(":");
  const id = rest.join(":");
  if (kind === "person") {
    const person = directory.person(asPersonId(id));
    return person ? viewersOfPerson(person) : [];
  }
  return kind === "slack" || kind === "teams" ? [{ platform: kind, userId: id }] : [];
}

function viewersOfPerson(person: { slackUserId?: string; teamsAadObjectId?: string }): HomeViewer[] {
  return [
    ...(person.slackUserId ? [{ platform: "slack" as const, userId: person.slackUserId }] : []),
    ...(person.teamsAadObjectId ? [{ platform: "teams" as const, userId: person.teamsAadObjectId }] : []),
  ];
}

/**
 * Whose home shows the concern, so that a change to it refreshes exactly those: who raised and who
 * owns it, its department's people, and the hospital-wide roles (buildHome's sections, read backwards).
 */
export function homeViewersOf(directory: DirectoryIndex, concern: Concern): HomeViewer[] {
  const department = directory.department(concern.departmentId);
  const people = directory.directory.people.filter(
    (p) =>
      HOSPITAL_WIDE_ROLES.has(p.role) || (department !== undefined && directory.answersFor(p.id, department)),
  );
  const viewers = [
    ...people.flatMap(viewersOfPerson),
    ...viewersOfKey(directory, concern.reporter.key),
    ...(concern.owner ? viewersOfKey(directory, concern.owner.key) : []),
  ];
  const seen = new Set<string>();
  return viewers.filter(
    (v) => !seen.has(`${v.platform}:${v.userId}`) && seen.add(`${v.platform}:${v.userId}`),
  );
}
