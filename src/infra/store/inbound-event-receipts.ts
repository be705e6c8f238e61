import type { PrismaClient } from "../../generated/prisma/client.ts";

/** True the first time any instance records `key`: a retried event is handled once. */
export function inboundEventReceipts(prisma: PrismaClient) {
  return async (key: string, at: Date): Promise<boolean> => {
    const inserted = await prisma.$executeRaw`
      INSERT INTO "InboundEventReceipt" ("key", "receivedAt") VALUES (${key}, ${at})
      ON CONFLICT ("key") DO NOTHING`;
    return inserted === 1;
  };
}

/**
 * Deletes receipts older than `before`, in batches. Slack refuses a signature more than 5 minutes
 * old and a Bot Framework token lives an hour, so a receipt older than that can never match again.
 */
export function pruneInboundEventReceipts(prisma: PrismaClient, batchSize = 1000) {
  return async (before: Date): Promise<number> => {
    let total = 0;
    for (;;) {
      const deleted = await prisma.$executeRaw`
        DELETE FROM "InboundEventReceipt" WHERE "key" IN (
          SELECT "key" FROM "InboundEventReceipt" WHERE "receivedAt" < ${before} LIMIT ${batchSize})`;
      total += deleted;
      if (deleted < batchSize) return total;
    }
  };
}
