import type { Concern } from "../concern/concern.ts";
import type { Department, Person } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { DigestContent, DigestItem } from "./digest.ts";
import { runningClock } from "../escalation/next-due-at.ts";

/** A concern due within this long is "at risk" in a digest. */
export const AT_RISK_MINUTES = 60;

/**
 * Whole minutes past a deadline (negative: still to go), never rounded across it: 20 seconds before
 * the deadline is "due in 1 min", 20 seconds after it is "0 min overdue".
 */
function minutesPast(dueAt: Date, now: Date): number {
  const ms = now.getTime() - dueAt.getTime();
  return ms > 0 ? Math.floor(ms / 60_000) : -Math.ceil(-ms / 60_000);
}

function item(directory: DirectoryIndex, concern: Concern, now: Date): DigestItem | undefined {
  const { clock, deadline } = runningClock(concern);
  // The grievance's notice clock counts when it is the more pressing one.
  const grievanceFirst =
    concern.isGrievance && concern.grievanceNoticeBy !== undefined && concern.grievanceNoticeBy < deadline;
  const dueAt = grievanceFirst ? concern.grievanceNoticeBy! : deadline;
  const overdue = now.getTime() > dueAt.getTime();
  const overdueMinutes = minutesPast(dueAt, now);
  if (overdueMinutes < -AT_RISK_MINUTES) return undefined;
  return {
    concernId: concern.id,
    reference: concern.reference,
    severity: concern.severity,
    categoryLabel: directory.category(concern.category)?.label ?? concern.category,
    unit: directory.unitName(concern.unit),
    room: concern.room,
    status: concern.status,
    ownerName: concern.owner?.displayName,
    ageMinutes: Math.floor(Math.max(0, now.getTime() - concern.createdAt.getTime()) / 60_000),
    clock: grievanceFirst ? "grievance" : clock,
    state: overdue ? "overdue" : "at-risk",
    dueAt: dueAt.toISOString(),
    overdueMinutes,
  };
}

/** A manager's digest: their departments' overdue and at-risk concerns, grouped, oldest first. */
export function buildDigest(
  directory: DirectoryIndex,
  recipient: Person,
  departments: readonly { department: Department; openConcerns: readonly Concern[] }[],
  parkedDeliveries: number,
  now: Date,
): DigestContent {
  return {
    recipientName: recipient.name,
    generatedAt: now.toISOString(),
    timeZone: directory.hospital.timeZone,
    parkedDeliveries,
    departments: departments.map(({ department, openConcerns }) => ({
      departmentId: department.id,
      name: department.name,
      items: openConcerns
        .map((c) => item(directory, c, now))
        .filter((i): i is DigestItem => i !== undefined)
        .sort((a, b) => b.ageMinutes - a.ageMinutes),
    })),
  };
}

/** The departments whose digest a person receives: those they head, manage or direct. */
export function digestDepartments(directory: DirectoryIndex, person: Person): Department[] {
  return directory.directory.departments.filter(
    (d) => d.head === person.id || d.manager === person.id || d.director === person.id,
  );
}
