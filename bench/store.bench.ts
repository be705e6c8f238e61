// The store under load, on the local PostgreSQL (LIAISON_TEST_POSTGRES_URL overrides it): raise
// throughput against a plain-SQL floor measured in the same run, Node CPU per raise, form submits at a
// steady 100/s through the Slack endpoint (how many concerns an acknowledged nurse lost), and one
// sweep of 1,000 due concerns among 100,000 open ones.
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Concern } from "../src/core/concern/concern.ts";
import type { ConcernChange } from "../src/core/ports/concern-repository.port.ts";
import { raiseConcern } from "../src/core/use-cases/raise-concern.ts";
import { sweepDueConcerns } from "../src/core/use-cases/sweep-due-concerns.ts";
import { Prisma } from "../src/generated/prisma/client.ts";
import { startLiaison } from "../src/main.ts";
import { toConcernRecord } from "../src/infra/store/concern-row-mapping.ts";
import { openDatabase, type Database } from "../src/infra/store/open-database.ts";
import { PrismaConcernRepository } from "../src/infra/store/prisma-concern-repository.ts";
import { PrismaOutboxRepository } from "../src/infra/store/prisma-outbox-repository.ts";
import { coreContext, PAIN_DRAFT } from "../test/support/core-context.ts";
import { FakeSlackApi } from "../test/support/fake-slack-api.ts";
import { RecordingLogger } from "../test/support/recording-logger.ts";
import { SLACK } from "../test/support/sample-directory.ts";
import {
  interactionBody,
  postToSlackEndpoint,
  SIGNING_SECRET,
  viewSubmissionPayload,
} from "../test/support/slack-requests.ts";
import { createPostgresDatabase } from "../test/support/test-database.ts";
import { testConfig } from "../test/support/test-config.ts";
import { percentile, type BenchRow } from "./bench-row.ts";

const RAISES = Number(process.env.BENCH_RAISES ?? 1000);
const SUBMIT_RATE = 100;
const SUBMIT_SECONDS = Number(process.env.BENCH_SUBMIT_SECONDS ?? 20);
const OPEN = 100_000;
const DUE = 1_000;
const RAISED = new Date("2026-11-25T12:00:00Z");
const IN_FLIGHT = 8; // the raise queue's concurrency

/** A fresh database per measurement, so one does not slow the next. */
async function withDatabase<T>(fn: (db: Database, url: string) => Promise<T>): Promise<T> {
  const { url, drop } = await createPostgresDatabase();
  const db = await openDatabase({ databaseUrl: url, dataDir: "-", logger: new RecordingLogger() });
  try {
    return await fn(db, url);
  } finally {
    await db.close();
    await drop();
  }
}

/** Liaison's own path: raiseConcern on the Prisma store, IN_FLIGHT at a time; raises/s and CPU ms each. */
async function liaisonRaises(): Promise<{ perSecond: number; cpuMs: number }> {
  return withDatabase(async (db) => {
    const { ctx } = coreContext(RAISED.toISOString());
    const live = { ...ctx, concerns: new PrismaConcernRepository(db.prisma) };
    const raise = () => raiseConcern(live, PAIN_DRAFT, SLACK.nurse);
    // Warm-up: the first few hundred raises pay for module loading and JIT compilation.
    for (let i = 0; i < 300; i++) await raise();
    let left = RAISES;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (left-- > 0) await raise();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { perSecond: RAISES / seconds, cpuMs: (used.user + used.system) / 1000 / RAISES };
  });
}

/** The same rows a raise writes, prepared in memory first so only the writing is timed. */
async function raisedChanges(count: number): Promise<ConcernChange[]> {
  const { ctx, concerns } = coreContext(RAISED.toISOString());
  const changes: ConcernChange[] = [];
  const insert = concerns.insert.bind(concerns);
  concerns.insert = async (change) => {
    changes.push(change);
    await insert(change);
  };
  for (let i = 0; i < count; i++) await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
  return changes;
}

const placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(", ");

/** The floor: the same rows with plain pg, one statement per row, all in one transaction. */
async function plainSqlRaises(): Promise<number> {
  const changes = await raisedChanges(RAISES);
  return withDatabase(async (_db, url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const columns = Object.keys(toConcernRecord(changes[0]!.concern));
    const insertConcern = `INSERT INTO "Concern" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${placeholders(columns.length)})`;
    const started = performance.now();
    await client.query("BEGIN");
    for (const change of changes) {
      await client.query(
        `INSERT INTO "ReferenceSequence" ("year", "last") VALUES (2026, 1)
         ON CONFLICT ("year") DO UPDATE SET "last" = "ReferenceSequence"."last" + 1 RETURNING "last"`,
      );
      const record = toConcernRecord(change.concern);
      await client.query(
        insertConcern,
        columns.map((c) => record[c]),
      );
      for (const e of change.events) {
        await client.query(
          `INSERT INTO "AuditEvent" ("concernId", "type", "actorKey", "actorName", "actorPlatform", "at", "detail") VALUES (${placeholders(7)})`,
          [e.concernId, e.type, e.actor.key, e.actor.displayName, e.actor.platform, e.at, e.detail],
        );
      }
      for (const m of change.messages) {
        await client.query(
          `INSERT INTO "OutboxMessage" ("idempotencyKey", "concernId", "platform", "kind", "payload", "nextAttemptAt", "createdAt") VALUES (${placeholders(7)}) ON CONFLICT DO NOTHING`,
          [
            m.idempotencyKey,
            m.concernId,
            m.platform,
            m.message.kind,
            m.message,
            change.concern.createdAt,
            change.concern.createdAt,
          ],
        );
      }
    }
    await client.query("COMMIT");
    const seconds = (performance.now() - started) / 1000;
    await client.end();
    return RAISES / seconds;
  });
}

interface SubmitOutcome {
  acknowledged: number;
  busy: number;
  stored: number;
  toldNotSaved: number;
  seconds: number;
  ackP99: number;
}

/** Slack form submits at a steady rate through the whole service on PostgreSQL. */
async function steadySubmits(): Promise<SubmitOutcome> {
  return withDatabase(async (db, url) => {
    const slack = new FakeSlackApi();
    await slack.start();
    const liaison = await startLiaison(
      testConfig({
        DATABASE_URL: url,
        SLACK_BOT_TOKEN: "xoxb-bench",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
      }),
    );
    const base = `http://127.0.0.1:${liaison.port}`;
    const nurse = { id: "U04NIAOKF01", name: "nia.okafor" };
    const total = SUBMIT_RATE * SUBMIT_SECONDS;
    const acks: number[] = [];
    let busy = 0;
    const started = performance.now();
    const submits = Array.from({ length: total }, async (_, i) => {
      await new Promise((r) => setTimeout(r, started + (i * 1000) / SUBMIT_RATE - performance.now()));
      const sent = performance.now();
      const res = await postToSlackEndpoint(
        base,
        interactionBody(
          viewSubmissionPayload(nurse, "liaison_concern", {
            ...PAIN_DRAFT,
            room: String(i),
            patientReference: undefined,
          }),
        ),
        "application/x-www-form-urlencoded",
      );
      const body = await res.text();
      acks.push(performance.now() - sent);
      if (body !== "") busy++;
    });
    await Promise.all(submits);
    const acknowledged = total - busy;
    const toldNotSaved = () =>
      slack.callsTo("chat.postMessage").filter((c) => String(c.args.text).includes("NOT saved")).length;
    let stored = 0;
    for (let waited = 0; waited < 120_000; waited += 100) {
      stored = await db.prisma.concern.count();
      if (stored + toldNotSaved() >= acknowledged) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    const outcome = {
      acknowledged,
      busy,
      stored,
      toldNotSaved: toldNotSaved(),
      seconds,
      ackP99: percentile(acks, 0.99),
    };
    await liaison.stop();
    await slack.stop();
    return outcome;
  });
}

/** 100,000 open concerns copied from one critical concern; the first 1,000 are overdue. */
async function seedOpenConcerns(db: Database, template: Concern): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Concern" SELECT * FROM json_populate_record(NULL::"Concern", $1::json)`,
    JSON.stringify(toConcernRecord(template)),
  );
  const due = new Date(RAISED.getTime() + 5 * 60_000).toISOString();
  const later = new Date(RAISED.getTime() + 24 * 3600_000).toISOString();
  const copy = Object.values(Prisma.ConcernScalarFieldEnum).map((c) => {
    if (c === "id") return "gen_random_uuid()";
    if (c === "reference") return `'PR-2026-' || lpad(g::text, 6, '0')`;
    if (c === "nextDueAt")
      return `CASE WHEN g <= ${DUE} THEN '${due}'::timestamptz ELSE '${later}'::timestamptz END`;
    return `c."${c}"`;
  });
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Concern" SELECT ${copy.join(", ")} FROM "Concern" c, generate_series(1, ${OPEN - 1}) g`,
  );
  await db.prisma.$executeRawUnsafe(
    `UPDATE "Concern" SET "nextDueAt" = $1::timestamptz WHERE "id" = $2::uuid`,
    later,
    template.id,
  );
  await db.prisma.$executeRawUnsafe(`ANALYZE "Concern"`);
}

/** One sweep (default batches) over DUE overdue concerns among OPEN open ones; seconds. */
async function sweepSeconds(): Promise<number> {
  return withDatabase(async (db) => {
    const { ctx } = coreContext(RAISED.toISOString());
    const template = await raiseConcern(ctx, { ...PAIN_DRAFT, severity: "critical" }, SLACK.nurse);
    await seedOpenConcerns(db, template);
    const now = new Date(RAISED.getTime() + 6 * 60_000);
    const live = {
      ...ctx,
      concerns: new PrismaConcernRepository(db.prisma),
      outbox: new PrismaOutboxRepository(db.prisma),
      clock: { now: () => now },
    };
    const started = performance.now();
    const swept = await sweepDueConcerns(live);
    const seconds = (performance.now() - started) / 1000;
    if (swept !== DUE) throw new Error(`the sweep handled ${swept} concerns, expected ${DUE}`);
    return seconds;
  });
}

export async function run(): Promise<BenchRow[]> {
  const floor = await plainSqlRaises();
  const raises = await liaisonRaises();
  const submits = await steadySubmits();
  const sweep = await sweepSeconds();
  const lost = submits.acknowledged - submits.stored;
  return [
    {
      name: "raise throughput, PostgreSQL",
      value: raises.perSecond,
      unit: "raises/s",
      goal: { value: floor / 2, better: "higher" },
      floor: { value: floor, label: "plain SQL, one transaction" },
      note: `n=${RAISES}, ${IN_FLIGHT} in flight; goal: half the floor measured in this run`,
    },
    {
      name: "raise CPU (Node)",
      value: raises.cpuMs,
      unit: "ms/raise",
      note: `n=${RAISES}, user+system of this process; was 10–14 ms`,
    },
    {
      name: `concerns stored at ${SUBMIT_RATE} Slack submits/s, PostgreSQL`,
      value: submits.stored / submits.seconds,
      unit: "raises/s",
      goal: { value: SUBMIT_RATE * 0.95, better: "higher" },
      note: `${submits.stored} of ${SUBMIT_RATE * SUBMIT_SECONDS} in ${submits.seconds.toFixed(1)} s until the last was stored; ${submits.busy} asked to retry (form kept); ack p99 ${submits.ackP99.toFixed(0)} ms`,
    },
    {
      name: `acknowledged concerns lost at ${SUBMIT_RATE} submits/s`,
      value: lost,
      unit: "concerns",
      goal: { value: 0, better: "lower" },
      note: `${submits.toldNotSaved} reporters told "NOT saved"`,
    },
    {
      name: `sweep: ${DUE} due of ${OPEN.toLocaleString("en")} open, PostgreSQL`,
      value: sweep * 1000,
      unit: "ms",
      goal: { value: 1000, better: "lower" },
      note: "one sweep, batches of 250; was 11–12 s",
    },
  ];
}
