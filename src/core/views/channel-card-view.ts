import { satisfactionLine, surveyOpen } from "../satisfaction/satisfaction.ts";
import { localDate, localDateTime, localTime, longDate } from "../escalation/business-time.ts";
import { NOTICE_METHODS, type GrievanceLetterRef } from "../grievance/grievance-notice.ts";
import { cardActionsFor, type CardAction } from "../actions/card-actions.ts";
import type { Concern } from "../concern/concern.ts";
import type { LadderTarget } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { DepartmentId } from "../ids.ts";
import { ladderTargetLabel } from "../escalation/escalation-recipient.ts";
import { cardPrivacyFor } from "../directory/card-privacy.ts";
import { privateDetailsOnCard } from "./private-details-on-card.ts";
import { runningClock } from "../escalation/next-due-at.ts";
import { formatMinutes } from "../escalation/duration.ts";
import { SEVERITY_MARK } from "../concern/severity.ts";
import { PATIENT_UPDATE_METHODS } from "../concern/patient-update.ts";
import { repeatLine } from "../repeat/repeat-match.ts";

/** What a card's reader should see first: the state the concern is in now. */
export type CardState =
  "open" | "overdue" | "escalated" | "acknowledged" | "reopened" | "resolved" | "moved" | "merged";

/** The state's words and marker, the same on both platforms; each colours it its own way. */
export const CARD_STATE_LABEL: Readonly<Record<CardState, string>> = {
  open: "🆕 Open",
  overdue: "⏰ Overdue",
  escalated: "⬆️ Escalated",
  acknowledged: "👀 Acknowledged",
  reopened: "🔁 Reopened",
  resolved: "✅ Resolved",
  moved: "➡️ Moved",
  merged: "🔗 Merged",
};

/**
 * Everything a concern's card may show, already decided for privacy at the directory's card level
 * (private-details-on-card.ts): the room, then a masked reference or initials or nothing, and the
 * description whole, shortened or withheld; never a name or a full record number. Slack's and Teams'
 * cards are both drawn from it. Lines may quote people (names, reasons, notes): platforms show them
 * literally, never as markup.
 */
export interface CardView {
  concernId: string;
  reference: string;
  severity: Concern["severity"];
  status: Concern["status"];
  state: CardState;
  stateLabel: string;
  title: string;
  unit: string;
  room: string;
  /** "•••417" or "JD"; absent when the card shows the room only. */
  patient?: string;
  /** "Patient ref." or "Patient initials", with `patient`. */
  patientLabel?: string;
  category: string;
  grievance: boolean;
  /** Whole, its first characters ending in "…", or "" when the card shows the category only. */
  description: string;
  /** Under a shortened or withheld description: the full text is there for permitted staff. */
  descriptionHint?: string;
  reporter: string;
  department: string;
  /** "Raised Tue 24 Nov 14:00 by Nia Okafor": absolute, so it never goes stale. */
  raisedLine: string;
  /** "Acknowledge by 14:20", "Acknowledged by Sam Rivera at 14:07 · resolve by …", "Resolved by …", "Moved to …" */
  statusLine: string;
  escalationLine?: string;
  grievanceLine?: string;
  /** On the card of the department a concern was reassigned to: where it came from, who, when, why. */
  reassignedLine?: string;
  /** On a resolved card: what was done, in the resolver's words. */
  resolutionLine?: string;
  /** A resolved grievance's written notice: drafted and waiting to be sent, or sent how and when. */
  noticeLine?: string;
  /** Where the drafted letter (PDF) opens, and what its link says. */
  letterUrl?: string;
  letterTitle?: string;
  /** Quality of care or discharge: the QIO may review it, or it was referred there. */
  qioLine?: string;
  /** The patient's rating ("Patient satisfaction: 4/5 (Satisfied)"), or the survey link awaiting it. */
  satisfactionLine?: string;
  /** Keeping the patient informed: the last update (who, how, when) and when the next is due. */
  patientUpdateLine?: string;
  /** "2nd concern this stay: PR-2026-00031", and on the earlier card "Raised again: PR-2026-00032". */
  repeatLine?: string;
  /** On the concern others were merged into: "Merged PR-2026-00032 into this (Pat Morgan, 14:20)". */
  mergeLine?: string;
  /** Raised from a room's QR code: staff decide whether it is a grievance; how to reach them, if left. */
  familyLine?: string;
  /** Set on the card left behind in a department the concern was reassigned away from. */
  movedTo?: string;
  actions: CardAction[];
}

type Draw = {
  concern: Concern;
  now: Date;
  zone: string;
  at: (d: Date) => string;
  deptName: (id: DepartmentId) => string;
  targetName: (target: LadderTarget) => string;
};

function cardState(concern: Concern, now: Date, moved: boolean): CardState {
  if (moved) return "moved";
  if (concern.mergedInto) return "merged";
  if (concern.status === "resolved") return "resolved";
  if (now > runningClock(concern).deadline) return "overdue";
  if (concern.escalation.level > 0) return "escalated";
  return concern.status;
}

function statusLine({ concern, now, zone, at }: Draw): string {
  switch (concern.status) {
    case "open":
    case "reopened": {
      const overdue = now > concern.acknowledgeBy ? " (overdue)" : "";
      return `${concern.status === "reopened" ? "Reopened · a" : "A"}cknowledge by ${at(concern.acknowledgeBy)}${overdue}`;
    }
    case "acknowledged": {
      const overdue = now > concern.resolveBy ? " (overdue)" : "";
      return `Acknowledged by ${concern.acknowledgedBy?.displayName} at ${at(concern.acknowledgedAt!)} · resolve by ${localDateTime(concern.resolveBy, zone)}${overdue}`;
    }
    case "resolved":
      if (concern.mergedInto) {
        const m = concern.mergedInto;
        return `Merged into ${m.concern.reference} by ${m.by.displayName} at ${at(m.at)}`;
      }
      return `Resolved by ${concern.resolvedBy?.displayName} at ${at(concern.resolvedAt!)}`;
  }
}

function escalationLine({ concern, at, targetName }: Draw): string | undefined {
  const { level, lastEscalatedAt, lastEscalatedBy } = concern.escalation;
  if (level === 0 || !lastEscalatedAt || concern.status === "resolved") return undefined;
  const target = concern.policy.ladder[level - 1]?.notify;
  const overdue = Math.round((lastEscalatedAt.getTime() - runningClock(concern).deadline.getTime()) / 60_000);
  const by = lastEscalatedBy ? ` by ${lastEscalatedBy.displayName}` : "";
  return `Escalated to level ${level}${target ? ` (${targetName(target)})` : ""} at ${at(lastEscalatedAt)}${by}${overdue > 0 ? `, ${formatMinutes(overdue)} overdue` : ""}`;
}

/** The reassignment as each side tells it: the old card says where it went, the new where it came from. */
function reassignment({ concern, at, deptName }: Draw, cardDepartment: DepartmentId) {
  const r = concern.reassignedFrom;
  const why = r?.reason ? `: ${r.reason}` : "";
  const movedTo = cardDepartment !== concern.departmentId ? deptName(concern.departmentId) : undefined;
  if (movedTo) {
    const byWhom =
      r && r.fromDepartment === cardDepartment ? ` by ${r.by.displayName} at ${at(r.at)}${why}` : "";
    return { movedTo, statusLine: `Moved to ${movedTo}${byWhom}` };
  }
  return {
    reassignedLine: r
      ? `Reassigned from ${deptName(r.fromDepartment)} by ${r.by.displayName} at ${at(r.at)}${why}`
      : undefined,
  };
}

/** A purged concern's card says why its description is gone (the retention policy), not an empty line. */
function purgedDescription(
  concern: Concern,
  zone: string,
): Partial<Pick<CardView, "description" | "descriptionHint">> {
  if (!concern.detailsPurgedAt) return {};
  const removedOn = localDate(concern.detailsPurgedAt, zone);
  return {
    description: `Patient details removed on ${removedOn} (retention policy)`,
    descriptionHint: undefined,
  };
}

export function channelCardView(
  directory: DirectoryIndex,
  concern: Concern,
  now: Date,
  cardDepartment: DepartmentId = concern.departmentId,
): CardView {
  const zone = directory.hospital.timeZone;
  const draw: Draw = {
    concern,
    now,
    zone,
    at: (d) => localTime(d, zone),
    deptName: (id) => directory.department(id)?.name ?? id,
    targetName: (target) => ladderTargetLabel(directory, target),
  };
  const moved = reassignment(draw, cardDepartment);
  const qioReferable = directory.category(concern.category)?.qioReferable ?? false;
  const state = cardState(concern, now, moved.movedTo !== undefined);
  return {
    concernId: concern.id,
    reference: concern.reference,
    severity: concern.severity,
    status: concern.status,
    state,
    stateLabel: CARD_STATE_LABEL[state],
    title: `${concern.reference} · ${SEVERITY_MARK[concern.severity]}${concern.isGrievance ? " · Grievance" : ""}`,
    unit: directory.unitName(concern.unit),
    room: concern.room,
    ...privateDetailsOnCard(
      concern,
      cardPrivacyFor(directory, [cardDepartment, concern.departmentId, ...movedFrom(concern)]),
      directory.hospital.patientReferenceMasking,
    ),
    ...purgedDescription(concern, zone),
    category: directory.category(concern.category)?.label ?? concern.category,
    grievance: concern.isGrievance,
    reporter: concern.reporter.displayName,
    department: draw.deptName(concern.departmentId),
    raisedLine: `Raised ${localDateTime(concern.createdAt, zone)} by ${concern.reporter.displayName}`,
    statusLine: moved.statusLine ?? statusLine(draw),
    escalationLine: moved.movedTo ? undefined : escalationLine(draw),
    grievanceLine: grievanceLine(concern, zone, moved.movedTo !== undefined),
    reassignedLine: moved.reassignedLine,
    resolutionLine: resolutionLine(concern, moved.movedTo !== undefined),
    ...(moved.movedTo ? {} : letterLines(concern, zone)),
    movedTo: moved.movedTo,
    qioLine: qioLine(concern, qioReferable),
    patientUpdateLine: moved.movedTo ? undefined : patientUpdateLine(draw),
    repeatLine: repeatLine(concern),
    mergeLine: mergeLine(concern, draw.at),
    familyLine: familyLine(concern),
    satisfactionLine: moved.movedTo ? undefined : patientSatisfactionLine(concern, now, zone),
    actions: moved.movedTo
      ? []
      : cardActionsFor({ ...concern, qioReferable, surveyOpen: surveyOpen(concern, now) }),
  };
}

/** The department a concern was last moved out of still has a say in what its cards show. */
const movedFrom = (concern: Concern) =>
  concern.reassignedFrom ? [concern.reassignedFrom.fromDepartment] : [];

/**
 * "Patient/family updated Tue 1 Dec 14:05 by Sam Rivera (phone) · next update due by 18:05": the last
 * update and the next one the policy asks for ("overdue" once it has passed).
 */
function patientUpdateLine({ concern, now, zone, at }: Draw): string | undefined {
  const last = concern.lastPatientUpdate;
  const due = concern.status === "acknowledged" ? concern.patientUpdateBy : undefined;
  const parts = [
    last
      ? `Patient/family updated ${localDateTime(last.at, zone)} by ${last.by.displayName} (${PATIENT_UPDATE_METHODS[last.method].toLowerCase()})`
      : undefined,
    due
      ? `${last ? "next update" : "Patient/family update"} due by ${at(due)}${now > due ? " (overdue)" : ""}`
      : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/** What was done, in the resolver's words; a merged concern says why it was merged, if anyone said. */
function resolutionLine(concern: Concern, moved: boolean): string | undefined {
  if (concern.status !== "resolved" || moved) return undefined;
  if (concern.mergedInto)
    return concern.mergedInto.reason ? `Why merged: ${concern.mergedInto.reason}` : undefined;
  return concern.resolutionNote ? `Resolution: ${concern.resolutionNote}` : undefined;
}

/** "Merged PR-2026-00032 into this (Pat Morgan, 14:20)"; several merged in are listed, as many as there are. */
function mergeLine(concern: Concern, at: (d: Date) => string): string | undefined {
  const merged = concern.mergedFrom ?? [];
  if (merged.length === 0) return undefined;
  return merged
    .map((m) => `Merged ${m.concern.reference} into this (${m.by.displayName}, ${at(m.at)})`)
    .join("; ");
}

/** "Patient satisfaction: 4/5 (Satisfied)"; before that, whether a survey link is out for the patient. */
function patientSatisfactionLine(concern: Concern, now: Date, zone: string): string | undefined {
  if (concern.satisfaction) return satisfactionLine(concern.satisfaction);
  const invitation = concern.surveyInvitation;
  if (!invitation) return undefined;
  const until = localDateTime(invitation.expiresAt, zone);
  return invitation.expiresAt > now
    ? `Survey link sent by ${invitation.by.displayName}; the patient can answer until ${until}.`
    : `The survey link sent by ${invitation.by.displayName} expired unanswered at ${until}.`;
}

/** The words are the family's own (shown literally by both platforms); the room is on the card already. */
function familyLine(concern: Concern): string | undefined {
  if (!concern.grievanceCandidate) return undefined;
  const reach = concern.familyContact
    ? `How to reach them: ${concern.familyContact}`
    : "They left no way to reach them: go to the room.";
  return `Raised by a patient or family member: may be a grievance. ${reach}`;
}

/** A quality-of-care or discharge concern says the QIO may review it, then that it was asked to. */
function qioLine(concern: Concern, referable: boolean): string | undefined {
  if (concern.qioReferral) {
    return `Referred to the QIO on ${longDate(concern.qioReferral.referredOn, "en-US")}, recorded by ${concern.qioReferral.by.displayName}.`;
  }
  return referable
    ? "Quality of care or discharge: a Medicare patient may ask the QIO (Quality Improvement Organization) to review it."
    : undefined;
}

/** The grievance's own clock while it is open: the interim notice, or the final response promised. */
function grievanceLine(concern: Concern, zone: string, moved: boolean): string | undefined {
  if (!concern.isGrievance || !concern.grievanceNoticeBy || moved || concern.status === "resolved")
    return undefined;
  return concern.grievanceInterim
    ? `Grievance: final response promised by ${longDate(concern.grievanceInterim.followUpOn, "en-US")}`
    : `Grievance: interim notice due ${localDateTime(concern.grievanceNoticeBy, zone)}`;
}

/** The latest letter's line and link: the written notice once resolved, else the interim notice. */
function letterLines(
  concern: Concern,
  zone: string,
): Pick<CardView, "noticeLine" | "letterUrl" | "letterTitle"> {
  if (concern.grievanceLetter) {
    return {
      noticeLine: noticeLine(concern.grievanceLetter, zone),
      letterUrl: concern.grievanceLetter.url,
      letterTitle: "Written notice (PDF)",
    };
  }
  const interim = concern.grievanceInterim;
  if (!interim) return {};
  const how = NOTICE_METHODS[interim.method].toLowerCase();
  return {
    noticeLine: `Interim notice sent (${how}) on ${longDate(interim.sentOn, "en-US")}, recorded by ${interim.by.displayName}.`,
    ...(interim.letter ? { letterUrl: interim.letter.url, letterTitle: "Interim notice (PDF)" } : {}),
  };
}

/** "Written notice sent (mail) on December 2, 2026, recorded by Pat Morgan.", or what is still to do. */
function noticeLine(letter: GrievanceLetterRef, zone: string): string {
  if (!letter.sent) {
    return `Written notice drafted ${localDateTime(letter.producedAt, zone)}: review it, send it to the patient, then press Mark notice sent.`;
  }
  const how = NOTICE_METHODS[letter.sent.method].toLowerCase();
  return `Written notice sent (${how}) on ${longDate(letter.sent.sentOn, "en-US")}, recorded by ${letter.sent.by.displayName}.`;
}
