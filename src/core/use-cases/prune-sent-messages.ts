import type { LiaisonContext } from "./liaison-context.ts";

const DAY_MS = 86_400_000;

/**
 * Deletes outbox rows sent more than `retentionDays` ago, in batches so no statement holds many row
 * locks or runs long beside live delivery. Pending and parked rows are never pruned: the first still
 * have to be sent, the second wait for a person.
 */
export async function pruneSentMessages(
  ctx: Pick<LiaisonContext, "outbox" | "clock" | "logger">,
  retentionDays: number,
  batchSize = 1000,
): Promise<number> {
  const sentBefore = new Date(ctx.clock.now().getTime() - retentionDays * DAY_MS);
  let total = 0;
  for (;;) {
    const deleted = await ctx.outbox.pruneSent(sentBefore, batchSize);
    total += deleted;
    if (deleted < batchSize) break;
  }
  if (total > 0) ctx.logger.info({ messages: total, sentBefore: sentBefore.toISOString() }, "outbox pruned");
  return total;
}
