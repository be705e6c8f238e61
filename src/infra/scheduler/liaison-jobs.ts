import {
  type DirectoryIndex,
  type LiaisonContext,
  type OutboxPump,
  pruneSentMessages,
  purgePatientDetails,
  queueDigest,
  queueWeeklyReport,
  sweepDueConcerns,
} from "../../core/index.ts";
import type { DueTimer } from "./due-timer.ts";
import type { Job, Scheduler } from "./scheduler.ts";

export interface JobSettings {
  sweepIntervalSeconds: number;
  deliveryIntervalSeconds: number;
  /** The outbox lease; rows this instance holds are renewed three times within it. */
  leaseMs: number;
  outboxRetentionDays: number;
  /** Forgets inbound receipts older than the given time (they can no longer match a replay). */
  pruneInboundReceipts: (before: Date) => Promise<number>;
}

/** How long an inbound request is remembered for replay detection: far past every platform's window. */
export const RECEIPT_RETENTION_MS = 24 * 3_600_000;

const everySeconds = (n: number) => (n < 60 ? `*/${n} * * * * *` : `0 */${Math.round(n / 60)} * * * *`);

/** The slot a cron run belongs to: its minute, so every instance names the same slot. */
export const slotOf = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

/**
 * Liaison's scheduled work; each job only calls a use case. Instances coordinate through the
 * database (claimed rows, idempotency keys), so every instance can run every job.
 */
export function registerLiaisonJobs(
  scheduler: Scheduler,
  ctx: LiaisonContext,
  pump: OutboxPump,
  timer: Pick<DueTimer, "rearm">,
  settings: JobSettings,
): void {
  // Run by the escalation timer at the soonest deadline; the tick is the safety net.
  scheduler.add({
    name: "sweep",
    schedule: everySeconds(settings.sweepIntervalSeconds),
    staleAfterMs: settings.sweepIntervalSeconds * 3000 + 10_000,
    run: async () => {
      await sweepDueConcerns(ctx);
      await timer.rearm();
    },
  });
  // Delivery is woken by every write that queues a message; the tick is the safety net (and retries).
  scheduler.add({
    name: "deliver",
    schedule: everySeconds(settings.deliveryIntervalSeconds),
    // A claim only: deliveries run on in their lanes, so a hung platform never makes this job stale.
    staleAfterMs: settings.deliveryIntervalSeconds * 3000 + 10_000,
    run: () => pump.wake(),
  });
  const renewEverySeconds = Math.max(1, Math.floor(settings.leaseMs / 3000));
  scheduler.add({
    name: "outbox-leases",
    schedule: everySeconds(renewEverySeconds),
    staleAfterMs: settings.leaseMs,
    run: () => ctx.outbox.renewLeases(pump.heldIds(), new Date(ctx.clock.now().getTime() + settings.leaseMs)),
  });
  scheduler.add({
    name: "prune",
    schedule: "0 */10 * * * *",
    run: async () => {
      await pruneSentMessages(ctx, settings.outboxRetentionDays);
      const forgotten = await settings.pruneInboundReceipts(
        new Date(ctx.clock.now().getTime() - RECEIPT_RETENTION_MS),
      );
      if (forgotten > 0) ctx.logger.info({ receipts: forgotten }, "inbound receipts pruned");
    },
  });
  scheduler.add(retentionJob(ctx));
  for (const job of digestJobs(ctx, ctx.directory())) scheduler.add(job);
}

/**
 * The retention policy, daily at 03:15 hospital time (quiet on the wards). Every instance runs it; each
 * concern is purged by a compare-and-set that writes its audit event in the same statement, so when
 * two instances meet, one purges it once and the other's write is refused and skipped.
 */
function retentionJob(ctx: LiaisonContext): Job {
  return {
    name: "retention",
    schedule: "0 15 3 * * *",
    timeZone: ctx.directory().hospital.timeZone,
    run: async () => {
      await purgePatientDetails(ctx);
    },
  };
}

const DIGEST_JOB = "digest:";

/**
 * The jobs the directory schedules, in the hospital's time zone: one per digest schedule of each
 * person, and the weekly report's, if the directory has one.
 */
function digestJobs(ctx: LiaisonContext, directory: DirectoryIndex): Job[] {
  const weekly = directory.hospital.weeklyReport;
  const report: Job[] = weekly
    ? [
        {
          name: `${DIGEST_JOB}weekly-report`,
          schedule: weekly.schedule,
          timeZone: directory.hospital.timeZone,
          run: async () => {
            const queued = await queueWeeklyReport(ctx, slotOf(ctx.clock.now()));
            ctx.logger.info({ queued }, "weekly report");
          },
        },
      ]
    : [];
  return [...report, ...personalDigestJobs(ctx, directory)];
}

function personalDigestJobs(ctx: LiaisonContext, directory: DirectoryIndex): Job[] {
  return directory.directory.people.flatMap((person) =>
    (person.digest?.schedules ?? []).map((schedule, i) => ({
      name: `${DIGEST_JOB}${person.id}:${i}`,
      schedule,
      timeZone: directory.hospital.timeZone,
      run: async () => {
        const result = await queueDigest(ctx, person.id, slotOf(ctx.clock.now()));
        ctx.logger.info({ person: person.id, result }, "digest");
      },
    })),
  );
}

/**
 * After a directory reload: the digest jobs become those of the new directory (people added or gone,
 * schedules or the time zone changed). A digest being sent meanwhile finishes.
 */
export async function replaceDigestJobs(
  scheduler: Scheduler,
  ctx: LiaisonContext,
  directory: DirectoryIndex,
): Promise<void> {
  const old = scheduler.names().filter((name) => name.startsWith(DIGEST_JOB));
  await Promise.all(old.map((name) => scheduler.remove(name)));
  for (const job of digestJobs(ctx, directory)) scheduler.add(job);
}
