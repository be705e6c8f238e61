import type { AuditEvent } from "../messaging/audit-event.ts";
import type { ActorRef, Concern } from "../concern/concern.ts";
import { grievanceLetter } from "../grievance/letter-content.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/**
 * A grievance just resolved gets its written notice drafted from the four elements: rendered, stored,
 * and linked from the concern, before the resolution itself is saved (so a resolved grievance always
 * has its letter; a save that loses a race leaves only an unlinked draft behind).
 */
export async function draftGrievanceLetter(
  ctx: LiaisonContext,
  resolved: Concern,
  by: ActorRef,
  now: Date,
): Promise<{ concern: Concern; event: AuditEvent }> {
  const resolution = resolved.grievanceResolution!;
  const directory = ctx.directory();
  const content = grievanceLetter(
    ctx.letters.template(),
    resolved,
    resolution,
    directory.hospital.timeZone,
    now,
  );
  const token = ctx.letters.newToken();
  const id = ctx.newId();
  await ctx.letters.save({
    id,
    concernId: resolved.id,
    kind: "final",
    language: resolution.language,
    fileName: content.fileName,
    pdf: await ctx.letters.render(content),
    token,
    createdAt: now,
  });
  const concern = { ...resolved, grievanceLetter: { id, url: ctx.letters.urlOf(token), producedAt: now } };
  const event: AuditEvent = {
    concernId: resolved.id,
    type: "letter-produced",
    actor: by,
    at: now,
    detail: { letterId: id, kind: "final", language: resolution.language },
  };
  return { concern, event };
}
