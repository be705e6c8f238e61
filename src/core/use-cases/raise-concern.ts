import type { AuditDetails, AuditEvent } from "../messaging/audit-event.ts";
import { BoundedQueue } from "./bounded-queue.ts";
import { localYear } from "../escalation/business-time.ts";
import { computeDeadlines, computeGrievanceNoticeBy } from "../escalation/compute-deadlines.ts";
import type { ActorRef, Concern } from "../concern/concern.ts";
import { formatConcernReference } from "../concern/concern-reference.ts";
import {
  parseConcernDraft,
  type ConcernDraft,
  type ConcernDraftInput,
} from "../concern/concern-draft.schema.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { asConcernId, type PersonId } from "../ids.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import { isAfterHours } from "../escalation/escalation-recipient.ts";
import { nextDueAt } from "../escalation/next-due-at.ts";
import type { PolicySnapshot } from "../escalation/policy-snapshot.ts";
import { planOutboundMessages } from "../messaging/plan-outbound-messages.ts";
import { routeConcern, type RoutingDecision } from "../directory/route-concern.ts";
import { selectPolicy, snapshotPolicy } from "../escalation/select-policy.ts";
import type { LiaisonContext } from "./liaison-context.ts";
import { linkRepeats, repeatKeyOf } from "./link-repeats.ts";
import type { ConcernChange } from "../ports/concern-repository.port.ts";
import { IdentifiersFoundError } from "../errors.ts";
import { postedAnywayEvents } from "../privacy/posted-anyway-event.ts";
import { findIdentifiers, overrideOf, type IdentifierOverride } from "../privacy/identifier-warning.ts";

/**
 * Raises in flight per instance, and how many more may wait. Eight at once keeps the database
 * busy without taking every connection of a pool of ten from the sweep and delivery; two hundred
 * waiting is well under a second of work on PostgreSQL and a few seconds on the embedded store,
 * inside every platform's answer budget. Beyond that a raise is refused before it is acknowledged.
 */
export const newRaiseQueue = () => new BoundedQueue(8, 200);

/** Everything about a new concern that is known before it has a reference number. */
interface Intake {
  directory: DirectoryIndex;
  draft: ConcernDraft;
  actor: ActorRef;
  now: Date;
  routing: RoutingDecision;
  policy: PolicySnapshot;
  /** Set when the department is closed: its concerns then also go straight to this target. */
  afterHoursTarget?: PersonId;
  family?: FamilyOrigin;
  identifiersOverride?: IdentifierOverride;
}

/** A concern sent from a room's QR code page: how to reach them, and what the trail records of it. */
export interface FamilyOrigin {
  contact?: string;
  trail: AuditDetails["family-page-sent"];
}

/** Who raises a concern: a person (a chat user, as identified) and, from the family page, its origin. */
export interface RaiseSource {
  actor: ActorRef;
  family?: FamilyOrigin;
  /** The reporter was warned of likely identifiers and chose to post anyway: the trail records it. */
  identifiersOverride?: IdentifierOverride;
}

/** A draft as a chat user would post it: valid, and either free of likely identifiers or posted anyway. */
export interface CheckedDraft {
  draft: ConcernDraft;
  identifiersOverride?: IdentifierOverride;
}

/**
 * Everything a raise checks before anything is stored, in memory (Slack must answer within 3 s):
 * InvalidInputError for a field that is wrong; IdentifiersFoundError when the description may identify
 * the patient and the reporter has not chosen "Post anyway". The patient reference is not scanned: it
 * is the one field meant to hold a record number, and cards mask it.
 */
export function checkConcernDraft(ctx: LiaisonContext, input: ConcernDraftInput): CheckedDraft {
  const draft = parseConcernDraft(ctx.directory(), input);
  const warning = findIdentifiers(ctx.identifiers, [
    { field: "description", label: "What happened", text: draft.description },
  ]);
  if (!warning) return { draft };
  if (!input.postAnyway) throw new IdentifiersFoundError(warning);
  return { draft, identifiersOverride: overrideOf(warning) };
}

/**
 * Validates, routes, freezes the policy and stores the concern with its first audit events. The
 * concern is stored before any card is sent, so nothing typed is lost if a chat platform is down.
 * Stores go through the instance's raise queue: when it is full, LiaisonBusyError is thrown at once
 * and `accepted` is not called; otherwise `accepted` (an adapter's "received") runs as soon as the
 * raise has its place, and the concern is stored when its turn comes.
 */
export async function raiseConcern(
  ctx: LiaisonContext,
  input: ConcernDraftInput,
  reporter: PlatformIdentity,
  accepted?: () => Promise<void>,
): Promise<Concern> {
  const { identifiersOverride } = checkConcernDraft(ctx, input);
  const actor = identifyActor(ctx.directory(), reporter).ref;
  return raiseConcernFrom(ctx, input, { actor, identifiersOverride }, accepted);
}

/** raiseConcern for a reporter who is not a chat user (the family page), with what it records. */
export async function raiseConcernFrom(
  ctx: LiaisonContext,
  input: ConcernDraftInput,
  source: RaiseSource,
  accepted?: () => Promise<void>,
): Promise<Concern> {
  const directory = ctx.directory();
  const draft = parseConcernDraft(directory, input);
  const now = ctx.clock.now();
  const routing = routeConcern(directory.directory, draft.category, draft.unit);
  const department = directory.requireDepartment(routing.departmentId);
  const intake: Intake = {
    directory,
    draft,
    actor: source.actor,
    family: source.family,
    identifiersOverride: source.identifiersOverride,
    now,
    routing,
    policy: snapshotPolicy(
      directory.directory,
      selectPolicy(directory.directory, draft.severity, draft.category),
    ),
    afterHoursTarget:
      department.afterHoursTarget && isAfterHours(directory, department, now)
        ? department.afterHoursTarget
        : undefined,
  };
  const stored = await ctx.raises.run(() => store(ctx, intake), accepted);
  // Stored first, then linked: a link is worth less than the concern, so it can never cost one.
  const concern = await linkRepeats(ctx, stored);
  ctx.logger.info(
    { concern: concern.reference, department: concern.departmentId, severity: concern.severity },
    "concern raised",
  );
  return concern;
}

/** Numbers the concern and writes it with its audit events and first cards. */
async function store(ctx: LiaisonContext, intake: Intake): Promise<Concern> {
  const { directory, draft, actor, now, routing, policy } = intake;
  const year = localYear(now, policy.timeZone);
  const sequence = await ctx.concerns.nextSequence(year);
  const concern: Concern = {
    id: asConcernId(ctx.newId()),
    reference: formatConcernReference(directory.hospital.referencePrefix, year, sequence),
    reporter: actor,
    unit: draft.unit,
    room: draft.room,
    patientReference: draft.patientReference,
    ...(draft.patientInitials ? { patientInitials: draft.patientInitials } : {}),
    category: draft.category,
    severity: draft.severity,
    description: draft.description,
    isGrievance: draft.grievance,
    ...(intake.family ? { grievanceCandidate: true as const } : {}),
    ...(intake.family?.contact ? { familyContact: intake.family.contact } : {}),
    departmentId: routing.departmentId,
    status: "open",
    policy,
    ...computeDeadlines(policy, now),
    grievanceNoticeBy: draft.grievance ? computeGrievanceNoticeBy(policy, now) : undefined,
    escalation: { stepsFired: 0, level: 0 },
    createdAt: now,
    updatedAt: now,
    version: 1,
    cards: [],
  };
  concern.nextDueAt = nextDueAt(concern);
  concern.repeatKey = repeatKeyOf(ctx, concern);
  return storeAlone(ctx, intake, concern);
}

/** The concern's first change: created and routed, and its first cards. */
function firstChange(ctx: LiaisonContext, intake: Intake, concern: Concern): ConcernChange {
  const events = raisedEvents(intake, concern);
  const fanOut = planOutboundMessages(undefined, concern, events, {
    directory: intake.directory,
    platforms: ctx.platforms,
    now: intake.now,
  });
  return { concern, events: [...events, ...fanOut.events], messages: fanOut.messages };
}

async function storeAlone(ctx: LiaisonContext, intake: Intake, concern: Concern): Promise<Concern> {
  await ctx.concerns.insert(firstChange(ctx, intake, concern));
  return concern;
}

/** "Created" and "routed" (with the after-hours target when the department is closed), and what the family page sent. */
function raisedEvents(intake: Intake, concern: Concern): AuditEvent[] {
  const { actor, now, routing, policy, afterHoursTarget, family, identifiersOverride } = intake;
  const fromFamily: AuditEvent[] = family
    ? [{ concernId: concern.id, type: "family-page-sent", actor, at: now, detail: family.trail }]
    : [];
  return [
    {
      concernId: concern.id,
      type: "created",
      actor,
      at: now,
      detail: {
        reference: concern.reference,
        category: concern.category,
        severity: concern.severity,
        unit: concern.unit,
        room: concern.room,
        grievance: concern.isGrievance,
        policy: policy.policyId,
        ...(concern.grievanceCandidate ? { grievanceCandidate: true as const } : {}),
      },
    },
    {
      concernId: concern.id,
      type: "routed",
      actor,
      at: now,
      detail: {
        department: routing.departmentId,
        matchedBy: routing.matchedBy,
        ...(afterHoursTarget ? { afterHours: true, afterHoursTarget } : {}),
      },
    },
    ...fromFamily,
    ...postedAnywayEvents(concern.id, actor, now, identifiersOverride),
  ];
}
