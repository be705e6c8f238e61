import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../../src/core/messaging/audit-event.ts";
import type { ConcernRepository } from "../../../src/core/ports/concern-repository.port.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { exportAuditTrail } from "../../../src/core/use-cases/export-audit-trail.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { createFieldCipher } from "../../../src/infra/privacy/field-cipher.ts";
import { openDatabase } from "../../../src/infra/store/open-database.ts";
import { PrismaConcernRepository } from "../../../src/infra/store/prisma-concern-repository.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { InMemoryConcernRepository } from "../../support/in-memory-concern-repository.ts";
import { RecordingLogger } from "../../support/recording-logger.ts";
import { SLACK } from "../../support/sample-directory.ts";
import { openTestDatabase, STORE_KINDS, type StoreKind } from "../../support/test-database.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const run = promisify(execFile);
const FROM = new Date("2026-01-01T06:00:00Z");
const TO = new Date("2026-04-01T04:59:59.999Z");
const SYSTEM = { key: "system", displayName: "Liaison", platform: "system" } as const;

/** A hospital-level event (a digest sent) at a given moment. */
const digestAt = (at: string): AuditEvent => ({
  type: "digest-sent",
  actor: SYSTEM,
  at: new Date(at),
  detail: {
    message: "digest",
    platform: "slack",
    key: `digest-${at}`,
    attempt: 1,
    person: "sam-rivera" as never,
    slot: "08:00",
  },
});

type ContractKind = StoreKind | "in-memory";

async function storeOf(
  kind: ContractKind,
): Promise<{ repo: ConcernRepository; dispose: () => Promise<void> }> {
  if (kind === "in-memory") return { repo: new InMemoryConcernRepository(), dispose: async () => undefined };
  const test = await openTestDatabase(kind);
  return {
    repo: new PrismaConcernRepository(test.db.prisma, createFieldCipher(randomBytes(32))),
    dispose: test.dispose,
  };
}

describe.each<ContractKind>(["in-memory", ...STORE_KINDS])("reading the trail by time on %s", (kind) => {
  let store: Awaited<ReturnType<typeof storeOf>>;
  beforeAll(async () => {
    store = await storeOf(kind);
  });
  afterAll(() => store.dispose());

  it("returns the events from the first to the last moment, both included, in pages, none outside them", async () => {
    await store.repo.appendAudit(
      [
        "2026-01-01T05:59:59.999Z",
        "2026-01-01T06:00:00.000Z",
        "2026-02-10T12:00:00Z",
        "2026-04-01T04:59:59.999Z",
        "2026-04-01T05:00:00Z",
      ].map(digestAt),
    );
    const core = coreContext("2026-03-02T15:00:00Z");
    const ctx = { ...core.ctx, concerns: store.repo };
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    core.clock.advanceMinutes(5);
    await actOnConcern(ctx, concern.id, { type: "add-note", text: "Son called at 09:05." }, SLACK.responder);

    const seen: AuditEvent[] = [];
    let pages = 0;
    for (let cursor: string | undefined, first = true; first || cursor; first = false, pages++) {
      const page = await store.repo.auditEventsBetween(FROM, TO, 2, cursor);
      seen.push(...page.events);
      cursor = page.next;
    }
    const trail = await store.repo.auditTrail(concern.id);
    expect(seen.filter((e) => e.type === "digest-sent").map((e) => e.at.toISOString())).toEqual([
      "2026-01-01T06:00:00.000Z",
      "2026-02-10T12:00:00.000Z",
      "2026-04-01T04:59:59.999Z",
    ]);
    expect(seen.filter((e) => e.concernId === concern.id)).toEqual(trail);
    expect(trail.find((e) => e.type === "note-added")?.detail).toMatchObject({
      note: "Son called at 09:05.",
    });
    expect(pages).toBeGreaterThan(Math.floor(seen.length / 2));
  });

  it("the export reads back through the store: its count is the store's, and it records itself", async () => {
    const core = coreContext("2026-04-02T15:00:00Z");
    const exported = await exportAuditTrail(
      { ...core.ctx, concerns: store.repo },
      { from: "2026-01-01", to: "2026-03-31", format: "json", by: SYSTEM, via: "command-line" },
    );
    const all = (await store.repo.auditEventsBetween(FROM, TO, 1000)).events;
    expect(exported.eventCount).toBe(all.length);
    expect(exported.concerns).toHaveLength(1);
    const recorded = await store.repo.auditEventsBetween(
      new Date("2026-04-02T00:00:00Z"),
      new Date("2026-04-03T00:00:00Z"),
      10,
    );
    expect(recorded.events.map((e) => e.type)).toEqual(["audit-exported"]);
  });
});

describe("npm run audit:export on the embedded store", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "liaison-export-"));
  const key = randomBytes(32).toString("base64");
  const env = {
    ...process.env,
    DATABASE_URL: "",
    LIAISON_DATA_DIR: dataDir,
    LIAISON_DATA_KEY: key,
    LOG_LEVEL: "warn",
  };
  const exportCli = (...args: string[]) =>
    run(process.execPath, ["--import", "tsx", "scripts/audit-export.ts", ...args], { cwd: ROOT, env });

  beforeAll(async () => {
    const db = await openDatabase({ dataDir, logger: new RecordingLogger() });
    const core = coreContext("2026-03-14T19:07:00Z");
    const ctx = {
      ...core.ctx,
      concerns: new PrismaConcernRepository(db.prisma, createFieldCipher(Buffer.from(key, "base64"))),
    };
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    await actOnConcern(
      ctx,
      concern.id,
      { type: "add-note", text: "=1+1 said the son, twice" },
      SLACK.responder,
    );
    await db.close();
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("writes the CSV to standard output with the notes opened, guarded, and records the export", async () => {
    const { stdout } = await exportCli("--from", "2026-03-01", "--to", "2026-03-31", "--out", "-");
    const lines = stdout.split("\r\n");
    expect(lines[0]).toMatch(/^"?CONFIDENTIAL: contains patient information/);
    expect(lines.filter((l) => l.startsWith("PR-2026-00001,")).map((l) => l.split(",")[2])).toEqual([
      "created",
      "routed",
      "note-added",
    ]);
    expect(stdout).toContain("note: =1+1 said the son");

    const out = path.join(dataDir, "q1.json");
    // The first export was recorded at the machine's own time: a range to 2099 takes it in.
    const { stderr } = await exportCli(
      "--from",
      "2026-03-01",
      "--to",
      "2099-12-31",
      "--format",
      "json",
      "--out",
      out,
    );
    expect(stderr).toMatch(/events of 1 concerns written to .*q1\.json \(it holds patient information\)/);
    const document = JSON.parse(readFileSync(out, "utf8")) as {
      hospitalEvents: { type: string; detail: unknown }[];
    };
    expect(document.hospitalEvents).toMatchObject([
      {
        type: "audit-exported",
        detail: { from: "2026-03-01", to: "2026-03-31", format: "csv", concerns: 1 },
      },
    ]);
  }, 60_000);

  it("a bad argument is refused, naming it and what it expects", async () => {
    await expect(exportCli("--from", "2026-13-01", "--to", "2026-03-31")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('audit:export: --from "2026-13-01" is not a date: expected YYYY-MM-DD'),
    });
    await expect(
      exportCli("--from", "2026-01-01", "--to", "2026-03-31", "--format", "xlsx"),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--format "xlsx" is not known: expected csv or json'),
    });
  }, 60_000);
});
