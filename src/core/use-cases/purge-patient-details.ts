import type { ActorRef, Concern } from "../concern/concern.ts";
import type { AuditEvent } from "../messaging/audit-event.ts";
import { hasFreeText } from "../messaging/audit-free-text.ts";
import { planOutboundMessages } from "../messaging/plan-outbound-messages.ts";
import { removePatientDetails } from "../retention/remove-patient-details.ts";
import type { LiaisonContext } from "./liaison-context.ts";

const DAY_MS = 86_400_000;
const LIAISON: ActorRef = { key: "system", displayName: "Liaison", platform: "system" };

/** One concern the retention policy purged (or, in a dry run, would purge). */
export interface PurgedConcern {
  reference: string;
  resolvedAt: Date;
}

/** What a retention run did: nothing at all when the directory keeps patients' details forever. */
export type PatientDetailsPurge =
  | { policy: "keep-forever" }
  | {
      policy: "retain";
      retainDays: number;
      /** Concerns resolved before this were (or would be) purged. */
      resolvedBefore: Date;
      dryRun: boolean;
      concerns: PurgedConcern[];
    };

type PurgeContext = Pick<LiaisonContext, "concerns" | "clock" | "logger" | "directory" | "platforms">;

/**
 * The retention policy (the directory's `retainPatientDetailsDays`): removes the description, notes
 * and patient reference of concerns resolved more than that many days ago, and the free text of their
 * audit events, keeping what happened, when and where. A dry run only lists them.
 */
export async function purgePatientDetails(
  ctx: PurgeContext,
  options: { dryRun?: boolean; batchSize?: number } = {},
): Promise<PatientDetailsPurge> {
  const retainDays = ctx.directory().hospital.retainPatientDetailsDays;
  if (retainDays === undefined) return { policy: "keep-forever" };
  const now = ctx.clock.now();
  const resolvedBefore = new Date(now.getTime() - retainDays * DAY_MS);
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? 100;
  const concerns: PurgedConcern[] = [];
  for (;;) {
    // A real run finds the next batch among those still not purged; a dry run pages past them.
    const batch = await ctx.concerns.findPurgeable(resolvedBefore, batchSize, dryRun ? concerns.length : 0);
    let purged = 0;
    for (const concern of batch) {
      if (dryRun || (await purgeOne(ctx, concern, retainDays, now))) {
        concerns.push({ reference: concern.reference, resolvedAt: concern.resolvedAt! });
        purged++;
      }
    }
    // A concern changed meanwhile (reopened, say) is left for the next run rather than retried here.
    if (batch.length < batchSize || purged === 0) break;
  }
  if (!dryRun && concerns.length > 0) {
    ctx.logger.info(
      { concerns: concerns.length, resolvedBefore: resolvedBefore.toISOString() },
      "patient details purged (retention policy)",
    );
  }
  return { policy: "retain", retainDays, resolvedBefore, dryRun, concerns };
}

async function purgeOne(ctx: PurgeContext, concern: Concern, retainDays: number, now: Date) {
  const { concern: purged, detailsRemoved } = removePatientDetails(concern, now);
  const trail = await ctx.concerns.auditTrail(concern.id);
  const event: AuditEvent = {
    concernId: concern.id,
    type: "patient-details-purged",
    actor: LIAISON,
    at: now,
    detail: { retainDays, detailsRemoved, eventTextsRemoved: trail.filter(hasFreeText).length },
  };
  const fanOut = planOutboundMessages(concern, purged, [event], {
    directory: ctx.directory(),
    platforms: ctx.platforms,
    now,
  });
  return ctx.concerns.purgeDetails(
    { concern: purged, events: [event, ...fanOut.events], messages: fanOut.messages },
    concern.version,
  );
}
