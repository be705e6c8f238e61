import type { DirectoryIndex } from "../../core/directory-index.ts";
import type { ChatNotifier } from "../../core/ports/chat-notifier.port.ts";
import type { Platform } from "../../core/platform.ts";
import { deliverOutbox } from "../../core/use-cases/deliver-outbox.ts";
import type { LiaisonContext } from "../../core/use-cases/liaison-context.ts";
import { queueDigest } from "../../core/use-cases/queue-digest.ts";
import { sweepDueConcerns } from "../../core/use-cases/sweep-due-concerns.ts";
import type { Scheduler } from "./scheduler.ts";

export interface JobSettings {
  sweepIntervalSeconds: number;
  deliveryIntervalSeconds: number;
}

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
  notifiers: ReadonlyMap<Platform, ChatNotifier>,
  directory: DirectoryIndex,
  settings: JobSettings,
): void {
  scheduler.add({
    name: "sweep",
    schedule: everySeconds(settings.sweepIntervalSeconds),
    staleAfterMs: settings.sweepIntervalSeconds * 3000 + 10_000,
    run: async () => {
      await sweepDueConcerns(ctx);
    },
  });
  scheduler.add({
    name: "deliver",
    schedule: everySeconds(settings.deliveryIntervalSeconds),
    staleAfterMs: settings.deliveryIntervalSeconds * 3000 + 60_000,
    run: async () => {
      // Drain batch after batch while batches make progress; what must wait goes at the next tick.
      let report;
      do {
        report = await deliverOutbox(ctx, notifiers);
      } while (report.sent + report.parked > 0);
    },
  });
  for (const person of directory.directory.people) {
    person.digest?.schedules.forEach((schedule, i) => {
      scheduler.add({
        name: `digest:${person.id}:${i}`,
        schedule,
        timeZone: directory.hospital.timeZone,
        run: async () => {
          const result = await queueDigest(ctx, person.id, slotOf(ctx.clock.now()));
          ctx.logger.info({ person: person.id, result }, "digest");
        },
      });
    });
  }
}
