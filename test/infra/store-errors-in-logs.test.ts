import { Writable } from "node:stream";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boltLogger } from "../../src/adapters/slack/slack-logger.ts";
import { raiseConcern } from "../../src/core/use-cases/raise-concern.ts";
import { createLogger } from "../../src/infra/logging/pino-logger.ts";
import { PrismaConcernRepository } from "../../src/infra/store/prisma-concern-repository.ts";
import { PrismaOutboxRepository } from "../../src/infra/store/prisma-outbox-repository.ts";
import { coreContext, PAIN_DRAFT } from "../support/core-context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-database.ts";

const MARKER = "ZQX-MARKER-7731";
const PATIENT = "MRN-ZQX-0042";

/** Every line a logger writes, as one string. */
function capture() {
  let out = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  return { logger: createLogger("debug", sink), output: () => out };
}

/** Logs an error every way a caller might: the object, its message, its cause, nested, as the text. */
function logEveryWay(logger: ReturnType<typeof createLogger>, error: unknown) {
  const e = error as Error & { cause?: unknown };
  logger.error({ err: e }, "raise failed");
  logger.error({ err: e.message }, "raise failed");
  logger.error({ error: e, concern: "PR-2026-00001" }, "raise failed");
  logger.error({ cause: e.cause }, "raise failed");
  logger.error({ job: { name: "raise", err: e } }, "raise failed");
  logger.error({ errors: [e] }, "raise failed");
  logger.error({}, `raise failed: ${e.message}`);
  logger.error({}, String(e.stack));
  boltLogger(logger).error("An unhandled error occurred while Bolt processed an event", e);
}

describe("a write the database refuses never puts the concern's text in the logs", () => {
  let store: TestDatabase;
  beforeAll(async () => {
    store = await openTestDatabase("postgresql");
    // The hospital's DBA added a rule Liaison does not know about; this concern breaks it.
    await store.db.prisma.$executeRawUnsafe(
      `ALTER TABLE "Concern" ADD CONSTRAINT ward_rule CHECK (description NOT LIKE '%${MARKER}%')`,
    );
  });
  afterAll(() => store.dispose());

  it("a check constraint that names the failing row (PostgreSQL's detail)", async () => {
    const { ctx } = coreContext();
    ctx.concerns = new PrismaConcernRepository(store.db.prisma);
    ctx.outbox = new PrismaOutboxRepository(store.db.prisma);
    const failure = await raiseConcern(
      ctx,
      { ...PAIN_DRAFT, description: `Patient says ${MARKER}`, patientReference: PATIENT },
      { platform: "slack", userId: "U04NIAOKF01", displayName: "nia.okafor" },
    ).catch((e: unknown) => e);
    // The row is in there (the driver's cause, or Prisma's meta for a raw statement).
    expect(JSON.stringify(failure)).toContain(MARKER);

    const { logger, output } = capture();
    logEveryWay(logger, failure);
    expect(output()).not.toContain(MARKER);
    expect(output()).not.toContain(PATIENT);
    // What IT needs to find the fault is still there: the SQLSTATE and the constraint.
    expect(output()).toMatch(/"(db)?[cC]ode":"23514"/);
    expect(output()).toContain('violates check constraint \\"ward_rule\\"');
  });

  it("Prisma's validation error, which renders the whole call with its arguments", async () => {
    const failure = await store.db.prisma.concern
      .create({
        data: { id: randomUUID(), description: `Patient says ${MARKER}`, patientReference: PATIENT } as never,
      })
      .catch((e: unknown) => e);
    expect((failure as Error).message).toContain(MARKER);

    const { logger, output } = capture();
    logEveryWay(logger, failure);
    expect(output()).not.toContain(MARKER);
    expect(output()).not.toContain(PATIENT);
    expect(output()).toContain("PrismaClientValidationError");
    expect(output()).toContain("invocation: Argument `reference` is missing.");
  });

  it("a database error that quotes the value it refused", async () => {
    const failure = await store.db.prisma
      .$queryRawUnsafe(`SELECT '${PATIENT} ${MARKER}'::uuid`)
      .catch((e: unknown) => e);
    expect((failure as Error).message).toContain(MARKER);

    const { logger, output } = capture();
    logEveryWay(logger, failure);
    expect(output()).not.toContain(MARKER);
    expect(output()).not.toContain(PATIENT);
    expect(output()).toContain("invalid input syntax for type uuid");
  });
});
