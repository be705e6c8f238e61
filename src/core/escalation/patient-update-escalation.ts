import type { Concern } from "../concern/concern.ts";
import type { Department, LadderTarget } from "../directory/directory.ts";
import type { PatientUpdateEscalation } from "../messaging/audit-event.ts";
import type { EscalationRecipient } from "./escalation-recipient.ts";

/**
 * The ladder levels a missed patient update may reach, nearest first: the level above the highest
 * reached so far, then on up; at the top already, the highest level reached, then down.
 */
function levelsToTry(ladderLength: number, reached: number): number[] {
  const up = Array.from({ length: Math.max(0, ladderLength - reached) }, (_, i) => reached + i);
  const down = Array.from({ length: Math.min(reached, ladderLength) }, (_, i) => reached - 1 - i);
  return [...up, ...down];
}

/**
 * Who hears that the patient or family was not updated even after the owner's reminder: the ladder's
 * next level that someone holds and that is not the owner (telling the owner twice helps nobody),
 * else the department's channel.
 */
export function patientUpdateEscalation(
  concern: Pick<Concern, "policy" | "escalation" | "owner">,
  department: Department,
  recipientOf: (target: LadderTarget) => EscalationRecipient | undefined,
  step: { dueAt: Date; overdueMinutes: number },
): PatientUpdateEscalation {
  const ladder = concern.policy.ladder;
  const timing = { dueAt: step.dueAt.toISOString(), overdueMinutes: step.overdueMinutes };
  for (const index of levelsToTry(ladder.length, concern.escalation.level)) {
    const notify = ladder[index]!.notify;
    const recipient = recipientOf(notify);
    if (!recipient) continue;
    if (recipient.kind === "channel") {
      return {
        ...timing,
        level: index + 1,
        notify,
        recipientKind: "channel",
        recipient: null,
        recipientName: department.name,
      };
    }
    if (concern.owner?.key === `person:${recipient.person.id}`) continue;
    const person = recipient.person;
    return {
      ...timing,
      level: index + 1,
      notify,
      recipientKind: "person",
      recipient: person.id,
      recipientName: person.name,
    };
  }
  return {
    ...timing,
    level: 0,
    notify: "department-channel",
    recipientKind: "channel",
    recipient: null,
    recipientName: department.name,
  };
}
