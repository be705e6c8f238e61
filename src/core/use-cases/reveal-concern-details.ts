import { localTime } from "../escalation/business-time.ts";
import type { Concern } from "../concern/concern.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import { parseConcernId } from "../ids.ts";
import { CONCERN_GONE, SOMETHING_WENT_WRONG } from "../actions/replies.ts";
import { detailsRefusal, mayViewDetails } from "../privacy/details-viewers.ts";
import type { LiaisonContext } from "./liaison-context.ts";
import { channelCardView, type CardView } from "../views/channel-card-view.ts";

/** The card's button that asks for the details, the same words on both platforms. */
export const SHOW_DETAILS_LABEL = "Show details";

/** What a permitted person sees, privately, of a concern's card's missing parts. */
export interface DetailsView {
  concernId: string;
  reference: string;
  /** "4 West · room 412" */
  place: string;
  patientReference: string;
  /** "JD", when the reporter gave them (whatever the card's level shows). */
  patientInitials?: string;
  description: string;
  /** "Sam Rivera viewed the patient details of PR-2026-00042 at 14:07.": what the audit trail now holds. */
  recordedLine: string;
}

/**
 * The details with the card as it is now, or words (not permitted, the concern is gone, the view could
 * not be recorded), with the card when it could be read: Teams answers a press with a card.
 */
export type RevealReply =
  | { kind: "details"; details: DetailsView; view: CardView }
  | { kind: "message"; text: string; view?: CardView };

const message = (text: string, view?: CardView): RevealReply => ({
  kind: "message",
  text,
  ...(view ? { view } : {}),
});

/**
 * "Show details" pressed: a permitted person sees the full description and patient reference, and the
 * audit trail records that they did. The record is written first: details are never shown unrecorded.
 */
export async function revealConcernDetails(
  ctx: LiaisonContext,
  rawConcernId: string,
  who: PlatformIdentity,
): Promise<RevealReply> {
  const concernId = parseConcernId(rawConcernId);
  if (!concernId) return message(CONCERN_GONE);
  try {
    const directory = ctx.directory();
    const concern = await ctx.concerns.findById(concernId);
    if (!concern) return message(CONCERN_GONE);
    const actor = identifyActor(directory, who);
    const authority = { directory, groups: ctx.groups };
    const at = ctx.clock.now();
    const view = channelCardView(directory, concern, at);
    if (!mayViewDetails(authority, actor, concern)) return message(detailsRefusal(authority, concern), view);
    // Purged by the retention policy: there is nothing left to show, so no look to record.
    if (concern.detailsPurgedAt) return message(view.description, view);
    await ctx.concerns.appendAudit([
      { concernId, type: "details-viewed", actor: actor.ref, at, detail: { platform: who.platform } },
    ]);
    ctx.logger.info({ concern: concern.reference, platform: who.platform }, "patient details viewed");
    const when = localTime(at, directory.hospital.timeZone);
    const recorded = `${actor.ref.displayName} viewed the patient details of ${concern.reference} at ${when}.`;
    return { kind: "details", details: detailsOf(ctx, concern, recorded), view };
  } catch (error) {
    ctx.logger.error({ err: error }, "could not show a concern's details");
    return message(SOMETHING_WENT_WRONG);
  }
}

function detailsOf(ctx: LiaisonContext, concern: Concern, recordedLine: string): DetailsView {
  const unit = ctx.directory().unitName(concern.unit);
  return {
    concernId: concern.id,
    reference: concern.reference,
    place: `${unit} · room ${concern.room}`,
    patientReference: concern.patientReference ?? "None given",
    ...(concern.patientInitials ? { patientInitials: concern.patientInitials } : {}),
    description: concern.description,
    recordedLine,
  };
}
