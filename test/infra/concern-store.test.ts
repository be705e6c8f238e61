import type { AuditEvent } from "../../src/core/messaging/audit-event.ts";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createFieldCipher } from "../../src/infra/privacy/field-cipher.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnConcern } from "../../src/core/use-cases/act-on-concern.ts";
import type { LiaisonContext } from "../../src/core/use-cases/liaison-context.ts";
import { raiseConcern } from "../../src/core/use-cases/raise-concern.ts";
import { sweepDueConcerns } from "../../src/core/use-cases/sweep-due-concerns.ts";
import { asDepartmentId, asPersonId, type ConcernId } from "../../src/core/ids.ts";
import type { DutyAssignment } from "../../src/core/duty/duty-roster.ts";
import type { DutyRepository } from "../../src/core/ports/duty-repository.port.ts";
import { PrismaDutyRepository } from "../../src/infra/store/prisma-duty-repository.ts";
import { InMemoryDutyRepository } from "../support/in-memory-duty-repository.ts";
import { MIGRATIONS_DIR, readMigrations } from "../../src/infra/store/apply-migrations.ts";
import { openDatabase } from "../../src/infra/store/open-database.ts";
import { PrismaConcernRepository } from "../../src/infra/store/prisma-concern-repository.ts";
import { PrismaOutboxRepository } from "../../src/infra/store/prisma-outbox-repository.ts";
import type { ConcernRepository } from "../../src/core/ports/concern-repository.port.ts";
import type { OutboxRepository } from "../../src/core/ports/outbox-repository.port.ts";
import { coreContext, PAIN_DRAFT } from "../support/core-context.ts";
import { raiseFamilyConcern } from "../../src/core/family/family-concern.ts";
import { familyDirectory } from "../support/family-directory.ts";
import { InMemoryConcernRepository } from "../support/in-memory-concern-repository.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { SLACK } from "../support/sample-directory.ts";
import {
  createPostgresDatabase,
  openTestDatabase,
  STORE_KINDS,
  type StoreKind,
  type TestDatabase,
} from "../support/test-database.ts";

/** The stores every core test and every deployment runs on: the in-memory one must behave the same. */
type ContractKind = StoreKind | "in-memory";
const CONTRACT_KINDS: ContractKind[] = ["in-memory", ...STORE_KINDS];

async function storeUnderTest(
  kind: ContractKind,
): Promise<{ concerns: ConcernRepository; outbox: OutboxRepository; dispose: () => Promise<void> }> {
  if (kind === "in-memory") {
    const store = new InMemoryConcernRepository();
    return { concerns: store, outbox: store, dispose: async () => undefined };
  }
  const test = await openTestDatabase(kind);
  return {
    // Sealed at rest, as a hospital runs it: every contract below holds through the cipher.
    concerns: new PrismaConcernRepository(test.db.prisma, createFieldCipher(randomBytes(32))),
    outbox: new PrismaOutboxRepository(test.db.prisma),
    dispose: () => test.dispose(),
  };
}

describe.each(CONTRACT_KINDS)("the concern store contract on %s", (kind) => {
  let store: Awaited<ReturnType<typeof storeUnderTest>>;
  let ctx: LiaisonContext;
  let repo: ConcernRepository;
  let clock: ReturnType<typeof coreContext>["clock"];

  beforeAll(async () => {
    store = await storeUnderTest(kind);
    repo = store.concerns;
    const core = coreContext("2026-11-24T20:00:00Z");
    clock = core.clock;
    ctx = { ...core.ctx, concerns: repo, outbox: store.outbox };
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("a raised concern reads back exactly as it was stored, by id and by reference", async () => {
    const concern = await raiseConcern(ctx, { ...PAIN_DRAFT, category: "patient-rights" }, SLACK.nurse);
    expect(await repo.findById(concern.id)).toEqual(concern);
    expect(await repo.findByReference(concern.reference.toLowerCase())).toEqual(concern);
    expect(await repo.findByReference("PR-1999-00001")).toBeUndefined();
  });

  it("a patient's satisfaction and the survey link sent for it read back as they were stored", async () => {
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    await actOnConcern(
      ctx,
      concern.id,
      { type: "resolve", resolutionNote: "Plan changed." },
      SLACK.responder,
    );
    await actOnConcern(ctx, concern.id, { type: "send-survey-link" }, SLACK.responder);
    const rating = {
      type: "record-satisfaction",
      rating: 2,
      comment: "Slow.",
      source: "staff",
      askedHow: "phone",
    } as const;
    await actOnConcern(ctx, concern.id, rating, SLACK.responder);
    const stored = await repo.findById(concern.id);
    expect(stored?.surveyInvitation).toEqual({
      id: expect.any(String),
      expiresAt: new Date(clock.now().getTime() + 14 * 86_400_000),
      by: expect.objectContaining({ displayName: "Sam Rivera" }),
      at: clock.now(),
    });
    expect(stored?.satisfaction).toEqual({
      rating: 2,
      comment: "Slow.",
      source: "staff",
      askedHow: "phone",
      by: expect.objectContaining({ displayName: "Sam Rivera" }),
      at: clock.now(),
    });
  });

  it("a concern a family sent from the room's code reads back with its flag, their contact and its trail", async () => {
    const directory = familyDirectory();
    const concern = await raiseFamilyConcern(
      { ...ctx, directory: () => directory },
      {
        unit: "4w",
        room: "412",
        form: { description: "Nobody has come.", contact: "Ana 312 555 0101" },
        language: "en",
        keyId: "k1",
        from: "address:hash",
      },
    );
    expect(await repo.findById(concern.id)).toEqual(concern);
    expect(concern).toMatchObject({ grievanceCandidate: true, familyContact: "Ana 312 555 0101" });
    const sent = (await repo.auditTrail(concern.id)).find((e) => e.type === "family-page-sent");
    expect(sent?.detail).toEqual({ keyId: "k1", language: "en", contactLeft: true, from: "address:hash" });
  });

  it("references stay unique when twenty concerns are raised at once", async () => {
    const numbers = await Promise.all(Array.from({ length: 20 }, () => repo.nextSequence(2031)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("an update from a stale version is refused and leaves no audit event behind", async () => {
    // A room of its own, so no earlier concern here is linked to it as a repeat.
    const concern = await raiseConcern(ctx, { ...PAIN_DRAFT, room: "R-stale" }, SLACK.nurse);
    const next = { ...concern, status: "acknowledged" as const, version: 2 };
    const event: AuditEvent = {
      concernId: concern.id,
      type: "acknowledged",
      actor: concern.reporter,
      at: clock.now(),
      detail: { from: "open" },
    };
    expect(await repo.update({ concern: next, events: [event], messages: [] }, 1)).toBe(true);
    expect(await repo.update({ concern: { ...next, version: 3 }, events: [event], messages: [] }, 1)).toBe(
      false,
    );
    expect((await repo.auditTrail(concern.id)).map((e) => e.type)).toEqual([
      "created",
      "routed",
      "acknowledged",
    ]);
  });

  it("a patient update, its clock and its reminder read back as stored, through the sweep's batch write too", async () => {
    const concern = await raiseConcern(ctx, { ...PAIN_DRAFT, severity: "moderate" }, SLACK.nurse);
    await actOnConcern(ctx, concern.id, { type: "acknowledge" }, SLACK.responder);
    clock.advanceMinutes(150); // the update was due after 2 h; the reminder and the escalation are due
    await sweepDueConcerns(ctx);
    const swept = (await repo.findById(concern.id))!;
    expect(swept.escalation.patientUpdateRemindedAt).toEqual(clock.now());
    expect(swept.escalation.patientUpdateEscalatedAt).toEqual(clock.now());
    const update = {
      type: "record-patient-update",
      method: "in-person",
      note: "Explained the new plan.",
    } as const;
    const outcome = await actOnConcern(ctx, concern.id, update, SLACK.responder);
    const stored = (await repo.findById(concern.id))!;
    expect(outcome.kind === "changed" && outcome.concern).toEqual(stored);
    expect(stored.lastPatientUpdate).toEqual({
      at: clock.now(),
      by: expect.objectContaining({ key: "person:sam.rivera" }),
      method: "in-person",
      note: "Explained the new plan.",
    });
    expect(stored.escalation.patientUpdateRemindedAt).toBeUndefined();
    expect((await repo.auditTrail(concern.id)).map((e) => e.type)).toEqual(
      expect.arrayContaining(["patient-update-reminder", "patient-update-escalated", "patient-updated"]),
    );
  });

  it("two responders acknowledging at once: one wins, one is told who did", async () => {
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const outcomes = await Promise.all([
      actOnConcern(ctx, concern.id, { type: "acknowledge" }, SLACK.responder),
      actOnConcern(ctx, concern.id, { type: "acknowledge" }, SLACK.head),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["already-done", "changed"]);
    const trail = await repo.auditTrail(concern.id);
    expect(trail.filter((e) => e.type === "acknowledged")).toHaveLength(1);
    // One write: the version as raised (linked to this patient's earlier concerns), plus one.
    expect((await repo.findById(concern.id))!.version).toBe(concern.version + 1);
  });

  it("a float nurse let in by the unit's Slack group is recorded as such in the trail", async () => {
    ctx.groups.keep({
      platform: "slack",
      groupId: "S04WNURSES1",
      label: "@4w-nurses",
      members: [{ userId: "U04DANAPRK1", displayName: "Dana Park" }],
      fetchedAt: clock.now(),
    });
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const dana = { platform: "slack", userId: "U04DANAPRK1", displayName: "dpark" } as const;
    await actOnConcern(ctx, concern.id, { type: "acknowledge" }, dana);
    const trail = await repo.auditTrail(concern.id);
    expect(trail.find((e) => e.type === "acknowledged")?.actor).toEqual({
      key: "slack:U04DANAPRK1",
      displayName: "Dana Park",
      platform: "slack",
      authorizedBy: "member of @4w-nurses (Slack user group)",
    });
    // Everyone else's events carry no such note.
    expect(trail.find((e) => e.type === "created")?.actor).not.toHaveProperty("authorizedBy");
  });

  it("a burst of 1,000 raises at once: each is either saved, or refused as busy before it was acknowledged", async () => {
    const acknowledged = new Set<number>();
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        raiseConcern(ctx, { ...PAIN_DRAFT, room: `B${i}` }, SLACK.nurse, async () => {
          acknowledged.add(i);
        }).then(
          (concern) => ({ i, saved: concern.id }),
          (error: Error) => ({ i, refused: error.name }),
        ),
      ),
    );
    const saved = outcomes.filter((o) => "saved" in o);
    const refused = outcomes.filter((o) => "refused" in o);
    expect(new Set(refused.map((o) => (o as { refused: string }).refused))).toEqual(
      new Set(refused.length > 0 ? ["LiaisonBusyError"] : []),
    );
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.every((o) => acknowledged.has(o.i))).toBe(true);
    expect(refused.some((o) => acknowledged.has(o.i))).toBe(false);
    for (const o of saved) expect(await repo.findById((o as { saved: ConcernId }).saved)).toBeDefined();
  });

  it("the sweep escalates an overdue critical concern once, with its events and messages, and keeps its card", async () => {
    const concern = await raiseConcern(
      ctx,
      { ...PAIN_DRAFT, severity: "critical", room: "R-sweep" },
      SLACK.nurse,
    );
    const card = {
      platform: "slack" as const,
      departmentId: concern.departmentId,
      channelId: "C04NURS4W01",
      messageId: "1732478400.000200",
      state: "active" as const,
    };
    await repo.saveCard(concern.id, card);
    const pendingBefore = (await store.outbox.stats()).pending;
    const sweepAt = (minutes: number) => ({
      ...ctx,
      clock: { now: () => new Date(concern.createdAt.getTime() + minutes * 60_000) },
    });
    expect(await sweepDueConcerns(sweepAt(6))).toBeGreaterThanOrEqual(1);
    expect(await sweepDueConcerns(sweepAt(6))).toBe(0);

    const swept = (await repo.findById(concern.id))!;
    expect(swept).toMatchObject({ version: 2, escalation: { level: 1, stepsFired: 1 }, cards: [card] });
    expect(swept.nextDueAt!.getTime()).toBeGreaterThan(concern.createdAt.getTime() + 6 * 60_000);
    const trail = await repo.auditTrail(concern.id);
    expect(trail.map((e) => e.type)).toEqual(["created", "routed", "escalated"]);
    expect(trail[2]!.detail).toMatchObject({ reason: "overdue" });
    expect((await store.outbox.stats()).pending).toBeGreaterThan(pendingBefore);
  });

  it("finds a patient's earlier concerns in the unit and room by their repeat key since a date, oldest first", async () => {
    const draft = { ...PAIN_DRAFT, room: "R-repeat", patientReference: "E2031REPEAT" };
    const first = await raiseConcern(ctx, draft, SLACK.nurse);
    clock.advanceMinutes(60);
    const second = await raiseConcern(ctx, { ...draft, patientReference: "e2031repeat" }, SLACK.nurse);
    expect(second.repeatOf).toEqual([
      { id: first.id, reference: first.reference, raisedAt: first.createdAt },
    ]);
    // Both ends of the link read back as they were written.
    expect(await repo.findById(second.id)).toEqual(second);
    expect((await repo.findById(first.id))!.repeatedBy).toEqual([
      { id: second.id, reference: second.reference, raisedAt: second.createdAt },
    ]);
    const key = first.repeatKey!;
    expect((await repo.findRepeats(key, first.createdAt, 10)).map((c) => c.id)).toEqual([
      first.id,
      second.id,
    ]);
    expect(
      (await repo.findRepeats(key, new Date(first.createdAt.getTime() + 1), 10)).map((c) => c.id),
    ).toEqual([second.id]);
    expect(await repo.findRepeats(key, first.createdAt, 1)).toHaveLength(1);
    expect(await repo.findRepeats("0".repeat(64), first.createdAt, 10)).toEqual([]);
  });

  it("writes several concerns together or not at all: one stale version and nothing is written", async () => {
    const a = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const b = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const noted = (c: typeof a): AuditEvent => ({
      concernId: c.id,
      type: "note-added",
      actor: c.reporter,
      at: clock.now(),
      detail: { from: "open", note: "together" },
    });
    const change = (c: typeof a) => ({
      concern: { ...c, version: c.version + 1 },
      events: [noted(c)],
      messages: [],
    });
    const current = async (c: typeof a) => (await repo.findById(c.id))!;
    const [aNow, bNow] = [await current(a), await current(b)];
    const stale = { change: change(bNow), expectedVersion: bNow.version - 1 };
    expect(
      await repo.writeTogether({ updates: [{ change: change(aNow), expectedVersion: aNow.version }, stale] }),
    ).toBe(false);
    expect((await current(a)).version).toBe(aNow.version);
    expect((await repo.auditTrail(a.id)).some((e) => e.type === "note-added")).toBe(false);
    const both = [aNow, bNow].map((c) => ({ change: change(c), expectedVersion: c.version }));
    expect(await repo.writeTogether({ updates: both })).toBe(true);
    expect((await current(b)).version).toBe(bNow.version + 1);
    expect((await repo.auditTrail(b.id)).filter((e) => e.type === "note-added")).toHaveLength(1);
  });

  it("two people merging a pair in opposite directions at once: exactly one merge, no deadlock", async () => {
    const draft = { ...PAIN_DRAFT, room: "R-race", patientReference: "E2031RACE" };
    const first = await raiseConcern(ctx, draft, SLACK.nurse);
    const second = await raiseConcern(ctx, draft, SLACK.nurse);
    const liaison = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
    const results = await Promise.allSettled([
      actOnConcern(ctx, second.id, { type: "merge", into: first.id }, liaison),
      actOnConcern(ctx, first.id, { type: "merge", into: second.id }, SLACK.head),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/already merged|was merged|merged into/);
    const pair = [(await repo.findById(first.id))!, (await repo.findById(second.id))!];
    expect(pair.filter((c) => c.mergedInto)).toHaveLength(1);
  });

  it("a merge is stored on both concerns and reads back: one closed with where it went, one with what came in", async () => {
    const draft = { ...PAIN_DRAFT, room: "R-merge", patientReference: "E2031MERGE" };
    const first = await raiseConcern(ctx, draft, SLACK.nurse);
    const second = await raiseConcern(ctx, draft, SLACK.nurse);
    const liaison = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
    await actOnConcern(ctx, second.id, { type: "merge", into: first.id, reason: "Same request." }, liaison);
    const merged = (await repo.findById(second.id))!;
    const survivor = (await repo.findById(first.id))!;
    expect(merged).toMatchObject({
      status: "resolved",
      nextDueAt: undefined,
      mergedInto: { concern: { id: first.id, reference: first.reference }, reason: "Same request." },
    });
    expect(merged.mergedInto!.at).toBeInstanceOf(Date);
    expect(survivor.mergedFrom).toEqual([
      {
        ...merged.mergedInto!,
        concern: { id: second.id, reference: second.reference, raisedAt: second.createdAt },
      },
    ]);
    expect((await repo.auditTrail(second.id)).at(-1)!.type).toBe("merged-into");
    expect((await repo.auditTrail(first.id)).at(-1)!.type).toBe("merged-from");
  });

  it("lists a department's open concerns oldest first, and a person's own", async () => {
    const dept = asDepartmentId("patient-financial-services");
    clock.advanceMinutes(1);
    const first = await raiseConcern(ctx, { ...PAIN_DRAFT, category: "billing" }, SLACK.nurse);
    clock.advanceMinutes(1);
    const second = await raiseConcern(ctx, { ...PAIN_DRAFT, category: "billing" }, SLACK.nurse);
    clock.advanceMinutes(1);
    const done = await raiseConcern(ctx, { ...PAIN_DRAFT, category: "billing" }, SLACK.nurse);
    await actOnConcern(ctx, done.id, { type: "resolve" }, SLACK.billingResponder);
    expect((await repo.listOpenByDepartment(dept, 10)).map((c) => c.reference)).toEqual([
      first.reference,
      second.reference,
    ]);
    await actOnConcern(ctx, first.id, { type: "acknowledge" }, SLACK.billingResponder);
    const mine = await repo.listOpenInvolving("person:ben.adler", 10);
    expect(mine.map((c) => c.reference)).toEqual([first.reference]);
  });

  it("remembers where each card lives, one per platform and department", async () => {
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const card = {
      platform: "slack" as const,
      departmentId: concern.departmentId,
      channelId: "C04NURS4W01",
      messageId: "1732478400.000100",
      state: "active" as const,
    };
    await repo.saveCard(concern.id, card);
    await repo.saveCard(concern.id, { ...card, state: "moved" });
    expect((await repo.findById(concern.id))!.cards).toEqual([{ ...card, state: "moved" }]);
  });
});

describe.each(STORE_KINDS)("the concern tables on %s", (kind) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    const repo = new PrismaConcernRepository(test.db.prisma);
    const core = coreContext("2026-11-24T20:00:00Z");
    // One concern, so the append-only rules have rows to refuse changing.
    await raiseConcern(
      { ...core.ctx, concerns: repo, outbox: new PrismaOutboxRepository(test.db.prisma) },
      PAIN_DRAFT,
      SLACK.nurse,
    );
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it("the audit trail cannot be edited or deleted, even with raw SQL", async () => {
    const count = () => test.db.prisma.auditEvent.count();
    const before = await count();
    // PGlite's adapter drops the server's message, so the words are checked on PostgreSQL only.
    const refusal =
      kind === "postgresql" ? /append-only: (UPDATE|DELETE) is not allowed/ : /Raw query failed/;
    await expect(
      test.db.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorName" = 'x'`),
    ).rejects.toThrow(refusal);
    await expect(test.db.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(refusal);
    expect(await count()).toBe(before);
    expect(await test.db.prisma.auditEvent.count({ where: { actorName: "x" } })).toBe(0);
  });

  it("has the indexes the sweep and the department lists use", async () => {
    const rows = await test.db.prisma.$queryRaw<{ indexname: string }[]>`
      SELECT indexname::text AS indexname FROM pg_indexes WHERE tablename = 'Concern'`;
    expect(rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining([
        "Concern_nextDueAt_idx",
        "Concern_departmentId_status_createdAt_idx",
        "Concern_repeatKey_createdAt_idx",
      ]),
    );
  });

  it("records migrations as Prisma does, with the file's sha256, so `prisma migrate deploy` agrees", async () => {
    const rows = await test.db.prisma.$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    const first = rows[0]!;
    const sql = readFileSync(path.join(MIGRATIONS_DIR, first.migration_name, "migration.sql"));
    expect(first.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
  });
});

describe("applying migrations", () => {
  const applied = (logger: RecordingLogger) =>
    logger.lines.filter((l) => l.message === "migration applied").length;

  it("a restart of the embedded store applies nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "liaison-restart-"));
    try {
      const first = new RecordingLogger();
      await (await openDatabase({ dataDir: dir, logger: first })).close();
      const second = new RecordingLogger();
      await (await openDatabase({ dataDir: dir, logger: second })).close();
      expect(applied(first)).toBe(readMigrations().length);
      expect(applied(second)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a second Liaison on the same embedded folder is refused, and told to use PostgreSQL", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "liaison-lock-"));
    const first = await openDatabase({ dataDir: dir, logger: new RecordingLogger() });
    try {
      // The lock is per process; pretend another live process (our parent) holds it.
      writeFileSync(path.join(dir, "pglite.lock"), String(process.ppid));
      await expect(openDatabase({ dataDir: dir, logger: new RecordingLogger() })).rejects.toThrow(
        /Another Liaison \(process \d+\) is using the embedded database .* set DATABASE_URL to a PostgreSQL server/,
      );
    } finally {
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("three instances starting together on one fresh PostgreSQL apply each migration once", async () => {
    const { url, drop } = await createPostgresDatabase();
    try {
      const loggers = [new RecordingLogger(), new RecordingLogger(), new RecordingLogger()];
      const dbs = await Promise.all(
        loggers.map((logger) => openDatabase({ databaseUrl: url, dataDir: "-", logger })),
      );
      await Promise.all(dbs.map((db) => db.close()));
      expect(loggers.map(applied).reduce((a, b) => a + b)).toBe(readMigrations().length);
    } finally {
      await drop();
    }
  });
});

async function dutiesUnderTest(
  kind: ContractKind,
): Promise<{ duties: DutyRepository; dispose: () => Promise<void> }> {
  if (kind === "in-memory") return { duties: new InMemoryDutyRepository(), dispose: async () => undefined };
  const test = await openTestDatabase(kind);
  return { duties: new PrismaDutyRepository(test.db.prisma), dispose: () => test.dispose() };
}

describe.each(CONTRACT_KINDS)("the duty store contract on %s", (kind) => {
  let store: Awaited<ReturnType<typeof dutiesUnderTest>>;
  beforeAll(async () => {
    store = await dutiesUnderTest(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const SEVEN_PM = new Date("2026-11-25T01:00:00Z");
  const charge = (person: string, unit: string, takenAt: string, endsAt = SEVEN_PM): DutyAssignment => ({
    dutyId: "charge-nurse",
    placeId: unit,
    personId: asPersonId(person),
    personName: person,
    takenByKey: `person:${person}`,
    takenByName: person,
    takenAt: new Date(takenAt),
    endsAt,
  });

  it("a duty taken reads back; handing it over replaces the holder; it is gone at the shift change", async () => {
    const { duties } = store;
    await duties.take(charge("sam.rivera", "4w", "2026-11-24T20:00:00Z"));
    await duties.take(charge("ben.adler", "5e", "2026-11-24T20:05:00Z"));
    await duties.take({
      ...charge("lee.chen", "4w", "2026-11-24T20:30:00Z"),
      takenByKey: "person:sam.rivera",
    });
    const now = new Date("2026-11-24T21:00:00Z");
    expect(await duties.current(now)).toEqual([
      { ...charge("lee.chen", "4w", "2026-11-24T20:30:00Z"), takenByKey: "person:sam.rivera" },
      charge("ben.adler", "5e", "2026-11-24T20:05:00Z"),
    ]);
    expect(await duties.current(SEVEN_PM)).toEqual([]);
  });
});
