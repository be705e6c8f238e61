import type { AuditEvent } from "../audit-event.ts";
import { localYear } from "../business-time.ts";
import { computeDeadlines, computeGrievanceNoticeBy } from "../compute-deadlines.ts";
import type { Concern } from "../concern.ts";
import { formatConcernReference } from "../concern-reference.ts";
import { parseConcernDraft, type ConcernDraftInput } from "../concern-draft.schema.ts";
import { asConcernId } from "../ids.ts";
import { identifyActor, type PlatformIdentity } from "../identify-actor.ts";
import { isAfterHours } from "../escalation-recipient.ts";
import { nextDueAt } from "../next-due-at.ts";
import { planOutboundMessages } from "../plan-outbound-messages.ts";
import { routeConcern } from "../route-concern.ts";
import { selectPolicy, snapshotPolicy } from "../select-policy.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/**
 * Validates, routes, freezes the policy and stores the concern with its first audit events. The
 * concern is stored before any card is sent, so nothing typed is lost if a chat platform is down.
 */
export async function raiseConcern(
  ctx: LiaisonContext,
  input: ConcernDraftInput,
  reporter: PlatformIdentity,
): Promise<Concern> {
  const directory = ctx.directory();
  const draft = parseConcernDraft(directory, input);
  const actor = identifyActor(directory, reporter).ref;
  const now = ctx.clock.now();
  const routing = routeConcern(directory.directory, draft.category, draft.unit);
  const policy = snapshotPolicy(
    directory.directory,
    selectPolicy(directory.directory, draft.severity, draft.category),
  );
  // Outside its business hours a department's concerns also go straight to its after-hours target.
  const department = directory.requireDepartment(routing.departmentId);
  const afterHoursTarget =
    department.afterHoursTarget && isAfterHours(directory, department, now)
      ? department.afterHoursTarget
      : undefined;
  const sequence = await ctx.concerns.nextSequence(localYear(now, policy.timeZone));

  const concern: Concern = {
    id: asConcernId(ctx.newId()),
    reference: formatConcernReference(
      directory.hospital.referencePrefix,
      localYear(now, policy.timeZone),
      sequence,
    ),
    reporter: actor,
    unit: draft.unit,
    room: draft.room,
    patientReference: draft.patientReference,
    category: draft.category,
    severity: draft.severity,
    description: draft.description,
    isGrievance: draft.grievance,
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

  const events: AuditEvent[] = [
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
  ];
  const fanOut = planOutboundMessages(undefined, concern, events, {
    directory,
    platforms: ctx.platforms,
    now,
  });
  await ctx.concerns.insert({ concern, events: [...events, ...fanOut.events], messages: fanOut.messages });
  ctx.logger.info(
    { concern: concern.reference, department: concern.departmentId, severity: concern.severity },
    "concern raised",
  );
  return concern;
}
