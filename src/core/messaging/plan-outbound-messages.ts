import type {
  AuditEvent,
  AuditEventOf,
  AuditEventType,
  GrievanceEscalation,
  LadderEscalation,
} from "./audit-event.ts";
import type { Concern } from "../concern/concern.ts";
import { ladderTargetLabel } from "../escalation/escalation-recipient.ts";
import { concernSent } from "../actions/replies.ts";
import { formatMinutes } from "../escalation/duration.ts";
import type { Mention } from "./outbound-message.ts";
import { FanOutBuilder, type FanOut, type FanOutContext } from "./fan-out-builder.ts";
import { NOTICE_METHODS } from "../grievance/grievance-notice.ts";
import { PATIENT_UPDATE_METHODS } from "../concern/patient-update.ts";
import type { PersonId } from "../ids.ts";
import { satisfactionLine } from "../satisfaction/satisfaction.ts";
import { ordinal } from "../repeat/repeat-match.ts";

export { channelPlatforms, platformFor, type FanOut, type FanOutContext } from "./fan-out-builder.ts";

type Planner<T extends AuditEventType> = (event: AuditEventOf<T>, fan: FanOutBuilder) => void;

/** The event is the record; what people hear about it is said by another event's entry (or nobody). */
const recordOnly = () => undefined;

function routed(event: AuditEventOf<"routed">, fan: FanOutBuilder): void {
  const { after } = fan;
  fan.postCard(after.departmentId);
  const by = fan.time(after.acknowledgeBy);
  fan.toReporter(`Your concern ${concernSent(after.reference, fan.departmentName, by)}`);
  if (event.detail.afterHoursTarget) {
    const text = `After hours for ${fan.departmentName}: ${fan.summary} needs acknowledging by ${by}.`;
    fan.direct(event.detail.afterHoursTarget, "after-hours", text, true);
  }
}

/** Whoever did it, to be mentioned where they can be. */
const actor = (event: AuditEvent): Mention => ({ name: event.actor.displayName, actorKey: event.actor.key });

/** Acknowledged or resolved: the card, a line under it, and the reporter told. */
function settled(verb: "acknowledged" | "resolved") {
  return (event: AuditEvent, fan: FanOutBuilder): void => {
    const line = `by ${event.actor.displayName} at ${fan.time(event.at)}.`;
    fan.updateCards();
    fan.reply(`${verb === "acknowledged" ? "Acknowledged" : "Resolved"} ${line}`, false, "", [actor(event)]);
    fan.toReporter(`${fan.after.reference} was ${verb} ${line}`);
  };
}

function grievanceOverdue(detail: GrievanceEscalation, fan: FanOutBuilder): void {
  const due = fan.dateTime(fan.after.grievanceNoticeBy!);
  // After an interim notice, what is overdue is the final response it promised.
  const what = fan.after.grievanceInterim ? "promised final response" : "interim notice";
  fan.reply(`Grievance ${what} overdue since ${due}.`, true, "grievance");
  for (const personId of detail.recipients) {
    const text = `${fan.summary}: this grievance's ${what} was due ${due} and has not been resolved.`;
    fan.direct(personId, "grievance-overdue", text, true);
  }
}

function ladderEscalation(event: AuditEvent, detail: LadderEscalation, fan: FanOutBuilder): void {
  const overdue = detail.overdueMinutes > 0 ? `, ${formatMinutes(detail.overdueMinutes)} overdue` : "";
  const clock = detail.clock === "resolve" ? "resolved" : "acknowledged";
  const suffix = `escalate-${detail.step}`;
  if (detail.recipientKind === "channel" || detail.notify === "department-channel") {
    fan.reply(`Still not ${clock}${overdue}: please pick this up.`, true, suffix);
    return;
  }
  const role = ladderTargetLabel(fan.directory, detail.notify);
  // The person it reaches is mentioned, so their client notifies them even before they read the DM.
  const reached = detail.recipient
    ? [{ name: detail.recipientName, actorKey: `person:${detail.recipient}` }]
    : [];
  fan.reply(
    `Escalated to ${detail.recipientName} (${role}) at ${fan.time(event.at)}${overdue}.`,
    false,
    suffix,
    reached,
  );
  // Someone who pressed "Escalate now" and is themselves the next level needs no message about it.
  if (!detail.recipient || event.actor.key === `person:${detail.recipient}`) return;
  const why =
    detail.reason === "manual"
      ? `${event.actor.displayName} escalated it to you`
      : `it has not been ${clock}${overdue}`;
  const afterHours = detail.afterHours ? " (after hours)" : "";
  // A fallback is told why it is them: nobody took the duty this shift.
  const standIn = detail.dutyFallback ? ", standing in because nobody took it this shift" : "";
  const text = `${fan.summary}: ${why}. You are its ${role}${afterHours}${standIn} for ${fan.departmentName}.`;
  fan.direct(detail.recipient, "escalation", text, true);
}

function patientUpdated(event: AuditEventOf<"patient-updated">, fan: FanOutBuilder): void {
  fan.updateCards();
  const how = PATIENT_UPDATE_METHODS[event.detail.method].toLowerCase();
  const text = `Patient/family updated (${how}) by ${event.actor.displayName} at ${fan.time(event.at)}: ${event.detail.note}`;
  fan.reply(text, false, "patient-update", [actor(event)]);
}

/** The owner, privately: the update the policy asks for is due now. */
function patientUpdateReminder(event: AuditEventOf<"patient-update-reminder">, fan: FanOutBuilder): void {
  fan.updateCards();
  const owner = fan.after.owner;
  if (!owner) return;
  const due = fan.time(new Date(event.detail.dueAt));
  const text = `${fan.summary}: the patient or family was due an update from you by ${due}. When you have told them how it is going, press "Patient/family updated" on the card.`;
  fan.toActor(owner, "patient-update-reminder", text, true);
}

/** Still no update after the reminder: the card's thread says who was told, and they hear why. */
function patientUpdateEscalated(event: AuditEventOf<"patient-update-escalated">, fan: FanOutBuilder): void {
  fan.updateCards();
  const { detail } = event;
  const due = fan.time(new Date(detail.dueAt));
  const late = `The patient or family was due an update by ${due} and has not had one`;
  if (detail.recipientKind === "channel" || !detail.recipient) {
    fan.reply(`${late}: please pick this up.`, true, "patient-update-overdue");
    return;
  }
  const role = ladderTargetLabel(fan.directory, detail.notify);
  const reached = [{ name: detail.recipientName, actorKey: `person:${detail.recipient}` }];
  fan.reply(
    `${late}; ${detail.recipientName} (${role}) was told at ${fan.time(event.at)}.`,
    false,
    "patient-update-overdue",
    reached,
  );
  const owner = fan.after.owner ? ` ${fan.after.owner.displayName} owns it and was reminded.` : "";
  const text = `${fan.summary}: the patient or family was due an update by ${due} and has not had one.${owner} You are its ${role} for ${fan.departmentName}.`;
  fan.direct(detail.recipient, "patient-update-overdue", text, true);
}

/**
 * What each kind of audit event tells people. Every event type has an entry, so adding one to
 * `AuditDetails` does not compile until someone decides what (if anything) it sends.
 */
const EVENT_MESSAGES: { [T in AuditEventType]: Planner<T> } = {
  created: recordOnly, // "routed" posts the card and tells the reporter
  routed,
  acknowledged: settled("acknowledged"),
  resolved: settled("resolved"),
  // The card shows the letter's link; whoever resolved the grievance is asked to review and send it.
  "letter-produced": (event, fan) => {
    fan.updateCards();
    const by = event.actor.key.startsWith("person:") ? event.actor.key.slice("person:".length) : undefined;
    const text =
      event.detail.kind === "final"
        ? `${fan.summary}: the written notice of this grievance's resolution is drafted. Review the letter, send it to the patient, then press "Mark notice sent" on the card.`
        : `${fan.summary}: the interim notice letter is drafted (the card links it). Send it to the patient as you recorded.`;
    if (by) fan.direct(by as PersonId, "grievance-letter", text, true);
  },
  "qio-referred": (event, fan) => {
    fan.updateCards();
    const text = `Referred to the QIO on ${event.detail.referredOn}; recorded by ${event.actor.displayName}.`;
    fan.reply(text, false, "qio", [actor(event)]);
  },
  "satisfaction-recorded": (event, fan) => {
    fan.updateCards();
    // The patient's comment stays in the record: a channel line carries only the rating.
    const how =
      event.detail.source === "survey"
        ? "answered on the survey page"
        : `recorded by ${event.actor.displayName}`;
    fan.reply(
      `${satisfactionLine(event.detail)}, ${how}.`,
      false,
      "satisfaction",
      event.detail.source === "survey" ? [] : [actor(event)],
    );
  },
  // The link itself reaches only whoever asked for it (see sendSurveyLinkMessage).
  "survey-link-created": (event, fan) => {
    fan.updateCards();
    const until = fan.dateTime(new Date(event.detail.expiresAt));
    fan.reply(
      `Survey link made for the patient by ${event.actor.displayName}; it can be answered until ${until}.`,
      false,
      "survey",
      [actor(event)],
    );
  },
  // The cards are drawn again from the purged concern, so the channels stop showing what was typed.
  "patient-details-purged": (_event, fan) => fan.updateCards(),
  "survey-opened": recordOnly,
  "survey-refused": recordOnly,
  "interim-notice-sent": (event, fan) => {
    fan.updateCards();
    const how = NOTICE_METHODS[event.detail.method].toLowerCase();
    const text = `Interim notice sent (${how}, ${event.detail.sentOn}): the final response is promised by ${event.detail.followUpOn}; recorded by ${event.actor.displayName}.`;
    fan.reply(text, false, "interim", [actor(event)]);
  },
  "notice-sent": (event, fan) => {
    fan.updateCards();
    const how = NOTICE_METHODS[event.detail.method].toLowerCase();
    fan.reply(
      `Written notice sent (${how}, ${event.detail.sentOn}); recorded by ${event.actor.displayName}.`,
      false,
      "",
      [actor(event)],
    );
  },
  reopened: (event, fan) => {
    fan.updateCards();
    const text = `Reopened by ${event.actor.displayName} at ${fan.time(event.at)}: ${event.detail.reason}`;
    fan.reply(text, false, "", [actor(event)]);
  },
  "note-added": (event, fan) => {
    fan.updateCards();
    const text = `Note from ${event.actor.displayName} at ${fan.time(event.at)}: ${event.detail.note}`;
    fan.reply(text, false, "", [actor(event)]);
  },
  reassigned: (event, fan) => {
    fan.updateCards();
    const text = `Reassigned to ${fan.departmentName} by ${event.actor.displayName} at ${fan.time(event.at)}.`;
    fan.reply(text, false, "", [actor(event)]);
    fan.postCard(fan.after.departmentId);
  },
  escalated: (event, fan) => {
    fan.updateCards();
    const { detail } = event;
    if (detail.clock === "grievance") grievanceOverdue(detail, fan);
    else ladderEscalation(event, detail, fan);
  },
  "escalation-skipped": recordOnly,
  // Hospital-level, appended on its own: nobody is told, the trail records who took a copy.
  "audit-exported": recordOnly,
  "grievance-reminder": (event, fan) => {
    const due = fan.dateTime(fan.after.grievanceNoticeBy!);
    for (const personId of event.detail.recipients) {
      const what = fan.after.grievanceInterim ? "promised final response" : "interim notice (42 CFR 482.13)";
      const help = fan.after.grievanceInterim
        ? ""
        : ' If it cannot be closed by then, press "Send interim notice" on the card.';
      const text = `${fan.summary}: this grievance's ${what} is due by ${due}.${help}`;
      fan.direct(personId, "grievance-reminder", text, true);
    }
  },
  "patient-updated": patientUpdated,
  "patient-update-reminder": patientUpdateReminder,
  "patient-update-escalated": patientUpdateEscalated,
  // Linked just after it was stored: its card (posted or about to be) is drawn again with the link.
  "linked-as-repeat": (_event, fan) => fan.updateCards(),
  repeated: (event, fan) => {
    fan.updateCards();
    const text = `${event.detail.by.reference} was raised for the same patient, unit and room: the ${ordinal(event.detail.ordinal)} concern this stay.`;
    fan.reply(text, false, `repeat-${event.detail.by.reference}`);
  },
  "merged-into": (event, fan) => {
    fan.updateCards();
    const why = event.detail.reason ? `: ${event.detail.reason}` : ".";
    const line = `Merged into ${event.detail.into.reference} by ${event.actor.displayName} at ${fan.time(event.at)}${why}`;
    fan.reply(line, false, "merged", [actor(event)]);
    fan.toReporter(
      `${fan.after.reference} was merged into ${event.detail.into.reference} by ${event.actor.displayName}; it is followed up there.`,
    );
  },
  "merged-from": (event, fan) => {
    fan.updateCards();
    const grievance = event.detail.becameGrievance
      ? " It is a grievance now, with that grievance's clock."
      : "";
    const text = `${event.detail.merged.reference} was merged into this by ${event.actor.displayName} at ${fan.time(event.at)}.${grievance}`;
    fan.reply(text, false, `merged-${event.detail.merged.reference}`, [actor(event)]);
  },
  "card-posted": recordOnly,
  "letter-opened": recordOnly,
  "family-page-sent": recordOnly,
  "identifiers-posted-anyway": recordOnly,
  "details-viewed": recordOnly,
  "digest-sent": recordOnly,
  "delivery-failed": recordOnly,
  "delivery-retried": recordOnly,
  "delivery-parked": recordOnly,
};

function plan<T extends AuditEventType>(event: AuditEventOf<T>, fan: FanOutBuilder): void {
  (EVENT_MESSAGES[event.type] as Planner<T>)(event, fan);
}

/** Everything one change of a concern must tell people, as outbox rows (see FanOutBuilder for keys). */
export function planOutboundMessages(
  before: Concern | undefined,
  after: Concern,
  events: readonly AuditEvent[],
  ctx: FanOutContext,
): FanOut {
  const fan = new FanOutBuilder(before, after, ctx);
  for (const event of events) plan(event, fan);
  return fan.out;
}
