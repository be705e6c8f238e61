import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/infra/store/open-database.ts";
import { prismaFamilyPageCounts } from "../../src/infra/store/family-page-counts.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { openTestDatabase, STORE_KINDS, type TestDatabase } from "../support/test-database.ts";

const HOUR = new Date("2026-11-24T20:00:00Z");

describe.each(STORE_KINDS)("the family page's counts on %s", (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it("count each key per window, every sending once, even fifty at the same moment", async () => {
    const counts = prismaFamilyPageCounts(test.db.prisma);
    const results = await Promise.all(Array.from({ length: 50 }, () => counts.add("code:abc", HOUR)));
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await counts.add("code:abc", new Date(HOUR.getTime() + 3_600_000))).toBe(1);
    expect(await counts.add("address:xyz", HOUR)).toBe(1);
  });

  it("forget windows older than asked", async () => {
    const counts = prismaFamilyPageCounts(test.db.prisma);
    await counts.add("nonce:old", new Date(HOUR.getTime() - 2 * 86_400_000));
    expect(await counts.prune(new Date(HOUR.getTime() - 86_400_000))).toBe(1);
    expect(await counts.add("nonce:old", new Date(HOUR.getTime() - 2 * 86_400_000))).toBe(1);
  });
});

describe("two Liaison instances on one PostgreSQL", () => {
  let test: TestDatabase;
  let second: Database;
  beforeAll(async () => {
    test = await openTestDatabase("postgresql");
    second = await openDatabase({ databaseUrl: test.url, dataDir: "unused", logger: new RecordingLogger() });
  });
  afterAll(async () => {
    await second?.close();
    await test?.dispose();
  });

  it("share one limit: a form's key used on one is used on the other, and a room's count is one count", async () => {
    const a = prismaFamilyPageCounts(test.db.prisma);
    const b = prismaFamilyPageCounts(second.prisma);
    const both = await Promise.all([a.add("nonce:n1", HOUR), b.add("nonce:n1", HOUR)]);
    expect([...both].sort()).toEqual([1, 2]);
    await Promise.all([a.add("code:r", HOUR), b.add("code:r", HOUR), a.add("code:r", HOUR)]);
    expect(await b.add("code:r", HOUR)).toBe(4);
  });
});
