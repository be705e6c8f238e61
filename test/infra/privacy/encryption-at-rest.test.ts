import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiaisonContext } from "../../../src/core/index.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { dataCipherOf } from "../../../src/infra/privacy/data-cipher-of.ts";
import { CLEAR_TEXT, createFieldCipher, FieldCipherError } from "../../../src/infra/privacy/field-cipher.ts";
import { resealConcerns } from "../../../src/infra/privacy/reseal-concerns.ts";
import { resealEverything } from "../../../src/infra/privacy/reseal-stored-texts.ts";
import { PrismaLetterStore } from "../../../src/infra/store/prisma-letter-store.ts";
import { PrismaConcernRepository } from "../../../src/infra/store/prisma-concern-repository.ts";
import { PrismaOutboxRepository } from "../../../src/infra/store/prisma-outbox-repository.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { RecordingLogger } from "../../support/recording-logger.ts";
import { SLACK } from "../../support/sample-directory.ts";
import { asConcernId } from "../../../src/core/index.ts";
import { openTestDatabase, STORE_KINDS, type TestDatabase } from "../../support/test-database.ts";

const DESCRIPTION = "Maria Lopez, DOB 03/14/1957, says her call light went unanswered for 40 minutes";
const PATIENT = "E00482913";
const RESOLUTION = "Spoke with Maria Lopez's daughter at 555-201-3344";
/** What people type after the raise: each lands somewhere else (a note, a JSON column, an event). */
const NOTE = "Daughter Ana Lopez is upset about the wait";
const REASON = "Billing question from Mr Lopez about invoice 7781";
const UPDATE = "Told Ana Lopez the pain team is coming";
const COMMENT = "Nobody came for an hour, Lopez family";
const TYPED = ["Lopez", "03/14/1957", "00482913", "555-201-3344", "Ana ", "7781", "pain team", "an hour"];

/** Every row of every table as text: what a dump, a backup or a replica would show. */
async function rawDump(test: TestDatabase): Promise<string> {
  const tables = await test.db.prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename::text AS "name" FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  const lines: string[] = [];
  for (const { name } of tables) {
    const rows = await test.db.prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT row_to_json(t)::text AS "row" FROM "${name}" t`,
    );
    lines.push(...rows.map((r) => `${name} ${r.row}`));
  }
  return lines.join("\n");
}

describe("the field cipher", () => {
  const where = "Concern.description:1";
  it("opens what it sealed, and never seals the same text the same way twice", () => {
    const cipher = createFieldCipher(randomBytes(32));
    const a = cipher.seal(DESCRIPTION, where);
    expect(a).toMatch(/^enc:v1:/);
    expect(a).not.toContain("Lopez");
    expect(cipher.seal(DESCRIPTION, where)).not.toBe(a);
    expect(cipher.open(a, where)).toBe(DESCRIPTION);
  });

  it("refuses a value moved to another row or column, or tampered with", () => {
    const cipher = createFieldCipher(randomBytes(32));
    const sealed = cipher.seal(DESCRIPTION, where);
    expect(() => cipher.open(sealed, "Concern.description:2")).toThrow(FieldCipherError);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith("A") ? "B" : "A") + sealed.slice(-1);
    expect(() => cipher.open(flipped, where)).toThrow(FieldCipherError);
  });

  it("after a rotation, opens values sealed under the previous key and marks them for resealing", () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const before = createFieldCipher(oldKey).seal(DESCRIPTION, where);
    const after = createFieldCipher(newKey, [oldKey]);
    expect(after.open(before, where)).toBe(DESCRIPTION);
    expect(after.needsResealing(before)).toBe(true);
    expect(after.needsResealing(after.seal(DESCRIPTION, where))).toBe(false);
    expect(() => createFieldCipher(newKey).open(before, where)).toThrow(/not configured/);
  });

  it("reads text written before encryption was turned on as it is", () => {
    expect(createFieldCipher(randomBytes(32)).open("Call light ignored", where)).toBe("Call light ignored");
  });
});

describe("the data key setting", () => {
  it("production without a key refuses to start, naming the setting and how to make one", () => {
    expect(() => dataCipherOf({ NODE_ENV: "production" }, new RecordingLogger())).toThrow(
      /LIAISON_DATA_KEY: is not set, and NODE_ENV is production.*openssl rand -base64 32/s,
    );
  });

  it("development without a key runs in clear text and warns loudly", () => {
    const logger = new RecordingLogger();
    expect(dataCipherOf({}, logger)).toBe(CLEAR_TEXT);
    expect(logger.lines.some((e) => e.level === "warn" && /IN CLEAR TEXT/.test(e.message))).toBe(true);
  });

  it("a key as base64 or hex seals", () => {
    const key = randomBytes(32);
    const logger = new RecordingLogger();
    expect(dataCipherOf({ LIAISON_DATA_KEY: key.toString("base64") }, logger).sealing).toBe(true);
    expect(dataCipherOf({ LIAISON_DATA_KEY: key.toString("hex") }, logger).sealing).toBe(true);
  });
});

describe.each(STORE_KINDS)("patients' details at rest on %s", (kind) => {
  let test: TestDatabase;
  let ctx: LiaisonContext;
  const key = randomBytes(32);

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    ctx = {
      ...coreContext("2026-11-24T20:00:00Z").ctx,
      concerns: new PrismaConcernRepository(test.db.prisma, createFieldCipher(key)),
      outbox: new PrismaOutboxRepository(test.db.prisma, createFieldCipher(key)),
    };
  });
  afterAll(async () => {
    await test?.dispose();
  });

  async function raiseAndResolve() {
    const concern = await raiseConcern(
      ctx,
      // The description names the patient on purpose (what sealing must hide), so it is posted anyway.
      {
        ...PAIN_DRAFT,
        description: DESCRIPTION,
        patientReference: PATIENT,
        patientInitials: "M.L.",
        postAnyway: true,
      },
      SLACK.nurse,
    );
    await actOnConcern(ctx, concern.id, { type: "resolve", resolutionNote: RESOLUTION }, SLACK.responder);
    return concern;
  }

  it("a raw read of the concern's row shows none of what was typed; Liaison reads it back whole", async () => {
    const concern = await raiseAndResolve();
    const [row] = await test.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT "description", "patientReference", "patientInitials", "resolutionNote" FROM "Concern" WHERE "id" = $1::uuid`,
      concern.id,
    );
    const raw = JSON.stringify(row);
    for (const typed of ["Lopez", "03/14/1957", "00482913", "555-201-3344"]) expect(raw).not.toContain(typed);
    // Initials are two letters: too short to look for in the sealed text, so sealing itself is checked.
    expect(Object.values(row!).every((v) => String(v).startsWith("enc:v1:"))).toBe(true);
    const read = await ctx.concerns.findById(concern.id);
    expect(read).toMatchObject({
      description: DESCRIPTION,
      patientReference: PATIENT,
      patientInitials: "ML",
      resolutionNote: RESOLUTION,
    });
  });

  it("after a new key is added, rows sealed under the old one still read", async () => {
    const concern = await raiseAndResolve();
    const rotated = new PrismaConcernRepository(test.db.prisma, createFieldCipher(randomBytes(32), [key]));
    expect(await rotated.findById(concern.id)).toMatchObject({
      description: DESCRIPTION,
      patientReference: PATIENT,
    });
  });

  it("the re-encrypt command moves every row to the new key, so the old one can be dropped", async () => {
    const concern = await raiseAndResolve();
    const newKey = randomBytes(32);
    const resealed = await resealConcerns(test.db.prisma, createFieldCipher(newKey, [key]));
    expect(resealed).toBeGreaterThanOrEqual(1);
    expect(await resealConcerns(test.db.prisma, createFieldCipher(newKey, [key]))).toBe(0);
    const newOnly = new PrismaConcernRepository(test.db.prisma, createFieldCipher(newKey));
    expect(await newOnly.findById(concern.id)).toMatchObject({
      description: DESCRIPTION,
      patientReference: PATIENT,
      patientInitials: "ML",
      resolutionNote: RESOLUTION,
      version:
        (await ctx.concerns.findById(concern.id).catch(() => undefined))?.version ?? expect.any(Number),
    });
  });
});

describe.each(STORE_KINDS)("everything typed, wherever it is stored, on %s", (kind) => {
  let test: TestDatabase;
  let ctx: LiaisonContext;
  const key = randomBytes(32);

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    ctx = {
      ...coreContext("2026-11-24T20:00:00Z").ctx,
      concerns: new PrismaConcernRepository(test.db.prisma, createFieldCipher(key)),
      outbox: new PrismaOutboxRepository(test.db.prisma, createFieldCipher(key)),
    };
  });
  afterAll(async () => {
    await test?.dispose();
  });

  /** A concern through its life, with something typed at every step that takes words. */
  async function raiseAndWorkThrough() {
    const concern = await raiseConcern(
      ctx,
      { ...PAIN_DRAFT, description: DESCRIPTION, patientReference: PATIENT, postAnyway: true },
      SLACK.nurse,
    );
    const act = (action: Parameters<typeof actOnConcern>[2]) =>
      actOnConcern(ctx, concern.id, action, SLACK.responder);
    await act({ type: "acknowledge" });
    await act({ type: "add-note", text: NOTE });
    await act({ type: "record-patient-update", method: "phone", note: UPDATE });
    await act({ type: "resolve", resolutionNote: RESOLUTION });
    await act({ type: "record-satisfaction", rating: 2, comment: COMMENT, source: "staff" });
    await act({ type: "reopen", reason: REASON });
    return concern;
  }

  it("a raw dump of the whole database shows nothing that was typed; Liaison reads it all back", async () => {
    const concern = await raiseAndWorkThrough();
    const letters = new PrismaLetterStore(test.db.prisma, createFieldCipher(key));
    const pdf = new TextEncoder().encode(`%PDF-1.7 Dear Maria Lopez, ${RESOLUTION}`);
    const letter = {
      id: crypto.randomUUID(),
      concernId: asConcernId(concern.id),
      kind: "final" as const,
      language: "en" as const,
      fileName: "letter.pdf",
      pdf,
      token: randomBytes(16).toString("hex"),
      createdAt: new Date(),
    };
    await letters.save(letter);

    const dump = await rawDump(test);
    for (const typed of TYPED) expect(dump).not.toContain(typed);
    expect(dump).toContain(concern.reference); // the dump is real: what is not typed is there

    const read = await ctx.concerns.findById(concern.id);
    expect(read?.description).toBe(DESCRIPTION);
    expect(read?.lastPatientUpdate?.note).toBe(UPDATE);
    expect(read?.satisfaction?.comment).toBe(COMMENT);
    const trail = await ctx.concerns.auditTrail(concern.id);
    expect(trail.find((e) => e.type === "note-added")?.detail).toMatchObject({ note: NOTE });
    expect(trail.find((e) => e.type === "reopened")?.detail).toMatchObject({ reason: REASON });
    expect(trail.find((e) => e.type === "resolved")?.detail).toMatchObject({ resolutionNote: RESOLUTION });
    expect(trail.map((e) => e.type)).toEqual(expect.arrayContaining(["created", "acknowledged", "reopened"]));
    const queued = await ctx.outbox.claim(new Date(Date.now() + 86_400_000), 1000, 60_000);
    expect(JSON.stringify(queued.map((m) => m.message))).toContain("Lopez");
    expect(Buffer.from((await letters.byToken(letter.token))!.pdf).toString()).toContain("Maria Lopez");
  });

  it("an event appended on its own keeps its free text apart and sealed too, in its place in the trail", async () => {
    const concern = await raiseAndWorkThrough();
    const at = new Date("2026-11-24T21:00:00Z");
    const actor = { key: "system", displayName: "Liaison", platform: "system" } as const;
    await ctx.concerns.appendAudit([
      { concernId: concern.id, type: "acknowledged", actor, at, detail: { from: "open" } },
      { concernId: concern.id, type: "note-added", actor, at, detail: { from: "open", note: NOTE } },
    ]);
    const trail = await ctx.concerns.auditTrail(concern.id);
    expect(trail.slice(-2).map((e) => [e.type, e.detail])).toEqual([
      ["acknowledged", { from: "open" }],
      ["note-added", { from: "open", note: NOTE }],
    ]);
    const raw = await test.db.prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT row_to_json(t)::text AS "row" FROM "AuditEvent" t WHERE "concernId" = $1::uuid`,
      concern.id,
    );
    expect(raw.map((r) => r.row).join()).not.toContain("Ana Lopez");
  });

  it("the re-encrypt command covers every sealed place: events' texts, outbox payloads and letters too", async () => {
    const concern = await raiseAndWorkThrough();
    const newKey = randomBytes(32);
    const first = await resealEverything(test.db.prisma, createFieldCipher(newKey, [key]));
    expect(first.concerns).toBeGreaterThanOrEqual(1);
    expect(first.auditTexts).toBeGreaterThanOrEqual(5);
    expect(first.outboxMessages).toBeGreaterThanOrEqual(1);
    expect(first.letters).toBeGreaterThanOrEqual(1);
    expect(await resealEverything(test.db.prisma, createFieldCipher(newKey, [key]))).toEqual({
      concerns: 0,
      auditTexts: 0,
      outboxMessages: 0,
      letters: 0,
    });
    const newOnly = new PrismaConcernRepository(test.db.prisma, createFieldCipher(newKey));
    expect((await newOnly.findById(concern.id))?.satisfaction?.comment).toBe(COMMENT);
    const trail = await newOnly.auditTrail(concern.id);
    expect(trail.find((e) => e.type === "patient-updated")?.detail).toMatchObject({ note: UPDATE });
    const outbox = new PrismaOutboxRepository(test.db.prisma, createFieldCipher(newKey));
    expect((await outbox.claim(new Date(Date.now() + 86_400_000), 1000, 60_000)).length).toBeGreaterThan(0);
  });
});
