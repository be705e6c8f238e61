import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Concern,
  type ConcernId,
  DirectoryIndex,
  type LiaisonContext,
  purgePatientDetails,
} from "../../../src/core/index.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { readFileSync } from "node:fs";
import { DirectoryFileError, parseDirectory } from "../../../src/infra/directory/load-directory-file.ts";
import { createFieldCipher } from "../../../src/infra/privacy/field-cipher.ts";
import { purgeReport } from "../../../src/infra/privacy/purge-report.ts";
import { PrismaConcernRepository } from "../../../src/infra/store/prisma-concern-repository.ts";
import { PrismaOutboxRepository } from "../../../src/infra/store/prisma-outbox-repository.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SAMPLE_DIRECTORY_FILE, SLACK } from "../../support/sample-directory.ts";
import { openTestDatabase, STORE_KINDS, type TestDatabase } from "../../support/test-database.ts";

const DAY_MINUTES = 24 * 60;
const NOTE = "Daughter Ana Reyes asked to be called back";
const RESOLUTION = "Apologised to Mrs Reyes; new PRN plan agreed";

describe.each(["in-memory", ...STORE_KINDS] as const)("the retention policy on %s", (kind) => {
  let test: TestDatabase | undefined;
  let ctx: LiaisonContext;
  let core: ReturnType<typeof coreContext>;

  beforeAll(async () => {
    // The sample hospital keeps patients' details 365 days after a concern is resolved.
    core = coreContext("2025-01-10T15:00:00Z");
    ctx = core.ctx;
    if (kind !== "in-memory") {
      test = await openTestDatabase(kind);
      const cipher = createFieldCipher(randomBytes(32));
      ctx = {
        ...ctx,
        concerns: new PrismaConcernRepository(test.db.prisma, cipher),
        outbox: new PrismaOutboxRepository(test.db.prisma, cipher),
      };
    }
  });
  afterAll(async () => {
    await test?.dispose();
  });

  const raise = () =>
    raiseConcern(
      ctx,
      // The description names the patient, so the purge has something to remove: posted anyway.
      {
        ...PAIN_DRAFT,
        description: "Pain 8/10 since 14:00, Mrs Reyes",
        patientInitials: "R.",
        postAnyway: true,
      },
      SLACK.nurse,
    );
  const act = (id: ConcernId, action: Parameters<typeof actOnConcern>[2]) =>
    actOnConcern(ctx, id, action, SLACK.responder);
  async function raiseAndResolve(): Promise<Concern> {
    const concern = await raise();
    await act(concern.id, { type: "add-note", text: NOTE });
    await act(concern.id, { type: "resolve", resolutionNote: RESOLUTION });
    return (await ctx.concerns.findById(concern.id))!;
  }

  /** The stored payloads of a concern's delivered messages, read the way each store keeps them. */
  async function deliveredPayloads(id: ConcernId): Promise<object[]> {
    if (!test) {
      return core.concerns.outboxRows
        .filter((r) => r.concernId === id && r.status === "sent")
        .map((r) => r.message);
    }
    const rows = await test.db.prisma.outboxMessage.findMany({ where: { concernId: id, status: "sent" } });
    return rows.map((r) => (typeof r.payload === "object" ? (r.payload as object) : { sealed: r.payload }));
  }

  it("a year after resolution, only that concern loses what was typed; its shape and trail stay", async () => {
    const old = await raiseAndResolve();
    const stillOpen = await raise();
    core.clock.advanceMinutes(300 * DAY_MINUTES);
    const recent = await raiseAndResolve();
    // Everything queued so far was delivered: those rows stay, as the record of what was said.
    for (const m of await ctx.outbox.claim(core.clock.now(), 1000, 60_000)) {
      await ctx.outbox.markSent(m.id, core.clock.now());
    }
    core.clock.advanceMinutes(66 * DAY_MINUTES);
    const trailBefore = await ctx.concerns.auditTrail(old.id);

    const dryRun = await purgePatientDetails(ctx, { dryRun: true });
    expect(dryRun).toMatchObject({ policy: "retain", retainDays: 365, dryRun: true });
    expect(dryRun.policy === "retain" && dryRun.concerns).toEqual([
      { reference: old.reference, resolvedAt: old.resolvedAt },
    ]);
    expect((await ctx.concerns.findById(old.id))?.description).toBe(old.description);

    const run = await purgePatientDetails(ctx);
    expect(run.policy === "retain" && run.concerns.map((c) => c.reference)).toEqual([old.reference]);

    const purged = (await ctx.concerns.findById(old.id))!;
    expect(purged).toMatchObject({
      status: "resolved",
      category: old.category,
      unit: old.unit,
      room: old.room,
      departmentId: old.departmentId,
      severity: old.severity,
      createdAt: old.createdAt,
      resolvedAt: old.resolvedAt,
      reference: old.reference,
      description: "",
      detailsPurgedAt: core.clock.now(),
    });
    const gone = [
      "patientReference",
      "patientInitials",
      "resolutionNote",
      "familyContact",
      "repeatKey",
    ] as const;
    for (const field of gone) expect(purged[field]).toBeUndefined();

    const trail = await ctx.concerns.auditTrail(old.id);
    expect(trail.map((e) => e.type)).toEqual([...trailBefore.map((e) => e.type), "patient-details-purged"]);
    expect(trail.find((e) => e.type === "note-added")?.detail).not.toHaveProperty("note");
    expect(trail.find((e) => e.type === "resolved")?.detail).toEqual({ from: "open" });
    expect(trail.at(-1)?.detail).toEqual({ retainDays: 365, detailsRemoved: 5, eventTextsRemoved: 2 });
    expect(JSON.stringify(trail)).not.toMatch(/Reyes|PRN plan/);

    for (const kept of [recent.id, stillOpen.id]) {
      const concern = (await ctx.concerns.findById(kept))!;
      expect(concern.description).toBe(old.description);
      expect(concern.patientReference).toBe(PAIN_DRAFT.patientReference);
      expect(concern.detailsPurgedAt).toBeUndefined();
    }
    const recentTrail = await ctx.concerns.auditTrail(recent.id);
    expect(recentTrail.find((e) => e.type === "note-added")?.detail).toMatchObject({ note: NOTE });

    const delivered = await deliveredPayloads(old.id);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((p) => "purged" in p)).toBe(true);
    expect((await deliveredPayloads(recent.id)).some((p) => "purged" in p)).toBe(false);

    const card = channelCardView(core.directory, purged, core.clock.now());
    expect(card.description).toBe(
      `Patient details removed on ${core.clock.now().toISOString().slice(0, 10)} (retention policy)`,
    );

    const again = await purgePatientDetails(ctx);
    expect(again.policy === "retain" && again.concerns).toEqual([]);
  });

  it.skipIf(kind === "in-memory")(
    "after a purge the audit trail still refuses UPDATE and DELETE",
    async () => {
      const prisma = test!.db.prisma;
      const events = await prisma.auditEvent.count();
      expect(await prisma.auditEvent.count({ where: { type: "patient-details-purged" } })).toBeGreaterThan(0);
      await expect(prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorName" = 'x'`)).rejects.toThrow();
      await expect(prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow();
      expect(await prisma.auditEvent.count()).toBe(events);
    },
  );

  it("a hospital that sets no retention keeps every detail", async () => {
    const { hospital, ...rest } = core.directory.directory;
    const { retainPatientDetailsDays: _kept, ...forever } = hospital;
    const keepForever = new DirectoryIndex({ ...rest, hospital: forever });
    const resolved = await raiseAndResolve();
    core.clock.advanceMinutes(3650 * DAY_MINUTES);
    expect(await purgePatientDetails({ ...ctx, directory: () => keepForever })).toEqual({
      policy: "keep-forever",
    });
    expect((await ctx.concerns.findById(resolved.id))?.description).toBe(resolved.description);
  });
});

describe("the retention setting", () => {
  const SAMPLE = readFileSync(SAMPLE_DIRECTORY_FILE, "utf8");
  const LINE = "  retainPatientDetailsDays: 365\n";
  const withSetting = (value: string) =>
    SAMPLE.replace(LINE, value ? `  retainPatientDetailsDays: ${value}\n` : "");
  function problemsOf(text: string): readonly string[] {
    try {
      parseDirectory(text, "directory.yaml");
    } catch (error) {
      if (error instanceof DirectoryFileError) return error.problems;
      throw error;
    }
    return [];
  }

  it("the sample keeps details a year; left out, they are kept forever", () => {
    expect(SAMPLE).toContain(LINE);
    expect(parseDirectory(SAMPLE, "x.yaml").directory.hospital.retainPatientDetailsDays).toBe(365);
    expect(parseDirectory(withSetting(""), "x.yaml").directory.hospital).not.toHaveProperty(
      "retainPatientDetailsDays",
    );
  });

  it("a value that is not a whole number of days of at least one is refused, saying what to write", () => {
    expect(problemsOf(withSetting("0"))).toEqual([
      expect.stringMatching(/hospital\.retainPatientDetailsDays .*expected at least 1 day \(leave it out/),
    ]);
    expect(problemsOf(withSetting("30.5"))).toEqual([
      expect.stringMatching(/expected a whole number of days/),
    ]);
    expect(problemsOf(withSetting('"a year"'))).toEqual([
      expect.stringMatching(/expected a number of days, like 365/),
    ]);
  });
});

describe("what npm run privacy:purge prints", () => {
  it("the policy, the cut-off day and each concern with the day it was resolved, in the hospital's zone", () => {
    const report = purgeReport(
      {
        policy: "retain",
        retainDays: 365,
        resolvedBefore: new Date("2025-12-03T03:15:00Z"),
        dryRun: true,
        concerns: [{ reference: "PR-2024-00012", resolvedAt: new Date("2024-11-30T02:00:00Z") }],
      },
      "America/Chicago",
    );
    expect(report).toBe(
      [
        "privacy:purge: retainPatientDetailsDays 365; concerns resolved before 2025-12-02: 1 would be purged (dry run: nothing was changed)",
        "  PR-2024-00012  resolved 2024-11-29",
      ].join("\n"),
    );
    expect(purgeReport({ policy: "keep-forever" }, "UTC")).toMatch(/kept forever; nothing to purge/);
  });
});
