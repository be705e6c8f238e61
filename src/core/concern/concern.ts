import type {
  GrievanceInterimRef,
  GrievanceLetterRef,
  GrievanceResolution,
} from "../grievance/grievance-notice.ts";
import type { CategoryId, ConcernId, DepartmentId } from "../ids.ts";
import type { Platform } from "../platform.ts";
import type { PolicySnapshot } from "../escalation/policy-snapshot.ts";
import type { Severity } from "./severity.ts";
import type { Satisfaction, SurveyInvitationRef } from "../satisfaction/satisfaction.ts";
import type { PatientUpdate } from "./patient-update.ts";

export const CONCERN_STATUSES = ["open", "acknowledged", "resolved", "reopened"] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

/** Who did something, as stored: a stable key (person:… / slack:U… / teams:… / system) and a name. */
export interface ActorRef {
  key: string;
  displayName: string;
  platform: Platform | "api" | "system";
  /** How someone the directory does not name as a responder was let act: "member of @4w-nurses (Slack user group)". */
  authorizedBy?: string;
}

/** Where a concern's card lives on one platform; `moved` once the concern was reassigned away. */
export interface CardLocation {
  platform: Platform;
  departmentId: DepartmentId;
  channelId: string;
  messageId: string;
  state: "active" | "moved";
}

export interface EscalationState {
  /** Ladder steps fired against the running clock (acknowledge, then resolve); reset when the clock changes. */
  stepsFired: number;
  /** The highest ladder level reached so far (0: the department channel only). */
  level: number;
  lastEscalatedAt?: Date;
  /** Who pressed "Escalate now" for the last escalation; absent when the sweep escalated on time. */
  lastEscalatedBy?: ActorRef;
  grievanceRemindedAt?: Date;
  grievanceEscalatedAt?: Date;
  /** The owner was reminded of a missed patient update, then the ladder's next level told; reset by an update. */
  patientUpdateRemindedAt?: Date;
  patientUpdateEscalatedAt?: Date;
}

/** The last reassignment: where the concern came from, who moved it, when and why (shown on both cards). */
export interface Reassignment {
  fromDepartment: DepartmentId;
  by: ActorRef;
  at: Date;
  reason?: string;
}

/** Another concern, as a card names it: its id and its reference (PR-2026-00031). */
export interface ConcernLink {
  id: ConcernId;
  reference: string;
  /** When that concern was raised (a repeat's earlier concerns are listed oldest first). */
  raisedAt: Date;
}

/** One concern merged into another: which, who merged it, when and why (on both concerns). */
export interface MergeRecord {
  concern: ConcernLink;
  by: ActorRef;
  at: Date;
  reason?: string;
}

export interface Concern {
  id: ConcernId;
  reference: string;
  reporter: ActorRef;
  unit: string;
  room: string;
  /** Minimal patient reference (e.g. an encounter number); cards only ever show it masked. */
  patientReference?: string;
  /** "JD", if the reporter gave them; only a card at the room-and-initials level shows them. */
  patientInitials?: string;
  category: CategoryId;
  severity: Severity;
  description: string;
  isGrievance: boolean;
  /**
   * Raised by a patient or family member (the room's QR code): staff decide whether it is a grievance,
   * and the card says so until they do.
   */
  grievanceCandidate?: true;
  /** How the patient or family asked to be reached (name and phone), in their words; optional. */
  familyContact?: string;
  departmentId: DepartmentId;
  owner?: ActorRef;
  status: ConcernStatus;
  policy: PolicySnapshot;
  acknowledgeBy: Date;
  resolveBy: Date;
  grievanceNoticeBy?: Date;
  acknowledgedAt?: Date;
  acknowledgedBy?: ActorRef;
  resolvedAt?: Date;
  resolvedBy?: ActorRef;
  resolutionNote?: string;
  /** A grievance's written notice: its four elements as resolved, and the letter drafted from them. */
  grievanceResolution?: GrievanceResolution;
  grievanceLetter?: GrievanceLetterRef;
  /** The interim notice sent while the grievance was still being worked on, if one was. */
  grievanceInterim?: GrievanceInterimRef;
  /** The patient asked the Quality Improvement Organization to review it (recorded by staff). */
  qioReferral?: { referredOn: string; by: ActorRef; at: Date };
  /** The patient's satisfaction with how it was handled, once it is resolved (recorded once). */
  satisfaction?: Satisfaction;
  /** The last one-time survey link sent to the patient, if any (its token is never stored). */
  surveyInvitation?: SurveyInvitationRef;
  /** When the owner must next update the patient or family (the policy's updatePatientWithin); absent: not due. */
  patientUpdateBy?: Date;
  /** The latest update the patient or family was given; every one is in the audit trail. */
  lastPatientUpdate?: PatientUpdate;
  escalation: EscalationState;
  reassignedFrom?: Reassignment;
  /**
   * SHA-256 of the normalised unit, room and patient reference: how a later concern for the same
   * patient and place is found without querying on the reference itself. Absent without a reference.
   */
  repeatKey?: string;
  /** Earlier concerns with the same key within the hospital's window, oldest first ("2nd concern this stay"). */
  repeatOf?: readonly ConcernLink[];
  /** Later concerns that were linked to this one as repeats, oldest first. */
  repeatedBy?: readonly ConcernLink[];
  /** Set once this concern was merged into another: it is closed, and that one carries on. */
  mergedInto?: MergeRecord;
  /** Concerns merged into this one, oldest first. */
  mergedFrom?: readonly MergeRecord[];
  /**
   * When the retention policy removed its description, notes and patient reference (resolved long
   * enough ago); what happened, when and where stays.
   */
  detailsPurgedAt?: Date;
  /** When the escalation sweep must next look at this concern; absent once nothing is pending. */
  nextDueAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every change: updates are compare-and-set on it, so concurrent clicks cannot both win. */
  version: number;
  cards: readonly CardLocation[];
}
