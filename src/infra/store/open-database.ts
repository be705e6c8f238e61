import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Logger } from "../../core/ports/logger.port.ts";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { applyMigrations } from "./apply-migrations.ts";
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
  if (options.databaseUrl) {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      await applyMigrations(pgClientRunner(client), options.logger);
    } finally {
      await client.end();
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.databaseUrl }) });
    return {
      prisma,
      kind: "postgresql",
      location: describeUrl(options.databaseUrl),
      close: () => prisma.$disconnect(),
    };
  }
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
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const [openPool, openThread] = [pool, thread];
  return {
    prisma,
    kind: "embedded",
    location: dir,
    close: async () => {
      await prisma.$disconnect();
      await openPool.end();
      await openThread.stop();
      unlock();
    },
  };
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
