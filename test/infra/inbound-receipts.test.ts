import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  inboundEventReceipts,
  pruneInboundEventReceipts,
} from "../../src/infra/store/inbound-event-receipts.ts";
import { RECEIPT_RETENTION_MS } from "../../src/infra/scheduler/liaison-jobs.ts";
import { openTestDatabase, STORE_KINDS, type TestDatabase } from "../support/test-database.ts";

const HOUR = 3_600_000;

describe.each(STORE_KINDS)("inbound receipts on the %s store", (kind) => {
  let store: TestDatabase;
  beforeAll(async () => {
    store = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("a request is recognised once; a day later its receipt is pruned, a recent one is kept", async () => {
    const first = inboundEventReceipts(store.db.prisma);
    const t0 = new Date("2026-11-24T20:00:00Z");
    expect(await first("slack-signature:v0=old", t0)).toBe(true);
    expect(await first("slack-signature:v0=old", t0)).toBe(false);
    expect(await first("teams-activity:recent", new Date(t0.getTime() + 23 * HOUR))).toBe(true);

    const now = new Date(t0.getTime() + 25 * HOUR);
    const pruned = await pruneInboundEventReceipts(
      store.db.prisma,
      1,
    )(new Date(now.getTime() - RECEIPT_RETENTION_MS));
    expect(pruned).toBe(1);
    expect(await store.db.prisma.inboundEventReceipt.count()).toBe(1);
    // The recent one still stops a replay.
    expect(await first("teams-activity:recent", now)).toBe(false);
  });
});
