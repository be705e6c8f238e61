import type { AuditEvent } from "../messaging/audit-event.ts";
import type { ActorRef, Concern } from "../concern/concern.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { escalatedEvent, skippedEvent } from "../escalation/escalation-events.ts";
import {
  escalationRecipient,
  skipReason,
  type DutyScope,
  type EscalationRecipient,
} from "../escalation/escalation-recipient.ts";
import type { Department, LadderTarget } from "../directory/directory.ts";
import { DutyRoster } from "../duty/duty-roster.ts";
import type { PersonId } from "../ids.ts";
import { planNextStep, type PlannedStep } from "../escalation/plan-next-step.ts";
import { patientUpdateEscalation } from "../escalation/patient-update-escalation.ts";
import { planOutboundMessages } from "../messaging/plan-outbound-messages.ts";
import type { ConcernChange } from "../ports/concern-repository.port.ts";
import type { LiaisonContext } from "./liaison-context.ts";

const LIAISON: ActorRef = { key: "system", displayName: "Liaison", platform: "system" };

const unique = (ids: (PersonId | undefined)[]) => [
  ...new Set(ids.filter((id): id is PersonId => id !== undefined)),
];

/** Patient Relations (the fallback department) and the liaisons own grievances. */
function grievanceRecipients(directory: DirectoryIndex, stage: "reminder" | "overdue"): PersonId[] {
  const pr = directory.department(directory.directory.routing.fallbackDepartment);
  if (stage === "reminder") {
    const liaisons = directory.directory.people.filter((p) => p.role === "liaison").map((p) => p.id);
    return unique([...liaisons, pr?.head, ...(pr?.responders ?? [])]);
  }
  return unique([pr?.manager, pr?.director, directory.hospital.administratorOnCall]);
}

/** Everything a step's audit event needs to know: who holds which level, and why one is empty. */
interface StepScope {
  directory: DirectoryIndex;
  concern: Concern;
  department: Department;
  duties: DutyScope;
  recipientOf: (target: LadderTarget) => EscalationRecipient | undefined;
  now: Date;
}

/** The audit event one planned step is recorded as (what people hear follows from it). */
function stepEvent(step: PlannedStep, scope: StepScope): AuditEvent {
  const { directory, concern, department, duties, recipientOf, now } = scope;
  const base = { concernId: concern.id, actor: LIAISON, at: now };
  switch (step.type) {
    case "escalate":
      return escalatedEvent(
        concern,
        step,
        recipientOf(step.notify)!,
        LIAISON,
        now,
        "overdue",
        step.overdueMinutes,
      );
    case "skip":
      return skippedEvent(
        concern,
        step,
        LIAISON,
        now,
        skipReason(directory, department, step.notify, duties),
      );
    case "grievance-reminder":
      return {
        ...base,
        type: "grievance-reminder",
        detail: {
          noticeDueAt: step.dueAt.toISOString(),
          recipients: grievanceRecipients(directory, "reminder"),
        },
      };
    case "grievance-overdue":
      return {
        ...base,
        type: "escalated",
        detail: {
          from: concern.status,
          reason: "overdue",
          clock: "grievance",
          overdueMinutes: step.overdueMinutes,
          recipients: grievanceRecipients(directory, "overdue"),
        },
      };
    case "patient-update-reminder":
      return {
        ...base,
        type: "patient-update-reminder",
        detail: { dueAt: step.dueAt.toISOString(), owner: concern.owner?.displayName ?? "nobody" },
      };
    case "patient-update-overdue":
      return {
        ...base,
        type: "patient-update-escalated",
        detail: patientUpdateEscalation(concern, department, recipientOf, step),
      };
  }
}

/** What the sweep does to one due concern: pure, given the directory and the time. */
export function planDueConcern(
  directory: DirectoryIndex,
  ctx: Pick<LiaisonContext, "platforms">,
  concern: Concern,
  now: Date,
  roster: DutyRoster = DutyRoster.EMPTY,
): ConcernChange {
  const department = directory.answeringDepartment(concern.departmentId);
  const duties = { roster, unit: concern.unit };
  const recipientOf = (target: LadderTarget) =>
    escalationRecipient(directory, department, target, now, duties);
  const plan = planNextStep(concern, (target) => recipientOf(target) !== undefined, now);
  const scope: StepScope = { directory, concern, department, duties, recipientOf, now };
  const events = plan.steps.map((step) => stepEvent(step, scope));
  const next: Concern = {
    ...concern,
    escalation: plan.escalation,
    nextDueAt: plan.nextDueAt,
    version: concern.version + 1,
    updatedAt: now,
  };
  const fanOut = planOutboundMessages(concern, next, events, { directory, platforms: ctx.platforms, now });
  return { concern: next, events: [...events, ...fanOut.events], messages: fanOut.messages };
}

/**
 * One sweep: claims due concerns in batches (several instances share the work without overlap), and
 * for each fires what is due, with its audit events and outbox rows in the same transaction. A batch
 * is written at once, so its cost is mostly per transaction: 250 per batch sweeps 1,000 due concerns
 * in well under a second, while an action on a concern being swept waits at most one short batch.
 */
export async function sweepDueConcerns(ctx: LiaisonContext, batchSize = 250): Promise<number> {
  let total = 0;
  for (;;) {
    const now = ctx.clock.now();
    const directory = ctx.directory();
    // Who holds which duty, read once per batch so the plan for each concern stays pure.
    const roster = new DutyRoster(await ctx.duties.current(now), now);
    const claimed = await ctx.concerns.processDue(now, batchSize, (c) =>
      planDueConcern(directory, ctx, c, now, roster),
    );
    total += claimed;
    if (claimed < batchSize) break;
  }
  if (total > 0) ctx.logger.info({ concerns: total }, "sweep processed due concerns");
  return total;
}
