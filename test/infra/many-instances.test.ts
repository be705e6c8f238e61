import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Concern } from "../../src/core/concern/concern.ts";
import { raiseConcern } from "../../src/core/use-cases/raise-concern.ts";
import { toConcernRow } from "../../src/infra/store/concern-row-mapping.ts";
import { openDatabase, type Database } from "../../src/infra/store/open-database.ts";
import { coreContext, PAIN_DRAFT } from "../support/core-context.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { SLACK } from "../support/sample-directory.ts";
import { deliveredKeys, spawnWorker } from "../support/spawn-worker.ts";
import { createPostgresDatabase } from "../support/test-database.ts";

const RAISED = new Date("2026-11-25T12:00:00Z");
const CONCERNS = 2000;
const INSTANCES = 4;

/**
 * Critical concerns on 4 West raised at RAISED, their cards posted: each is due to reach its department
 * head at +5 min.
 */
async function seed(db: Database, count: number, prefix = "PR"): Promise<Concern[]> {
  const { ctx } = coreContext(RAISED.toISOString());
  const concerns: Concern[] = [];
  for (let i = 0; i < count; i++) {
    concerns.push(
      await raiseConcern(
        ctx,
        // Each for its own patient: concerns for one patient and room would be linked as repeats.
        {
          ...PAIN_DRAFT,
          severity: "critical",
          room: String(100 + (i % 400)),
          patientReference: `E${prefix}${String(i).padStart(6, "0")}`,
        },
        SLACK.nurse,
      ),
    );
  }
  await db.prisma.concern.createMany({
    data: concerns.map((c) => ({
      id: c.id,
      ...toConcernRow({ ...c, reference: c.reference.replace("PR", prefix) }),
    })),
  });
  // Their cards are already in the department's channel on both platforms: escalation replies under them.
  await db.prisma.concernCard.createMany({
    data: concerns.flatMap((c, i) =>
      (["slack", "teams"] as const).map((platform) => ({
        concernId: c.id,
        platform,
        departmentId: c.departmentId,
        channelId: platform === "slack" ? "C04NURS4W01" : "19:4w@thread.tacv2",
        messageId: `${prefix}-${platform}-${i}`,
        state: "active",
        updatedAt: RAISED,
      })),
    ),
  });
  return concerns;
}

describe("several Liaison instances on one PostgreSQL", () => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Database;

  beforeAll(async () => {
    ({ url, drop } = await createPostgresDatabase());
    db = await openDatabase({ databaseUrl: url, dataDir: "-", logger: new RecordingLogger() });
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it(`${INSTANCES} instances sweeping ${CONCERNS} due concerns escalate each exactly once and send each message once`, async () => {
    const concerns = await seed(db, CONCERNS);
    const now = new Date(RAISED.getTime() + 6 * 60_000);

    const started = performance.now();
    const sweepers = Array.from({ length: INSTANCES }, () => spawnWorker(url, now, "sweep"));
    const digesters = Array.from({ length: INSTANCES }, () => spawnWorker(url, now, "digest"));
    expect(await Promise.all([...sweepers, ...digesters].map((w) => w.exited))).toEqual(
      Array(INSTANCES * 2).fill(0),
    );

    const sweptAt = performance.now();
    const swept = sweepers.map((w) => Number(w.lines.find((l) => l.startsWith("S "))!.slice(2)));
    expect(swept.reduce((a, b) => a + b)).toBe(CONCERNS);
    expect(swept.filter((n) => n > 0).length).toBeGreaterThan(1); // the work really was shared

    const escalated = await db.prisma.auditEvent.groupBy({
      by: ["concernId"],
      where: { type: "escalated" },
      _count: true,
    });
    expect(escalated).toHaveLength(CONCERNS);
    expect(escalated.every((g) => g._count === 1)).toBe(true);
    const levels = await db.prisma.concern.groupBy({
      by: ["escalationLevel", "escalationStepsFired"],
      _count: true,
    });
    expect(levels).toEqual([{ escalationLevel: 1, escalationStepsFired: 1, _count: CONCERNS }]);

    const digestResults = digesters.map((w) => w.lines.find((l) => l.startsWith("G "))!.slice(2)).sort();
    expect(digestResults).toEqual(["already-queued", "already-queued", "already-queued", "queued"]);

    // Each escalation: a DM to the head, and card updates and thread replies on Slack and Teams.
    const perConcern = 5;
    expect(await db.prisma.outboxMessage.count()).toBe(CONCERNS * perConcern + 1);

    const deliverStarted = performance.now();
    const deliverers = Array.from({ length: INSTANCES }, () => spawnWorker(url, now, "deliver"));
    expect(await Promise.all(deliverers.map((w) => w.exited))).toEqual(Array(INSTANCES).fill(0));
    const deliveredAt = performance.now();
    // Figures, not assertions: shared machines are noisy.
    console.log(
      `many-instances: swept ${CONCERNS} concerns in ${((sweptAt - started) / 1000).toFixed(1)} s, delivered ${CONCERNS * perConcern + 1} messages in ${((deliveredAt - deliverStarted) / 1000).toFixed(1)} s (${INSTANCES} processes each)`,
    );
    const keys = deliveredKeys(deliverers);
    expect(new Set(keys).size).toBe(keys.length); // nothing sent twice
    expect(keys).toHaveLength(CONCERNS * perConcern + 1); // nothing lost
    expect(keys.filter((k) => k.startsWith("digest:maria.lopez:"))).toHaveLength(1);
    expect(deliverers.filter((w) => w.lines.length > 0).length).toBeGreaterThan(1);
    expect(await db.prisma.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
    expect(concerns).toHaveLength(CONCERNS);
  }, 180_000);

  it("a delivering instance killed mid-batch: seconds later another delivers all it held, nothing is lost, at most the one in flight is sent twice", async () => {
    const pending = await db.prisma.outboxMessage.count();
    await seed(db, 40, "CR");
    const now = new Date(RAISED.getTime() + 6 * 60_000);
    const sweeper = spawnWorker(url, now, "sweep");
    expect(await sweeper.exited).toBe(0);
    const toSend = (await db.prisma.outboxMessage.count()) - pending;
    expect(toSend).toBe(40 * 5);

    const doomed = spawnWorker(url, now, "deliver", 15);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (deliveredKeys([doomed]).length >= 30) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    doomed.child.kill("SIGKILL");
    await doomed.exited;
    const before = deliveredKeys([doomed]);
    expect(before.length).toBeLessThan(toSend);

    // The dead instance's claims run out a little after one call's deadline (15 s lease), not minutes
    // later: an instance started 16 s after the kill delivers everything the dead one held.
    const restarted = spawnWorker(url, new Date(now.getTime() + 16_000), "deliver");
    expect(await restarted.exited).toBe(0);
    const all = [...before, ...deliveredKeys([restarted])];
    const unique = new Set(all);
    expect(unique.size).toBe(toSend);
    expect(all.length - unique.size).toBeLessThanOrEqual(1);
    expect(await db.prisma.outboxMessage.count({ where: { status: "pending" } })).toBe(0);
  }, 120_000);
});
