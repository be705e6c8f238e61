import type { ActorRef, Concern } from "../concern/concern.ts";
import { localDate } from "../escalation/business-time.ts";
import { FanOutBuilder, type FanOutContext } from "../messaging/fan-out-builder.ts";
import type { OutboundMessage } from "../messaging/outbound-message.ts";
import type { SurveyLinks } from "../ports/survey-desk.port.ts";
import type { LiaisonContext } from "./liaison-context.ts";

const DAY_MS = 86_400_000;

/** The invitation a "Send survey link" press creates: made once per press, kept across a lost race. */
export const newSurveyInvitation = (ctx: LiaisonContext, now: Date) => ({
  id: ctx.newId(),
  expiresAt: new Date(now.getTime() + ctx.surveys.validDays * DAY_MS),
});

/**
 * The survey's links go only to whoever asked for them, in a direct message: never in the audit trail,
 * on a card or in a channel, so nobody else can answer in the patient's name.
 */
export function surveyLinkMessages(
  before: Concern,
  after: Concern,
  by: ActorRef,
  links: SurveyLinks,
  ctx: FanOutContext,
): OutboundMessage[] {
  const fan = new FanOutBuilder(before, after, ctx);
  const until = localDate(after.surveyInvitation!.expiresAt, ctx.directory.hospital.timeZone);
  const text = `${fan.summary}: the patient's satisfaction survey link, for one answer until ${until}: ${links.surveyUrl}\nTo print it with a QR code for the patient: ${links.printUrl}\nGive it only to the patient; whoever has it can answer once.`;
  fan.toActor(by, "survey-link", text, false);
  return fan.out.messages;
}
