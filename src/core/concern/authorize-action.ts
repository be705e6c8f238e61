import type { ActorRef, Concern } from "./concern.ts";
import type { ConcernActionType } from "./concern-state-machine.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { Department } from "../directory/directory.ts";
import {
  groupName,
  responderGroupOf,
  type ResponderGroupMembers,
} from "../directory/responder-group-members.ts";
import { NotAllowedError } from "../errors.ts";
import type { IdentifiedActor } from "./identify-actor.ts";
import type { Platform } from "../platform.ts";

const VERB: Record<ConcernActionType, string> = {
  acknowledge: "acknowledge",
  resolve: "resolve",
  reopen: "reopen",
  reassign: "reassign",
  escalate: "escalate",
  "add-note": "add notes to",
  "mark-notice-sent": "record the notice sent for",
  "send-interim-notice": "send the interim notice for",
  "record-qio-referral": "record a QIO referral for",
  "record-satisfaction": "record the patient's satisfaction with",
  "send-survey-link": "send a satisfaction survey for",
  "record-patient-update": "record a patient update for",
  merge: "merge",
};

/** What an authorization looks at: the directory in force and the platform groups' last known lists. */
export interface Authority {
  directory: DirectoryIndex;
  groups: ResponderGroupMembers;
}

/** "Nursing 4 West's responders (and members of @4w-nurses)": who the refusal says may act, on their platform. */
function respondersOf(department: Department, platform: Platform, groups: ResponderGroupMembers): string {
  const groupId = responderGroupOf(department, platform);
  if (!groupId) return `${department.name}'s responders`;
  const label = groups.snapshot(platform, groupId)?.label;
  const group = label
    ? groupName(platform, label)
    : `its ${platform === "slack" ? "Slack user group" : "Teams team"}`;
  return `${department.name}'s responders (and members of ${group})`;
}

/**
 * Who may act on a concern: its department's responders, head, manager and director, anyone whose role
 * spans departments (liaison, director, admin), and members of the department's platform groups. The
 * reporter may also add notes. Returns the actor as the audit trail records them: a group member acts
 * under their platform name, with the group that let them.
 */
export function authorizeAction(
  { directory, groups }: Authority,
  actor: IdentifiedActor,
  concern: Concern,
  action: ConcernActionType,
): ActorRef {
  const person = actor.person;
  if (action === "add-note" && actor.ref.key === concern.reporter.key) return actor.ref;
  const department = directory.answeringDepartment(concern.departmentId);
  if (person) {
    if (person.role === "admin" || person.role === "liaison" || person.role === "director") return actor.ref;
    if (directory.answersFor(person.id, department)) return actor.ref;
  }
  const member = groups.membership(actor.identity.platform, actor.identity.userId, department);
  if (member) {
    const displayName = person ? actor.ref.displayName : member.displayName || actor.ref.displayName;
    return { ...actor.ref, displayName, authorizedBy: member.authorizedBy };
  }
  const who = person
    ? ""
    : " You are not in Liaison's directory yet; ask your Liaison administrator to add you.";
  throw new NotAllowedError(
    `Only ${respondersOf(department, actor.identity.platform, groups)}, head or manager, a patient relations liaison, a director or an admin may ${VERB[action]} ${concern.reference}.${who}`,
  );
}
