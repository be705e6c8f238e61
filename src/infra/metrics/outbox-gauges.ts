import type { OutboxStats } from "../../core/index.ts";
import type { LiaisonMetrics } from "./liaison-metrics.ts";

/** A scrape waits this long for the store's outbox count; Prometheus' own scrape timeout is 10 s. */
export const OUTBOX_STATS_TIMEOUT_MS = 2000;

/**
 * Sets the outbox gauges from the store just before a scrape. A store that fails or does not answer
 * in time leaves the last counts known and sets liaison_store_up to 0, so the scrape itself still
 * answers (a stalled scrape would hide every other metric just when they matter).
 */
export async function refreshOutboxGauges(
  metrics: LiaisonMetrics,
  stats: () => Promise<OutboxStats>,
  now: Date,
  timeoutMs = OUTBOX_STATS_TIMEOUT_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    const counted = await Promise.race([stats(), deadline]);
    if (!counted) {
      metrics.storeUp.set(0);
      return;
    }
    metrics.outboxPending.set(counted.pending);
    metrics.outboxParked.set(counted.parked);
    const waited = counted.oldestPendingAt ? (now.getTime() - counted.oldestPendingAt.getTime()) / 1000 : 0;
    metrics.outboxOldestPendingAge.set(Math.max(0, waited));
    metrics.storeUp.set(1);
  } catch {
    metrics.storeUp.set(0);
  } finally {
    clearTimeout(timer);
  }
}
