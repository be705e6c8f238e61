import type { Concern } from "./concern.ts";
import type { ConcernActionType } from "./concern-state-machine.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { NotAllowedError } from "../errors.ts";
import type { IdentifiedActor } from "./identify-actor.ts";

const VERB: Record<ConcernActionType, string> = {
  acknowledge: "acknowledge",
  resolve: "resolve",
  reopen: "reopen",
  reassign: "reassign",
  escalate: "escalate",
  "add-note": "add notes to",
};

/**
 * Who may act on a concern: its department's responders, head, manager and director, and anyone whose
 * role spans departments (liaison, director, admin). The reporter may also add notes.
 */
export function authorizeAction(
  directory: DirectoryIndex,
  actor: IdentifiedActor,
  concern: Concern,
  action: ConcernActionType,
): void {
  const person = actor.person;
  if (action === "add-note" && actor.ref.key === concern.reporter.key) return;
  if (person) {
    if (person.role === "admin" || person.role === "liaison" || person.role === "director") return;
    if (directory.answersFor(person.id, directory.answeringDepartment(concern.departmentId))) return;
  }
  const deptName = directory.answeringDepartment(concern.departmentId).name;
  const who = person
    ? ""
    : " You are not in Liaison's directory yet; ask your Liaison administrator to add you.";
  throw new NotAllowedError(
    `Only ${deptName}'s responders, head or manager, a patient relations liaison, a director or an admin may ${VERB[action]} ${concern.reference}.${who}`,
  );
}
