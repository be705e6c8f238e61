import type { AuditDetails, AuditEvent } from "../messaging/audit-event.ts";
import { computeDeadlines } from "../escalation/compute-deadlines.ts";
import type { ActorRef, Concern, ConcernStatus } from "./concern.ts";
import { IllegalTransitionError, InvalidInputError } from "../errors.ts";
import type { ConcernId, DepartmentId } from "../ids.ts";
import { mergeRecord, refuseMerge } from "../repeat/merge-concerns.ts";
import type { LadderTarget } from "../directory/directory.ts";
import type { EscalationRecipient } from "../escalation/escalation-recipient.ts";
import { escalatedEvent, skippedEvent } from "../escalation/escalation-events.ts";
import { nextDueAt } from "../escalation/next-due-at.ts";
import { walkLadder } from "../escalation/walk-ladder.ts";
import { NOTE_MAX_LENGTH } from "../actions/action-form.ts";
import { MISSING_TEXT } from "../actions/card-action-specs.ts";
import { MISSING_ELEMENT } from "../actions/resolve-input.ts";
import { MISSING_PATIENT_UPDATE_NOTE } from "../actions/patient-update-input.ts";
import type { GrievanceResolution, InterimNotice, NoticeMethod } from "../grievance/grievance-notice.ts";
import {
  SATISFACTION_COMMENT_MAX_LENGTH,
  surveyOpen,
  type AskedHow,
  type Rating,
  type Satisfaction,
} from "../satisfaction/satisfaction.ts";
import {
  PATIENT_UPDATE_NOTE_MAX_LENGTH,
  patientUpdateDue,
  type PatientUpdateMethod,
} from "./patient-update.ts";
import { endOfLocalDay, localDate, localTime } from "../escalation/business-time.ts";

export type ConcernAction =
  | { type: "acknowledge" }
  | { type: "resolve"; resolutionNote?: string; grievance?: GrievanceResolution }
  | { type: "reopen"; reason: string }
  | { type: "reassign"; toDepartment: DepartmentId; toDepartmentName: string; reason?: string }
  | { type: "escalate" }
  | { type: "add-note"; text: string }
  /** The liaison sent the grievance's letter (Liaison never sends anything to a patient itself). */
  | { type: "mark-notice-sent"; method: NoticeMethod; sentOn: string }
  /** A grievance that cannot be closed by its interim deadline: the patient is told when it will be. */
  | { type: "send-interim-notice"; interim: InterimNotice; sentOn: string }
  /** The patient asked the QIO to review a quality-of-care or discharge concern. */
  | { type: "record-qio-referral"; referredOn: string }
  /** The patient's rating of how it was handled: asked by staff, or answered on the survey page. */
  | {
      type: "record-satisfaction";
      rating: Rating;
      comment?: string;
      source: Satisfaction["source"];
      askedHow?: AskedHow;
    }
  /** A one-time survey link for the patient (the invitation it creates is in the TransitionContext). */
  | { type: "send-survey-link" }
  /** The owner told the patient or family how it is going (the policy may require it on a clock). */
  | { type: "record-patient-update"; method: PatientUpdateMethod; note: string }
  /** This concern repeats another (or is repeated by it): close it into that one, keeping both timelines. */
  | { type: "merge"; into: ConcernId; reason?: string };

export type ConcernActionType = ConcernAction["type"];

export type TransitionOutcome =
  | { kind: "changed"; concern: Concern; events: AuditEvent[] }
  /** Acknowledge and resolve are idempotent: doing it again changes nothing and says who did it first. */
  | { kind: "already-done"; action: "acknowledge" | "resolve"; by: ActorRef; at: Date; concern: Concern };

const ACTIVE: readonly ConcernStatus[] = ["open", "acknowledged", "reopened"];

/** The statuses each action may start from; anything else is an IllegalTransitionError. */
export const LEGAL_FROM: Readonly<Record<ConcernActionType, readonly ConcernStatus[]>> = {
  acknowledge: ["open", "reopened"],
  resolve: ACTIVE,
  reopen: ["resolved"],
  reassign: ACTIVE,
  escalate: ACTIVE,
  "add-note": ["open", "acknowledged", "reopened", "resolved"],
  "mark-notice-sent": ["resolved"],
  "send-interim-notice": ACTIVE,
  "record-qio-referral": ["open", "acknowledged", "reopened", "resolved"],
  "record-satisfaction": ["resolved"],
  "send-survey-link": ["resolved"],
  "record-patient-update": ACTIVE,
  merge: ACTIVE,
};

/** Refuses an action its concern's status does not allow, saying what would (asked before a form opens, too). */
export function requireLegal(concern: Concern, action: ConcernActionType): void {
  if (concern.mergedInto && action !== "add-note") throw mergedAway(concern, action);
  if (!LEGAL_FROM[action].includes(concern.status)) throw illegal(concern, action);
}

function illegal(concern: Concern, action: ConcernActionType): IllegalTransitionError {
  const hint =
    concern.status === "resolved"
      ? `${concern.reference} is resolved; reopen it first.`
      : action === "reopen"
        ? `Only a resolved concern can be reopened; ${concern.reference} is ${concern.status}.`
        : `${concern.reference} is ${concern.status}.`;
  return new IllegalTransitionError(concern.status, action, `Cannot ${action.replace("-", " ")}: ${hint}`);
}

/** A merged concern is closed for good: its work goes on in the concern it was merged into. */
function mergedAway(concern: Concern, action: ConcernActionType): IllegalTransitionError {
  const { concern: into, by, at } = concern.mergedInto!;
  const when = localTime(at, concern.policy.timeZone);
  const what = action === "merge" ? "already merged" : "merged";
  return new IllegalTransitionError(
    concern.status,
    action,
    `${concern.reference} was ${what} into ${into.reference} by ${by.displayName} at ${when}; act on ${into.reference} instead.`,
  );
}

/** A text the action needs: present (saying what is missing in the forms' own words) and not too long. */
function requireText(
  field: string,
  text: string | undefined,
  action: keyof typeof MISSING_TEXT,
  what: string,
): string {
  const trimmed = (text ?? "").trim();
  if (trimmed.length === 0) throw new InvalidInputError({ [field]: MISSING_TEXT[action] });
  if (trimmed.length > NOTE_MAX_LENGTH) {
    throw new InvalidInputError({
      [field]: `The ${what} is ${trimmed.length} characters; the limit is ${NOTE_MAX_LENGTH}.`,
    });
  }
  return trimmed;
}

/** A patient update's note: what they were told, in a line (the form's own words when missing). */
function requirePatientUpdateNote(note: string): string {
  const trimmed = note.trim();
  if (trimmed.length === 0) throw new InvalidInputError({ note: MISSING_PATIENT_UPDATE_NOTE });
  if (trimmed.length > PATIENT_UPDATE_NOTE_MAX_LENGTH) {
    throw new InvalidInputError({
      note: `The note is ${trimmed.length} characters; the limit is ${PATIENT_UPDATE_NOTE_MAX_LENGTH}.`,
    });
  }
  return trimmed;
}

/** Which form field asks for each element of a grievance's written notice. */
const ELEMENT_FIELDS = {
  contactPerson: "contact",
  investigationSteps: "steps",
  results: "results",
  completedOn: "completedOn",
  language: "language",
} as const satisfies Record<keyof GrievanceResolution, keyof typeof MISSING_ELEMENT>;

/** A grievance is resolved only with all four elements of its written notice (and its language). */
function requireResolution(resolution: GrievanceResolution | undefined): GrievanceResolution {
  const missing = (Object.keys(ELEMENT_FIELDS) as (keyof GrievanceResolution)[])
    .filter((key) => !resolution?.[key]?.trim())
    .map((key) => [ELEMENT_FIELDS[key], MISSING_ELEMENT[ELEMENT_FIELDS[key]]]);
  if (!resolution || missing.length > 0) throw new InvalidInputError(Object.fromEntries(missing));
  return resolution;
}

/** What a transition may need to know about the world: who holds each ladder level right now. */
export interface TransitionContext {
  recipientOf: (target: LadderTarget) => EscalationRecipient | undefined;
  /** The concern a merge goes into, as read with this one (merging changes both: see merge-concern.ts). */
  mergeTarget?: Concern;
  /** Why a level nobody holds was skipped, for the record (an unfilled duty says which). */
  skipReason?: (target: LadderTarget) => string;
  /** The invitation a "Send survey link" creates: its id and when it expires. */
  surveyInvitation?: { id: string; expiresAt: Date };
}

type ActionOf<T extends ConcernActionType> = Extract<ConcernAction, { type: T }>;
type ActionEventType =
  | "acknowledged"
  | "resolved"
  | "reopened"
  | "note-added"
  | "reassigned"
  | "notice-sent"
  | "interim-notice-sent"
  | "qio-referred"
  | "satisfaction-recorded"
  | "survey-link-created"
  | "patient-updated"
  | "merged-into";

/** Everything one action is applied with: the concern before, who, when, and its next version. */
interface Change {
  concern: Concern;
  actor: ActorRef;
  now: Date;
  context: TransitionContext;
  /** The concern with its version bumped, before the action's own changes. */
  base: Concern;
  event<T extends ActionEventType>(type: T, detail: Omit<AuditDetails[T], "from">): AuditEvent;
}

interface Applied {
  next: Concern;
  events: AuditEvent[];
}

/** The state a reopened or reassigned concern starts again from: fresh deadlines, nobody owning it. */
const restarted = (c: Change) => ({
  ...computeDeadlines(c.concern.policy, c.now),
  owner: undefined,
  acknowledgedAt: undefined,
  acknowledgedBy: undefined,
  // The next owner's update clock starts when they acknowledge it.
  patientUpdateBy: undefined,
});

/** What resolving a concern (or closing it by a merge) sets: who, when, why; no update is due any more. */
const closed = (c: Change, resolutionNote: string | undefined) => ({
  status: "resolved" as const,
  resolvedAt: c.now,
  resolvedBy: c.actor,
  resolutionNote,
  patientUpdateBy: undefined,
});

/** A new patient-update clock: the owner's reminder and its escalation may fire again. */
const patientUpdateClock = (escalation: Concern["escalation"], due: Date | undefined) => ({
  patientUpdateBy: due,
  escalation: { ...escalation, patientUpdateRemindedAt: undefined, patientUpdateEscalatedAt: undefined },
});

function escalateNow(c: Change): Applied {
  const { concern, actor, now, context } = c;
  // Jump to the next level of the frozen ladder now, skipping levels nobody holds.
  const walk = walkLadder(c.base, (t) => context.recipientOf(t) !== undefined, now, "next-escalation");
  if (!walk.rungs.some((r) => r.type === "escalate")) {
    throw new IllegalTransitionError(
      concern.status,
      "escalate",
      `${concern.reference} is already at the top of its escalation ladder; there is nobody further to escalate to.`,
    );
  }
  const events = walk.rungs.map((rung) =>
    rung.type === "skip"
      ? skippedEvent(concern, rung, actor, now, context.skipReason?.(rung.notify))
      : escalatedEvent(
          concern,
          rung,
          context.recipientOf(rung.notify)!,
          actor,
          now,
          "manual",
          rung.overdueMinutes,
        ),
  );
  return { next: { ...c.base, escalation: { ...walk.escalation, lastEscalatedBy: actor } }, events };
}

/** A rating is recorded once: a second one (a stale card, a survey answered after staff asked) is refused. */
function refuseSecondRating(c: Change, action: "record-satisfaction" | "send-survey-link"): void {
  const earlier = c.concern.satisfaction;
  if (!earlier) return;
  throw new IllegalTransitionError(
    c.concern.status,
    action,
    `${c.concern.reference}'s patient satisfaction was already recorded (${earlier.rating}/5) by ${earlier.by.displayName} on ${localDate(earlier.at, c.concern.policy.timeZone)}.`,
  );
}

function recordSatisfaction(action: ActionOf<"record-satisfaction">, c: Change): Applied {
  refuseSecondRating(c, "record-satisfaction");
  const comment = action.comment?.trim() || undefined;
  if (comment && comment.length > SATISFACTION_COMMENT_MAX_LENGTH) {
    throw new InvalidInputError({
      comment: `The comment is ${comment.length} characters; the limit is ${SATISFACTION_COMMENT_MAX_LENGTH}.`,
    });
  }
  const { rating, source, askedHow } = action;
  const satisfaction = { rating, source, by: c.actor, at: c.now, ...(comment ? { comment } : {}) };
  return {
    next: { ...c.base, satisfaction: askedHow ? { ...satisfaction, askedHow } : satisfaction },
    events: [
      c.event("satisfaction-recorded", {
        rating,
        comment: comment ?? null,
        source,
        ...(askedHow ? { askedHow } : {}),
      }),
    ],
  };
}

function sendSurveyLink(c: Change): Applied {
  refuseSecondRating(c, "send-survey-link");
  const open = c.concern.surveyInvitation;
  if (open && surveyOpen(c.concern, c.now)) {
    const zone = c.concern.policy.timeZone;
    throw new IllegalTransitionError(
      c.concern.status,
      "send-survey-link",
      `A survey link for ${c.concern.reference} was already sent by ${open.by.displayName} on ${localDate(open.at, zone)}; it can be answered until ${localDate(open.expiresAt, zone)}.`,
    );
  }
  const invitation = c.context.surveyInvitation;
  if (!invitation) throw new Error("send-survey-link needs the invitation it creates");
  return {
    next: { ...c.base, surveyInvitation: { ...invitation, by: c.actor, at: c.now } },
    events: [
      c.event("survey-link-created", {
        invitationId: invitation.id,
        expiresAt: invitation.expiresAt.toISOString(),
      }),
    ],
  };
}

/** What each action does to a concern; every action has an entry, or this does not compile. */
const APPLY: { [T in ConcernActionType]: (action: ActionOf<T>, c: Change) => Applied } = {
  acknowledge: (_, c) => {
    const update = patientUpdateClock(
      c.concern.escalation,
      patientUpdateDue(c.concern.policy, c.now, "acknowledged"),
    );
    return {
      next: {
        ...c.base,
        status: "acknowledged",
        owner: c.actor,
        acknowledgedAt: c.now,
        acknowledgedBy: c.actor,
        patientUpdateBy: update.patientUpdateBy,
        escalation: { ...update.escalation, stepsFired: 0 },
      },
      events: [c.event("acknowledged", {})],
    };
  },
  "record-patient-update": (action, c) => {
    const note = requirePatientUpdateNote(action.note);
    // Before anyone owns it, an update is recorded but the clock waits for the acknowledgement.
    const due =
      c.concern.status === "acknowledged"
        ? patientUpdateDue(c.concern.policy, c.now, "updated")
        : c.concern.patientUpdateBy;
    return {
      next: {
        ...c.base,
        ...patientUpdateClock(c.concern.escalation, due),
        lastPatientUpdate: { at: c.now, by: c.actor, method: action.method, note },
      },
      events: [c.event("patient-updated", { method: action.method, note })],
    };
  },
  resolve: (action, c) => {
    const grievance = c.concern.isGrievance ? requireResolution(action.grievance) : undefined;
    const note = grievance?.results ?? (action.resolutionNote?.trim() || undefined);
    if (note !== undefined) requireText("text", note, "resolve", "resolution note");
    return {
      next: {
        ...c.base,
        ...closed(c, note),
        grievanceResolution: grievance,
      },
      events: [c.event("resolved", { resolutionNote: note ?? null, ...(grievance ? { grievance } : {}) })],
    };
  },
  "send-interim-notice": (action, c) => {
    if (!c.concern.isGrievance) {
      throw new IllegalTransitionError(
        c.concern.status,
        "send-interim-notice",
        `${c.concern.reference} is not a grievance; only a grievance has an interim notice.`,
      );
    }
    const earlier = c.concern.grievanceInterim;
    if (earlier) {
      // A stale card or a second modal: one interim notice moves the clock once.
      throw new IllegalTransitionError(
        c.concern.status,
        "send-interim-notice",
        `${c.concern.reference}'s interim notice was already recorded on ${earlier.sentOn} by ${earlier.by.displayName}; it promised the final response by ${earlier.followUpOn}.`,
      );
    }
    const { followUpOn, method } = action.interim;
    // The grievance clock now runs to the promised day: its reminder and overdue notice fire again.
    const noticeBy = endOfLocalDay(followUpOn, c.concern.policy.timeZone);
    return {
      next: {
        ...c.base,
        grievanceNoticeBy: noticeBy,
        grievanceInterim: { followUpOn, method, sentOn: action.sentOn, by: c.actor, at: c.now },
        escalation: {
          ...c.concern.escalation,
          grievanceRemindedAt: undefined,
          grievanceEscalatedAt: undefined,
        },
      },
      events: [
        c.event("interim-notice-sent", {
          followUpOn,
          method,
          sentOn: action.sentOn,
          interim: action.interim,
        }),
      ],
    };
  },
  "record-qio-referral": (action, c) => {
    const earlier = c.concern.qioReferral;
    if (earlier) {
      throw new IllegalTransitionError(
        c.concern.status,
        "record-qio-referral",
        `${c.concern.reference} was already recorded as referred to the QIO on ${earlier.referredOn} by ${earlier.by.displayName}.`,
      );
    }
    return {
      next: { ...c.base, qioReferral: { referredOn: action.referredOn, by: c.actor, at: c.now } },
      events: [c.event("qio-referred", { referredOn: action.referredOn })],
    };
  },
  "record-satisfaction": (action, c) => recordSatisfaction(action, c),
  "send-survey-link": (_, c) => sendSurveyLink(c),
  "mark-notice-sent": (action, c) => {
    const letter = c.concern.grievanceLetter;
    if (!letter) {
      throw new IllegalTransitionError(
        c.concern.status,
        "mark-notice-sent",
        `${c.concern.reference} has no written notice yet to mark as sent.`,
      );
    }
    if (letter.sent) {
      throw new IllegalTransitionError(
        c.concern.status,
        "mark-notice-sent",
        `${c.concern.reference}'s written notice was already marked sent (${letter.sent.method}, ${letter.sent.sentOn}) by ${letter.sent.by.displayName}.`,
      );
    }
    const sent = { method: action.method, sentOn: action.sentOn, by: c.actor, at: c.now };
    return {
      next: { ...c.base, grievanceLetter: { ...letter, sent } },
      events: [c.event("notice-sent", { letterId: letter.id, method: action.method, sentOn: action.sentOn })],
    };
  },
  reopen: (action, c) => {
    const reason = requireText("reason", action.reason, "reopen", "reason for reopening");
    return {
      next: {
        ...c.base,
        ...restarted(c),
        status: "reopened",
        resolvedAt: undefined,
        resolvedBy: undefined,
        // Resolved again, it gets a new notice; the old letter stays in the record.
        grievanceResolution: undefined,
        grievanceLetter: undefined,
        escalation: { ...c.concern.escalation, stepsFired: 0 },
      },
      events: [c.event("reopened", { reason })],
    };
  },
  reassign: (action, c) => {
    if (action.toDepartment === c.concern.departmentId) {
      throw new InvalidInputError({
        department: `${c.concern.reference} is already with ${action.toDepartmentName}.`,
      });
    }
    // The new department owns it from now: its acknowledgement clock starts again.
    const detail = {
      fromDepartment: c.concern.departmentId,
      toDepartment: action.toDepartment,
      reason: action.reason?.trim() || null,
    };
    return {
      next: {
        ...c.base,
        ...restarted(c),
        status: "open",
        departmentId: action.toDepartment,
        reassignedFrom: {
          fromDepartment: c.concern.departmentId,
          by: c.actor,
          at: c.now,
          ...(detail.reason ? { reason: detail.reason } : {}),
        },
        escalation: { ...c.concern.escalation, stepsFired: 0, level: 0 },
      },
      events: [c.event("reassigned", detail)],
    };
  },
  escalate: (_, c) => escalateNow(c),
  merge: (action, c) => {
    const into = c.context.mergeTarget;
    if (into?.id !== action.into) throw new Error("a merge is applied with the concern it goes into");
    refuseMerge(c.concern, into);
    const reason = action.reason?.trim() || undefined;
    return {
      // Closed as resolved: its clocks stop, and digests and lists of open concerns leave it out.
      next: {
        ...c.base,
        ...closed(c, `Merged into ${into.reference}${reason ? `: ${reason}` : "."}`),
        mergedInto: mergeRecord(into, c.actor, c.now, reason),
      },
      events: [
        c.event("merged-into", {
          into: { id: into.id, reference: into.reference },
          reason: reason ?? null,
        }),
      ],
    };
  },
  "add-note": (action, c) => ({
    next: c.base,
    events: [c.event("note-added", { note: requireText("note", action.text, "add-note", "note") })],
  }),
};

/** Acknowledge and resolve are idempotent: the second press is told who did it first. */
export function alreadyDone(concern: Concern, action: ConcernActionType): TransitionOutcome | undefined {
  // A merged concern was closed by its merge, not resolved by anyone: the refusal says where it went.
  if (concern.mergedInto) return undefined;
  const done =
    action === "acknowledge" && concern.status === "acknowledged"
      ? { by: concern.acknowledgedBy, at: concern.acknowledgedAt }
      : action === "resolve" && concern.status === "resolved"
        ? { by: concern.resolvedBy, at: concern.resolvedAt }
        : undefined;
  if (!done?.by || !done.at) return undefined;
  return {
    kind: "already-done",
    action: action as "acknowledge" | "resolve",
    by: done.by,
    at: done.at,
    concern,
  };
}

function apply<T extends ConcernActionType>(action: ActionOf<T>, change: Change): Applied {
  return (APPLY[action.type] as (a: ActionOf<T>, c: Change) => Applied)(action, change);
}

/**
 * The single place a concern's status changes. Pure: returns the next concern (version bumped, next
 * due time recomputed) and the audit events to append; the store applies both with a compare-and-set.
 */
export function transition(
  concern: Concern,
  action: ConcernAction,
  actor: ActorRef,
  now: Date,
  context: TransitionContext,
): TransitionOutcome {
  const done = alreadyDone(concern, action.type);
  if (done) return done;
  requireLegal(concern, action.type);
  const change: Change = {
    concern,
    actor,
    now,
    context,
    base: { ...concern, updatedAt: now, version: concern.version + 1 },
    // The compiler cannot follow a generic into the union; `detail` is checked against `type` above.
    event: (type, detail) =>
      ({
        concernId: concern.id,
        type,
        actor,
        at: now,
        detail: { from: concern.status, ...detail },
      }) as AuditEvent,
  };
  const { next, events } = apply(action as ActionOf<typeof action.type>, change);
  return { kind: "changed", concern: { ...next, nextDueAt: nextDueAt(next) }, events };
}
