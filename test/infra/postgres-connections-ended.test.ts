import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/infra/store/open-database.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { waitFor } from "../support/slack-liaison.ts";
import { createPostgresDatabase, POSTGRES_ADMIN_URL } from "../support/test-database.ts";

describe("PostgreSQL ending Liaison's idle connections (a restart, an administrator, a failover)", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  it("is a warning, not a crash: the next query opens a new connection", async () => {
    const { url, drop } = await createPostgresDatabase();
    cleanup.push(drop);
    const logger = new RecordingLogger();
    const db = await openDatabase({ databaseUrl: url, dataDir: "-", logger });
    cleanup.push(() => db.close());
    await db.prisma.$queryRaw`SELECT 1`; // leaves an idle connection in the pool

    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [
      new URL(url).pathname.slice(1),
    ]);
    await admin.end();

    // Without a listener, the pool's 'error' event would be an uncaught exception (vitest fails on it).
    await waitFor(() =>
      logger.lines.find((l) => l.message === "a PostgreSQL connection was closed by the server"),
    );
    expect(await db.prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });
});
