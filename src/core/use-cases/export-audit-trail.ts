import {
  type AuditExport,
  type AuditExportFormat,
  type ExportedConcern,
  type ExportedEvent,
  type ExportVia,
  grievanceRecordOf,
  rangeProblem,
} from "../audit-export/audit-export.ts";
import type { ActorRef } from "../concern/concern.ts";
import { endOfLocalDay, localTimestamp, startOfLocalDay } from "../escalation/business-time.ts";
import type { ConcernId } from "../ids.ts";
import type { AuditEvent } from "../messaging/audit-event.ts";
import { describeAuditEvent } from "../messaging/audit-event-sentence.ts";
import { splitFreeText } from "../messaging/audit-free-text.ts";
import type { LiaisonContext } from "./liaison-context.ts";

type ExportContext = Pick<LiaisonContext, "concerns" | "clock" | "directory">;

export interface AuditExportRequest {
  /** "YYYY-MM-DD", both days included, on the hospital's calendar. */
  from: string;
  to: string;
  format: AuditExportFormat;
  by: ActorRef;
  via: ExportVia;
}

/** A range that cannot be exported; its message names the day and what was expected. */
export class AuditExportRangeError extends Error {}

const BATCH = 1000;

/**
 * The surveyor's export: every audit event whose time falls in the days asked for (from 00:00 of
 * `from` to the end of `to`, hospital time), none outside them, grouped by concern in time order, each with its sentence and its free text where retention kept it; with the concern's
 * grievance dates as they stand now. A concern with any event in the range is listed, with just
 * those events. The export itself is recorded as one hospital-level `audit-exported` event.
 */
export async function exportAuditTrail(
  ctx: ExportContext,
  request: AuditExportRequest,
): Promise<AuditExport> {
  const problem = rangeProblem(request.from, request.to);
  if (problem) throw new AuditExportRangeError(problem);
  const timeZone = ctx.directory().hospital.timeZone;
  const startsAt = startOfLocalDay(request.from, timeZone);
  const endsAt = endOfLocalDay(request.to, timeZone);
  const byConcern = new Map<ConcernId, ExportedEvent[]>();
  const hospitalEvents: ExportedEvent[] = [];
  let eventCount = 0;
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await ctx.concerns.auditEventsBetween(startsAt, endsAt, BATCH, cursor);
    for (const event of page.events) {
      const row = exportedEvent(event, timeZone);
      if (event.concernId === undefined) hospitalEvents.push(row);
      else if (byConcern.has(event.concernId)) byConcern.get(event.concernId)!.push(row);
      else byConcern.set(event.concernId, [row]);
      eventCount++;
    }
    cursor = page.next;
  }
  const concerns = await concernsOf(ctx, byConcern);
  const generatedAt = ctx.clock.now();
  await ctx.concerns.appendAudit([
    {
      type: "audit-exported",
      actor: request.by,
      at: generatedAt,
      detail: {
        from: request.from,
        to: request.to,
        format: request.format,
        concerns: concerns.length,
        events: eventCount,
        via: request.via,
      },
    },
  ]);
  return {
    range: { from: request.from, to: request.to, timeZone, startsAt, endsAt },
    generatedAt,
    generatedBy: { name: request.by.displayName, key: request.by.key, platform: request.via },
    format: request.format,
    concerns,
    hospitalEvents,
    eventCount,
  };
}

/** Each concern's record around its events; ordered by reference, which is the order they were raised. */
async function concernsOf(ctx: ExportContext, byConcern: Map<ConcernId, ExportedEvent[]>) {
  const concerns: ExportedConcern[] = [];
  for (const [id, events] of byConcern) {
    const concern = await ctx.concerns.findById(id);
    const created = events.find((e) => e.type === "created");
    const grievance = concern && grievanceRecordOf(concern);
    concerns.push({
      id,
      reference: concern?.reference ?? String(created?.detail.reference ?? id),
      ...(concern ? { raisedAt: concern.createdAt, status: concern.status } : {}),
      ...(grievance ? { grievance } : {}),
      ...(concern?.detailsPurgedAt ? { detailsPurgedAt: concern.detailsPurgedAt } : {}),
      events,
    });
  }
  return concerns.sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
}

function exportedEvent(whole: AuditEvent, timeZone: string): ExportedEvent {
  const { event, text } = splitFreeText(whole);
  const detail = event.detail as Readonly<Record<string, unknown>>;
  const platform = typeof detail.platform === "string" ? detail.platform : event.actor.platform;
  return {
    type: event.type,
    at: event.at,
    atLocal: localTimestamp(event.at, timeZone),
    who: event.actor.displayName,
    whoKey: event.actor.key,
    ...(event.actor.authorizedBy ? { authorizedBy: event.actor.authorizedBy } : {}),
    platform,
    description: describeAuditEvent(whole),
    detail,
    ...(text ? { text } : {}),
  };
}
