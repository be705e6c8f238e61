import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/infra/store/open-database.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { createPostgresDatabase, STORE_KINDS, type StoreKind } from "../support/test-database.ts";

/** A store that can be opened again after a stop, to see what it kept. */
async function reopenableStore(
  kind: StoreKind,
): Promise<{ open(): Promise<Database>; remove(): Promise<void> }> {
  if (kind === "postgresql") {
    const { url, drop } = await createPostgresDatabase();
    return {
      open: () => openDatabase({ databaseUrl: url, dataDir: "unused", logger: new RecordingLogger() }),
      remove: drop,
    };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "liaison-stop-"));
  return {
    open: () => openDatabase({ dataDir, logger: new RecordingLogger() }),
    remove: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

describe.each(STORE_KINDS)("stopping Liaison's %s store", (kind) => {
  it("during a burst of raises, lets what is being saved finish, then stops", async () => {
    const store = await reopenableStore(kind);
    try {
      const db = await store.open();
      // Liaison has always used its client by the time it stops (start-up records the directory).
      expect(await db.prisma.inboundEventReceipt.count()).toBe(0);
      const keys = Array.from({ length: 40 }, (_, i) => `slack-event:Burst${i}`);
      // Each a transaction, as a raise is, and each already acknowledged to a nurse.
      const saving = keys.map((key) =>
        db.prisma.$transaction(async (tx) => {
          await tx.$executeRaw`INSERT INTO "InboundEventReceipt" ("key", "receivedAt") VALUES (${key}, now())`;
        }),
      );
      // Closing under them lost them ("Unknown transaction status"), then waited forever.
      await db.close();
      const outcomes = await Promise.allSettled(saving);
      expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);

      const again = await store.open();
      expect(await again.prisma.inboundEventReceipt.count()).toBe(keys.length);
      await again.close();
    } finally {
      await store.remove();
    }
  });
});
