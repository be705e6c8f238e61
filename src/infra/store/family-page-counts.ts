import type { PrismaClient } from "../../generated/prisma/client.ts";

/**
 * The family page's counts, in the database so every instance on it shares them: one row per hashed
 * key (a room, an address, a form's nonce) per window, incremented in one statement that no two
 * instances can both win the first count of.
 */
export interface FamilyPageCounts {
  /** Adds one to `key`'s count in the window starting at `windowStart`; returns the new count. */
  add(key: string, windowStart: Date): Promise<number>;
  /** Forgets windows that started before `before`. */
  prune(before: Date): Promise<number>;
}

export function prismaFamilyPageCounts(prisma: PrismaClient): FamilyPageCounts {
  return {
    async add(key, windowStart) {
      const rows = await prisma.$queryRaw<{ count: number }[]>`
        INSERT INTO "FamilyPageCount" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
        ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "FamilyPageCount"."count" + 1
        RETURNING "count"`;
      return Number(rows[0]!.count);
    },
    prune: (before) => prisma.$executeRaw`DELETE FROM "FamilyPageCount" WHERE "windowStart" < ${before}`,
  };
}
