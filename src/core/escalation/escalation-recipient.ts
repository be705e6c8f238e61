import { isWithinBusinessHours } from "./business-time.ts";
import type { Department, LadderTarget, Person } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";

export type EscalationRecipient =
  | { kind: "channel"; department: Department }
  | { kind: "person"; person: Person; role: LadderTarget; afterHours: boolean };

export const LADDER_TARGET_LABEL: Record<LadderTarget, string> = {
  "department-channel": "department channel",
  "department-head": "department head",
  "department-manager": "department manager",
  "department-director": "director",
  "administrator-on-call": "administrator on call",
};

/** Outside its business hours a department's head and manager are replaced by its after-hours target. */
export function isAfterHours(directory: DirectoryIndex, department: Department, at: Date): boolean {
  return (
    department.businessHours !== undefined &&
    !isWithinBusinessHours(at, department.businessHours, directory.hospital.timeZone)
  );
}

/**
 * Who a ladder level reaches for a department, now. People are looked up in the current directory
 * (shifts change); the ladder itself was frozen when the concern was raised. Undefined: nobody holds it.
 */
export function escalationRecipient(
  directory: DirectoryIndex,
  department: Department,
  target: LadderTarget,
  at: Date,
): EscalationRecipient | undefined {
  if (target === "department-channel") {
    return department.slackChannelId || department.teamsChannelId
      ? { kind: "channel", department }
      : undefined;
  }
  const afterHours =
    (target === "department-head" || target === "department-manager") &&
    department.afterHoursTarget !== undefined &&
    isAfterHours(directory, department, at);
  const personId = afterHours
    ? department.afterHoursTarget
    : {
        "department-head": department.head,
        "department-manager": department.manager,
        "department-director": department.director,
        "administrator-on-call": directory.hospital.administratorOnCall,
      }[target];
  const person = personId ? directory.person(personId) : undefined;
  return person ? { kind: "person", person, role: target, afterHours } : undefined;
}
