import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/infra/store/open-database.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { createPostgresDatabase } from "../support/test-database.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Tables, columns and indexes of a database, in a form two databases can be compared by. */
async function shape(url: string): Promise<{ columns: string[]; indexes: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ c: string }>(`
      SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS c
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1`);
    const indexes = await client.query<{ i: string }>(`
      SELECT indexdef AS i FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`);
    return { columns: columns.rows.map((r) => r.c), indexes: indexes.rows.map((r) => r.i) };
  } finally {
    await client.end();
  }
}

describe("prisma/migrations", () => {
  it("applied in order, build exactly what prisma/schema.prisma declares (no drift)", async () => {
    const migrated = await createPostgresDatabase();
    const declared = await createPostgresDatabase();
    try {
      const db = await openDatabase({
        databaseUrl: migrated.url,
        dataDir: "-",
        logger: new RecordingLogger(),
      });
      await db.close();

      const diff = spawnSync(
        process.execPath,
        [
          "scripts/prisma-offline.mjs",
          "migrate",
          "diff",
          "--from-empty",
          "--to-schema-datamodel",
          "prisma/schema.prisma",
          "--script",
        ],
        { cwd: ROOT, encoding: "utf8" },
      );
      expect(diff.status, diff.stderr).toBe(0);
      const client = new pg.Client({ connectionString: declared.url });
      await client.connect();
      await client.query(diff.stdout);
      await client.end();

      expect(await shape(migrated.url)).toEqual(await shape(declared.url));
    } finally {
      await migrated.drop();
      await declared.drop();
    }
  }, 120_000);
});
