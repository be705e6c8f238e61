import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../../src/infra/store/open-database.ts";
import { RecordingLogger } from "./recording-logger.ts";

/** The local server every machine (CI included) runs; override to test against another. */
export const POSTGRES_ADMIN_URL =
  process.env.LIAISON_TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";

export type StoreKind = "embedded" | "postgresql";
export const STORE_KINDS: StoreKind[] = ["embedded", "postgresql"];

export interface TestDatabase {
  db: Database;
  /** The URL of the fresh PostgreSQL database (undefined for the embedded store). */
  url?: string;
  dispose(): Promise<void>;
}

/** A fresh PostgreSQL database for this run; dropped by the returned function. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `liaison_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect().catch((error: Error) => {
    throw new Error(
      `The PostgreSQL tests need the local server at ${POSTGRES_ADMIN_URL} (${error.message}). Start it, or set LIAISON_TEST_POSTGRES_URL.`,
    );
  });
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Opens (and migrates) a brand-new store of the given kind. */
export async function openTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  const logger = new RecordingLogger();
  if (kind === "embedded") {
    const dir = mkdtempSync(path.join(tmpdir(), "liaison-test-"));
    const db = await openDatabase({ dataDir: dir, logger });
    return {
      db,
      dispose: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await createPostgresDatabase();
  const db = await openDatabase({ databaseUrl: url, dataDir: "unused", logger });
  return {
    db,
    url,
    dispose: async () => {
      await db.close();
      await drop();
    },
  };
}
