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
