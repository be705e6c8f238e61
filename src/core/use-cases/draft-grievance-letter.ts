import type { AuditEvent } from "../messaging/audit-event.ts";
import type { ActorRef, Concern } from "../concern/concern.ts";
import { grievanceLetter, interimLetter, type LetterContent } from "../grievance/letter-content.ts";
import type { InterimNotice, LetterLanguage } from "../grievance/grievance-notice.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/** Which letter an action asks for: the final written notice, or the interim notice. */
export type LetterRequest = { kind: "final" } | { kind: "interim"; interim: InterimNotice };

/**
 * A grievance's letter, drafted from what the liaison entered: rendered, stored, and linked from the
 * concern before the change itself is saved (so a resolved grievance always has its letter; a save that
 * loses a race leaves only an unlinked draft behind).
 */
export async function draftGrievanceLetter(
  ctx: LiaisonContext,
  changed: Concern,
  request: LetterRequest,
  by: ActorRef,
  now: Date,
): Promise<DraftedLetter> {
  const { content, language } = letterContent(ctx, changed, request, now);
  const token = ctx.letters.newToken();
  const id = ctx.newId();
  await ctx.letters.save({
    id,
    concernId: changed.id,
    kind: request.kind,
    language,
    fileName: content.fileName,
    pdf: await ctx.letters.render(content),
    token,
    createdAt: now,
  });
  const event: AuditEvent = {
    concernId: changed.id,
    type: "letter-produced",
    actor: by,
    at: now,
    detail: { letterId: id, kind: request.kind, language },
  };
  return { kind: request.kind, id, url: ctx.letters.urlOf(token), producedAt: now, event };
}

/** A letter drafted for a change: stored once, linked from whichever version of the concern is saved. */
export interface DraftedLetter {
  kind: LetterRequest["kind"];
  id: string;
  url: string;
  producedAt: Date;
  event: AuditEvent;
}

/** The changed concern with its drafted letter linked (the written notice, or the interim notice's). */
export function withLetter(changed: Concern, letter: DraftedLetter): Concern {
  const { id, url, producedAt } = letter;
  return letter.kind === "final"
    ? { ...changed, grievanceLetter: { id, url, producedAt } }
    : { ...changed, grievanceInterim: { ...changed.grievanceInterim!, letter: { id, url } } };
}

function letterContent(
  ctx: LiaisonContext,
  concern: Concern,
  request: LetterRequest,
  now: Date,
): { content: LetterContent; language: LetterLanguage } {
  const directory = ctx.directory();
  const zone = directory.hospital.timeZone;
  // A quality-of-care or discharge grievance's letters say the QIO may review it.
  const qio = directory.category(concern.category)?.qioReferable ?? false;
  const template = ctx.letters.template();
  if (request.kind === "interim") {
    return {
      content: interimLetter(template, concern, request.interim, zone, now, qio),
      language: request.interim.language,
    };
  }
  const resolution = concern.grievanceResolution!;
  return {
    content: grievanceLetter(template, concern, resolution, zone, now, qio),
    language: resolution.language,
  };
}
