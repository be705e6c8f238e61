import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Logger } from "../../core/ports/logger.port.ts";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { applyMigrations } from "./apply-migrations.ts";
import { lockEmbeddedDatabase } from "./embedded-lock.ts";
import { pgClientRunner, pgliteRunner } from "./sql-runner.ts";

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
 * Without: PGlite (PostgreSQL in WebAssembly, in-process) under LIAISON_DATA_DIR — the same SQL,
 * schema and migrations, so there is one code path to test.
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
  let db: PGlite;
  try {
    // After an unclean stop PGlite runs crash recovery and arms a progress timer that keeps the
    // process alive forever; switching that log off avoids it.
    db = await PGlite.create(dir, {
      startParams: [...PGlite.defaultStartParams, "-c", "log_startup_progress_interval=0"],
    });
    await applyMigrations(pgliteRunner(db), options.logger);
  } catch (error) {
    unlock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    kind: "embedded",
    location: dir,
    close: async () => {
      await prisma.$disconnect();
      await db.close();
      unlock();
    },
  };
}
