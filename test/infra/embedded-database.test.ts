import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { raiseConcern } from "../../src/core/use-cases/raise-concern.ts";
import { openDatabase } from "../../src/infra/store/open-database.ts";
import { PrismaConcernRepository } from "../../src/infra/store/prisma-concern-repository.ts";
import { PrismaOutboxRepository } from "../../src/infra/store/prisma-outbox-repository.ts";
import { startPgliteThread } from "../../src/infra/store/pglite-thread.ts";
import { coreContext, PAIN_DRAFT } from "../support/core-context.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { SLACK } from "../support/sample-directory.ts";

const folders: string[] = [];
function freshFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "liaison-embedded-"));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the embedded database", () => {
  it("works beside Liaison, not in its way: a nurse's form is acknowledged while a slow statement runs", async () => {
    const db = await openDatabase({ dataDir: freshFolder(), logger: new RecordingLogger() });
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      await db.prisma.$queryRaw`SELECT pg_sleep(0.5)::text AS slept`;
      clearInterval(timer);
      // In-process PGlite froze the event loop for the whole statement: the timer never fired.
      expect(ticks).toBeGreaterThan(2);
    } finally {
      await db.close();
    }
  });

  it("saves every concern of a burst, though they all wait for its one connection", async () => {
    const db = await openDatabase({ dataDir: freshFolder(), logger: new RecordingLogger() });
    try {
      const core = coreContext("2026-11-24T20:00:00Z");
      const concerns = new PrismaConcernRepository(db.prisma);
      const ctx = { ...core.ctx, concerns, outbox: new PrismaOutboxRepository(db.prisma) };
      const raises = Array.from({ length: 200 }, () => raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse));
      // Prisma's default 2 s wait for a transaction refused most of them: "NOT saved" to the nurse.
      const outcomes = await Promise.allSettled(raises);
      expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
      expect(await db.prisma.concern.count()).toBe(200);
    } finally {
      await db.close();
    }
  }, 120_000);

  it("keeps every committed change across a clean close and a restart", async () => {
    const dataDir = freshFolder();
    const first = await openDatabase({ dataDir, logger: new RecordingLogger() });
    await first.prisma.$executeRaw`
      INSERT INTO "InboundEventReceipt" ("key", "receivedAt") VALUES ('slack-event:Ev01', now())`;
    await first.close();
    const second = await openDatabase({ dataDir, logger: new RecordingLogger() });
    try {
      expect(await second.prisma.inboundEventReceipt.count({ where: { key: "slack-event:Ev01" } })).toBe(1);
    } finally {
      await second.close();
    }
  });

  it("when its thread dies, says so and what to do, and connections fail instead of hanging", async () => {
    const dataDir = path.join(freshFolder(), "pglite");
    const deaths: Error[] = [];
    const thread = await startPgliteThread(dataDir, (error) => deaths.push(error));
    const client = new pg.Client({ host: thread.socketDir, user: "postgres", database: "postgres" });
    await client.connect();
    client.on("error", () => undefined);
    expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);

    await thread.worker.terminate();
    await vi.waitFor(() => expect(deaths).toHaveLength(1));
    expect(deaths[0]!.message).toMatch(
      /The embedded database \(PGlite in .*pglite\) stopped unexpectedly .* restart Liaison/,
    );
    const again = new pg.Client({ host: thread.socketDir, user: "postgres", database: "postgres" });
    await expect(again.connect()).rejects.toThrow();
  });
});
