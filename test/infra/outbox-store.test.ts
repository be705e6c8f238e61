import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneSentMessages } from "../../src/core/use-cases/prune-sent-messages.ts";
import {
  OLDEST_PENDING_SQL,
  PrismaOutboxRepository,
} from "../../src/infra/store/prisma-outbox-repository.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { openTestDatabase, STORE_KINDS, type TestDatabase } from "../support/test-database.ts";

const NOW = new Date("2026-11-24T20:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

interface Row {
  key: string;
  status: "pending" | "sent" | "parked";
  at: Date;
}

describe.each(STORE_KINDS)("the outbox table on %s", (kind) => {
  let test: TestDatabase;
  let outbox: PrismaOutboxRepository;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    outbox = new PrismaOutboxRepository(test.db.prisma);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  const insert = (rows: Row[]) =>
    test.db.prisma.outboxMessage.createMany({
      data: rows.map((r) => ({
        idempotencyKey: r.key,
        platform: "slack",
        kind: "direct",
        payload: {},
        status: r.status,
        nextAttemptAt: r.at,
        createdAt: r.at,
        sentAt: r.status === "sent" ? r.at : null,
      })),
    });

  it("messages sent more than the retention ago are pruned in batches; pending and parked ones are kept", async () => {
    await test.db.prisma.outboxMessage.deleteMany();
    await insert([
      ...Array.from({ length: 25 }, (_, i): Row => ({ key: `old-${i}`, status: "sent", at: daysAgo(30) })),
      { key: "last-week", status: "sent", at: daysAgo(6) },
      { key: "parked-long-ago", status: "parked", at: daysAgo(60) },
      { key: "pending-long-ago", status: "pending", at: daysAgo(60) },
    ]);
    const logger = new RecordingLogger();
    const pruned = await pruneSentMessages({ outbox, clock: new FakeClock(NOW), logger }, 7, 10);
    expect(pruned).toBe(25);
    const left = await test.db.prisma.outboxMessage.findMany({ select: { idempotencyKey: true } });
    expect(left.map((r) => r.idempotencyKey).sort()).toEqual([
      "last-week",
      "parked-long-ago",
      "pending-long-ago",
    ]);
    expect(logger.lines.map((l) => l.message)).toEqual(["outbox pruned"]);
  });

  it("/healthz's oldest pending message is read from an index, without reading the sent rows", async () => {
    await test.db.prisma.outboxMessage.deleteMany();
    await test.db.prisma.$executeRaw`
      INSERT INTO "OutboxMessage" ("idempotencyKey", "platform", "kind", "payload", "status", "nextAttemptAt", "createdAt", "sentAt")
      SELECT 'sent-' || n, 'slack', 'direct', '{}', 'sent', ${NOW}, ${NOW}, ${NOW} FROM generate_series(1, 20000) AS n`;
    await insert([{ key: "waiting", status: "pending", at: NOW }]);
    // No ANALYZE: the embedded store has no autovacuum, so its planner works from stale statistics.

    const explained = await test.db.prisma.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${OLDEST_PENDING_SQL}`,
    );
    const text = JSON.stringify(explained[0]!["QUERY PLAN"]);
    expect(text).not.toContain("Seq Scan");
    const removed = [...text.matchAll(/"Rows Removed by Filter":(\d+)/g)].map((m) => Number(m[1]));
    expect(removed.every((n) => n === 0)).toBe(true);
    expect((await outbox.stats()).oldestPendingAt).toEqual(NOW);
  });
});
