import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Concern } from "../../src/core/concern/concern.ts";
import { asDepartmentId } from "../../src/core/ids.ts";
import type { ConcernRepository } from "../../src/core/ports/concern-repository.port.ts";
import { createFieldCipher } from "../../src/infra/privacy/field-cipher.ts";
import { PrismaConcernRepository } from "../../src/infra/store/prisma-concern-repository.ts";
import { historyConcerns } from "../fixtures/report-history.ts";
import { InMemoryConcernRepository } from "../support/in-memory-concern-repository.ts";
import { openTestDatabase, STORE_KINDS, type StoreKind } from "../support/test-database.ts";

type ContractKind = StoreKind | "in-memory";
const CONTRACT_KINDS: ContractKind[] = ["in-memory", ...STORE_KINDS];

async function storeUnderTest(
  kind: ContractKind,
): Promise<{ repo: ConcernRepository; dispose: () => Promise<void> }> {
  if (kind === "in-memory") return { repo: new InMemoryConcernRepository(), dispose: async () => undefined };
  const test = await openTestDatabase(kind);
  // Sealed at rest, as a hospital runs it.
  return {
    repo: new PrismaConcernRepository(test.db.prisma, createFieldCipher(randomBytes(32))),
    dispose: test.dispose,
  };
}

// November 2026 in Chicago: 00:00 on 1 November (CDT) to 00:00 on 1 December (CST).
const NOVEMBER_START = new Date("2026-11-01T05:00:00Z");
const DECEMBER_START = new Date("2026-12-01T06:00:00Z");

describe.each(CONTRACT_KINDS)("reading the concerns a report counts, on %s", (kind) => {
  let under: Awaited<ReturnType<typeof storeUnderTest>>;
  let history: Concern[];
  beforeAll(async () => {
    under = await storeUnderTest(kind);
    history = historyConcerns();
    for (const concern of history) await under.repo.insert({ concern, events: [], messages: [] });
  });
  afterAll(async () => {
    await under?.dispose();
  });

  const descriptions = (concerns: readonly Concern[]) =>
    concerns.map((c) => c.description.replace(/\D+/g, ""));

  it("gives those raised in [start, end) of the departments asked for, oldest first, as they were stored", async () => {
    const nursing = await under.repo.listRaisedBetween(NOVEMBER_START, DECEMBER_START, [
      asDepartmentId("nursing-4w"),
    ]);
    // By time raised: N1 N2 N3 N4 N11 N5 N6 N7 N8 N9 N10; N12 is another department's, D1 and O5 are outside.
    expect(descriptions(nursing)).toEqual(["1", "2", "3", "4", "11", "5", "6", "7", "8", "9", "10"]);
    const stored = new Map(history.map((c) => [c.id, c]));
    for (const concern of nursing) expect(concern).toEqual(stored.get(concern.id));
    const all = await under.repo.listRaisedBetween(NOVEMBER_START, DECEMBER_START, "all");
    expect(all).toHaveLength(12);
    expect(await under.repo.listRaisedBetween(NOVEMBER_START, DECEMBER_START, [])).toEqual([]);
  });
});
