import { mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Logger } from "../../core/index.ts";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { applyMigrations } from "./apply-migrations.ts";
import { drainPool } from "./drain-pool.ts";
import { lockEmbeddedDatabase } from "./embedded-lock.ts";
import { startPgliteThread, type PgliteThread } from "./pglite-thread.ts";
import { pgClientRunner } from "./sql-runner.ts";

export interface Database {
  prisma: PrismaClient;
  kind: "embedded" | "postgresql";
  /** Where the data is: the embedded folder, or the server's host and database (no password). */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  logger: Logger;
}

/**
 * With one connection, a transaction waits for every statement queued before it. Prisma's default
 * (2 s) then refused raises that were already acknowledged to the nurse under a burst, so the
 * embedded store waits as long as a person would for their card.
 */
const EMBEDDED_TRANSACTION_WAIT_MS = 60_000;

/** How long a stop waits for statements already under way (a raise being saved) to finish. */
const DRAIN_DEADLINE_MS = 15_000;

function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/**
 * Opens the store and brings its schema up to date. With DATABASE_URL: that PostgreSQL server.
 * Without: PGlite (PostgreSQL in WebAssembly) under LIAISON_DATA_DIR, on its own thread behind a
 * Unix socket, reached through the same `pg` driver: the same SQL, schema, migrations and driver,
 * so there is one code path to test.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.logger) : openEmbedded(options);
}

async function openPostgres(databaseUrl: string, logger: Logger): Promise<Database> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await applyMigrations(pgClientRunner(client), logger);
  } finally {
    await client.end();
  }
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // An idle connection the server ends (a restart, an administrator, a failover) is reported by the
  // pool as an 'error' event; with no listener Node would treat it as uncaught and stop Liaison. The
  // pool drops that connection and opens another on the next query, so a warning is all it needs.
  pool.on("error", (error) =>
    logger.warn({ err: error }, "a PostgreSQL connection was closed by the server"),
  );
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgresql",
    location: describeUrl(databaseUrl),
    close: () => closeWhenDrained(prisma, pool, logger),
  };
}

async function openEmbedded(options: DatabaseOptions): Promise<Database> {
  const dir = path.resolve(options.dataDir, "pglite");
  mkdirSync(path.dirname(dir), { recursive: true });
  const unlock = lockEmbeddedDatabase(`${dir}.lock`, dir);
  let thread: PgliteThread | undefined;
  let pool: pg.Pool | undefined;
  try {
    thread = await startPgliteThread(dir, (error) =>
      options.logger.error({ err: error }, "the embedded database stopped unexpectedly"),
    );
    pool = embeddedPool(thread.socketDir, options.logger);
    const client = await pool.connect();
    try {
      await applyMigrations(pgClientRunner(client), options.logger);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool?.end();
    await thread?.stop();
    unlock();
    throw error;
  }
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: { maxWait: EMBEDDED_TRANSACTION_WAIT_MS },
  });
  const [openPool, openThread] = [pool, thread];
  return {
    prisma,
    kind: "embedded",
    location: dir,
    close: async () => {
      // Stopping the thread cuts any connection still held, so the pool can end.
      await closeWhenDrained(prisma, openPool, options.logger, () => openThread.stop());
      unlock();
    },
  };
}

/** Lets statements under way finish (up to a deadline), then closes the client and its pool. */
async function closeWhenDrained(
  prisma: PrismaClient,
  pool: pg.Pool,
  logger: Logger,
  afterDisconnect: () => Promise<void> = async () => undefined,
): Promise<void> {
  if (!(await drainPool(pool, DRAIN_DEADLINE_MS))) {
    logger.warn(
      { running: pool.totalCount - pool.idleCount, waiting: pool.waitingCount },
      "database work still under way at stop: it is abandoned and rolled back",
    );
  }
  await prisma.$disconnect();
  const ended = pool.end();
  await Promise.race([ended, sleep(DRAIN_DEADLINE_MS, undefined, { ref: false })]);
  await afterDisconnect();
}

/**
 * PGlite has a single session, so one connection, kept open (no idle timeout) so that it never
 * races a reconnect. Queries queue for it in the pool, as they queued inside PGlite before.
 */
function embeddedPool(socketDir: string, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    host: socketDir,
    user: "postgres",
    database: "postgres",
    max: 1,
    idleTimeoutMillis: 0,
  });
  // An idle connection that breaks (the thread died) must not crash Liaison: it is logged above.
  pool.on("error", (error) => logger.warn({ err: error }, "embedded database connection lost"));
  return pool;
}
