import type { PolicyDuration } from "../escalation/duration.ts";
import type { CategoryId, DepartmentId, PersonId, PolicyId, UnitId } from "../ids.ts";
import type { Platform } from "../platform.ts";
import type { Severity } from "../concern/severity.ts";
import type { CardPrivacy, CardPrivacyOverride } from "./card-privacy.ts";

export const ROLES = [
  "nurse",
  "liaison",
  "responder",
  "department-head",
  "manager",
  "director",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening hours in the hospital's zone; "HH:mm" local times, end after start. */
export interface BusinessHours {
  days: readonly Weekday[];
  start: string;
  end: string;
}

export interface Person {
  id: PersonId;
  name: string;
  role: Role;
  slackUserId?: string;
  teamsAadObjectId?: string;
  /** Where this person is reached directly (escalation DMs, digests). */
  preferredPlatform?: Platform;
  digest?: { schedules: readonly string[]; allClear: boolean };
}

export interface Department {
  id: DepartmentId;
  name: string;
  slackChannelId?: string;
  teamsChannelId?: string;
  responders: readonly PersonId[];
  head?: PersonId;
  manager?: PersonId;
  director?: PersonId;
  /** Absent: staffed around the clock. */
  businessHours?: BusinessHours;
  /** Who takes this department's concerns outside business hours (e.g. the house supervisor). */
  afterHoursTarget?: PersonId;
  /** Platform groups whose members answer for this department besides the people named above. */
  responderGroups?: ResponderGroups;
  /** What this department's cards show, where it differs from the hospital's (Behavioral Health shows less). */
  cardPrivacy?: CardPrivacyOverride;
}

/**
 * A department's responders as the platforms keep them: a Slack user group ("S…", which the unit's
 * managers already maintain) and/or a Teams team ("19:…@thread.tacv2", the team's General channel id).
 */
export interface ResponderGroups {
  slackUserGroup?: string;
  teamsTeam?: string;
}

export interface Category {
  id: CategoryId;
  label: string;
  /** Abuse/neglect, patient rights, safety and privacy concerns are grievances by default. */
  grievance: boolean;
  /** Quality of care or a premature discharge: a Medicare patient may ask the QIO to review it. */
  qioReferable: boolean;
}

/** A nursing unit or ward as the hospital names it, with every spelling staff use for it. */
export interface Unit {
  id: UnitId;
  /** What cards, digests and reports show: "4 West". */
  name: string;
  /** "4W", "4-West", "Four West": matched ignoring case, spaces and punctuation. */
  aliases: readonly string[];
  building?: string;
  floor?: string;
}

export interface RoutingRule {
  category: CategoryId;
  /** A unit id when the directory lists units; otherwise the unit's text as staff type it. */
  unit?: string;
  department: DepartmentId;
}

/** The people an escalation level reaches, relative to the concern's department. */
export const LADDER_TARGETS = [
  "department-channel",
  "department-head",
  "department-manager",
  "department-director",
  "administrator-on-call",
] as const;
/** A duty role the ladder reaches: whoever took it this shift ("duty:charge-nurse"). */
export type DutyTarget = `duty:${string}`;
export type LadderTarget = (typeof LADDER_TARGETS)[number] | DutyTarget;

export const isDutyTarget = (target: LadderTarget): target is DutyTarget => target.startsWith("duty:");
export const dutyOfTarget = (target: DutyTarget): string => target.slice("duty:".length);

/**
 * A role staff take from chat for one shift (charge nurse, house supervisor): one holder per unit or
 * per department, until the next shift change unless taken again.
 */
export interface Duty {
  id: string;
  /** "Charge nurse": what replies and escalation messages call it. */
  name: string;
  per: "unit" | "department";
  /** Who an escalation reaches while nobody holds the duty, by unit or department id. */
  fallback: Readonly<Record<string, PersonId>>;
}

export interface LadderStep {
  notify: LadderTarget;
  /** Minutes after the previous step (or the missed deadline, for the first) before this one fires. */
  afterMinutes: number;
}

export interface Policy {
  id: PolicyId;
  /** Matches when every given field matches; the most specific policy wins. */
  match: { severity?: Severity; category?: CategoryId };
  acknowledgeWithinMinutes: number;
  resolveWithin: PolicyDuration;
  /** "business": the resolve clock runs only in the hospital's business hours. */
  resolveClock: "calendar" | "business";
  ladder: readonly LadderStep[];
  /** How many times the ladder starts again from its first step after its last; at most 5. */
  repeat: number;
  /** Whoever owns the concern must tell the patient or family how it is going, on this clock. */
  updatePatient?: PatientUpdatePolicy;
}

/**
 * Keeping the patient informed: the first update is due `withinMinutes` after acknowledgement, then
 * (if set) every `everyMinutes` after the last one. A missed update reminds the owner; if it is still
 * missing `escalateAfterMinutes` later, the next level of the ladder hears of it.
 */
export interface PatientUpdatePolicy {
  withinMinutes: number;
  everyMinutes?: number;
  escalateAfterMinutes: number;
}

export interface GrievanceSettings {
  interimNoticeDays: number;
  /** "business": only the hospital's business days count (5 business days, not 7 calendar days). */
  interimNoticeClock?: "calendar" | "business";
  /** When an interim notice promises the final response, by default: this many days on its clock. */
  followUpDays?: number;
  followUpClock?: "calendar" | "business";
  remindDaysBefore: number;
}

export interface PatientReferenceMasking {
  /** How many trailing characters of the patient reference a channel card may show (0 hides it). */
  visibleTrailingCharacters: number;
}

export interface Hospital {
  name: string;
  timeZone: string;
  referencePrefix: string;
  businessHours: BusinessHours;
  administratorOnCall?: PersonId;
  /** "HH:mm" local times, sorted, at which duties taken from chat end; empty: at midnight. */
  shiftChanges: readonly string[];
  patientReferenceMasking: PatientReferenceMasking;
  /** What a card (in a channel, or copied to someone's chat) shows of the patient and the description. */
  cardPrivacy: CardPrivacy;
  grievance: GrievanceSettings;
  /**
   * Days back a new concern is matched against earlier ones with the same unit, room and patient
   * reference (linked on the card as a repeat); 0 turns matching off.
   */
  repeatConcernWindowDays: number;
  /**
   * Days a resolved concern keeps its description, notes and patient reference before the retention
   * policy removes them (its shape and audit events stay); absent: kept forever.
   */
  retainPatientDetailsDays?: number;
  /** Absent or not enabled: rooms' QR codes open nothing (/family/… is 404). */
  familyConcerns?: FamilyConcernSettings;
  /** Absent: no scheduled report. Otherwise last week's report, on `schedule` (cron, hospital time). */
  weeklyReport?: WeeklyReportSettings;
  /** Who may press "Show details" and see a concern's full description and patient reference. */
  patientDetailsViewers: PatientDetailsViewers;
}

/** The weekly report's slot, and who receives it (none named: every liaison and director). */
export interface WeeklyReportSettings {
  schedule: string;
  recipients: readonly PersonId[];
}

/**
 * Who may see what a card leaves out. People with one of `roles` may, on any concern; with
 * `concernsDepartment`, so may the concern's own department (responders, head, manager, director and
 * members of its chat groups). Whoever raised a concern may always see what they typed.
 */
export interface PatientDetailsViewers {
  roles: readonly Role[];
  concernsDepartment: boolean;
}

/** The languages the family page is written in (Liaison keeps the words; the directory only picks). */
export const FAMILY_LANGUAGES = ["en", "es"] as const;
export type FamilyLanguage = (typeof FAMILY_LANGUAGES)[number];

/**
 * A patient or family member raising a concern from the room's QR code. The page's words are Liaison's
 * (reviewed once, translated once); the hospital gives only what differs: the numbers to call, the
 * category and severity such a concern is raised with, and how often one code or address may send.
 */
export interface FamilyConcernSettings {
  enabled: boolean;
  category: CategoryId;
  severity: Severity;
  /** Dialled from the room's phone in an emergency, e.g. "5555" (the Rapid Response Team). */
  emergencyNumber: string;
  /** Patient relations, for when the page cannot send: "please tell your nurse or call …". */
  patientRelationsNumber?: string;
  languages: readonly FamilyLanguage[];
  limits: { perCodePerHour: number; perAddressPerHour: number };
}

export interface Routing {
  fallbackDepartment: DepartmentId;
  rules: readonly RoutingRule[];
}

export interface Directory {
  hospital: Hospital;
  /** Empty: units are free text (a directory written before units were entries). */
  units: readonly Unit[];
  categories: readonly Category[];
  people: readonly Person[];
  departments: readonly Department[];
  routing: Routing;
  policies: readonly Policy[];
  duties: readonly Duty[];
}
