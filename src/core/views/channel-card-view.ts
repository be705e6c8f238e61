import { localDateTime, localTime } from "../escalation/business-time.ts";
import { cardActionsFor, type CardAction } from "../actions/card-actions.ts";
import type { Concern } from "../concern/concern.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { DepartmentId } from "../ids.ts";
import { LADDER_TARGET_LABEL } from "../escalation/escalation-recipient.ts";
import { maskPatientReference } from "../concern/mask-patient-reference.ts";
import { runningClock } from "../escalation/next-due-at.ts";

/**
 * Everything a concern's card may show, already decided for privacy: room and a masked patient
 * reference, never a name or a full record number. Slack's and Teams' cards are both drawn from it.
 */
export interface CardView {
  concernId: string;
  reference: string;
  severity: Concern["severity"];
  status: Concern["status"];
  title: string;
  unit: string;
  room: string;
  patient: string;
  category: string;
  grievance: boolean;
  description: string;
  reporter: string;
  department: string;
  /** "Raised 14:00 by Nia Okafor (7 min ago)" */
  raisedLine: string;
  /** "Acknowledge by 14:20", "Acknowledged by Sam Rivera at 14:07 · resolve by 18:00", "Resolved by …" */
  statusLine: string;
  escalationLine?: string;
  grievanceLine?: string;
  /** Set on the card left behind in a department the concern was reassigned away from. */
  movedTo?: string;
  actions: CardAction[];
}

const SEVERITY_MARK: Record<Concern["severity"], string> = {
  low: "🟢 Low",
  moderate: "🟡 Moderate",
  high: "🟠 High",
  critical: "🔴 Critical",
};

function age(minutes: number): string {
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min ago`;
  return `${Math.floor(minutes / 1440)} days ago`;
}

export function channelCardView(
  directory: DirectoryIndex,
  concern: Concern,
  now: Date,
  cardDepartment: DepartmentId = concern.departmentId,
): CardView {
  const zone = directory.hospital.timeZone;
  const at = (d: Date) => localTime(d, zone);
  const minutesAgo = Math.max(0, Math.round((now.getTime() - concern.createdAt.getTime()) / 60_000));
  const department = directory.department(concern.departmentId)?.name ?? concern.departmentId;
  const movedTo = cardDepartment !== concern.departmentId ? department : undefined;

  let statusLine: string;
  switch (concern.status) {
    case "open":
    case "reopened": {
      const overdue = now > concern.acknowledgeBy ? " (overdue)" : "";
      statusLine = `${concern.status === "reopened" ? "Reopened · a" : "A"}cknowledge by ${at(concern.acknowledgeBy)}${overdue}`;
      break;
    }
    case "acknowledged": {
      const overdue = now > concern.resolveBy ? " (overdue)" : "";
      statusLine = `Acknowledged by ${concern.acknowledgedBy?.displayName} at ${at(concern.acknowledgedAt!)} · resolve by ${localDateTime(concern.resolveBy, zone)}${overdue}`;
      break;
    }
    case "resolved":
      statusLine = `Resolved by ${concern.resolvedBy?.displayName} at ${at(concern.resolvedAt!)}`;
      break;
  }

  let escalationLine: string | undefined;
  const { level, lastEscalatedAt } = concern.escalation;
  if (level > 0 && lastEscalatedAt && concern.status !== "resolved") {
    const target = concern.policy.ladder[level - 1]?.notify;
    const { deadline } = runningClock(concern);
    const overdue = Math.round((lastEscalatedAt.getTime() - deadline.getTime()) / 60_000);
    escalationLine = `Escalated to level ${level}${target ? ` (${LADDER_TARGET_LABEL[target]})` : ""} at ${at(lastEscalatedAt)}${overdue > 0 ? `, ${overdue} min overdue` : ""}`;
  }

  return {
    concernId: concern.id,
    reference: concern.reference,
    severity: concern.severity,
    status: concern.status,
    title: `${concern.reference} · ${SEVERITY_MARK[concern.severity]}${concern.isGrievance ? " · Grievance" : ""}`,
    unit: concern.unit,
    room: concern.room,
    patient: maskPatientReference(concern.patientReference, directory.hospital.patientReferenceMasking),
    category: directory.category(concern.category)?.label ?? concern.category,
    grievance: concern.isGrievance,
    description: concern.description,
    reporter: concern.reporter.displayName,
    department,
    raisedLine: `Raised ${at(concern.createdAt)} by ${concern.reporter.displayName} (${age(minutesAgo)})`,
    statusLine: movedTo ? `Moved to ${movedTo}` : statusLine,
    escalationLine: movedTo ? undefined : escalationLine,
    grievanceLine:
      concern.isGrievance && concern.grievanceNoticeBy
        ? `Grievance: interim notice due ${localDateTime(concern.grievanceNoticeBy, zone)}`
        : undefined,
    movedTo,
    actions: movedTo ? [] : cardActionsFor(concern.status),
  };
}
