import { describe, expect, it } from "vitest";
import { digestBlocks } from "../../../src/adapters/slack/slack-card-blocks.ts";
import type { DigestContent, DigestItem } from "../../../src/core/digest/digest.ts";

const item = (d: number, i: number): DigestItem =>
  ({
    concernId: `c-${d}-${i}`,
    reference: `PR-2026-${String(d * 100 + i).padStart(5, "0")}`,
    severity: "critical",
    categoryLabel: "Pain not managed",
    unit: "4W",
    room: "412",
    status: "open",
    ageMinutes: 380,
    clock: "acknowledge",
    state: "overdue",
    dueAt: "2026-12-01T06:00:00.000Z",
    overdueMinutes: 362,
  }) as DigestItem;

const digest = (departments: number, items: number, parked = 0): DigestContent => ({
  recipientName: "Maria Lopez",
  generatedAt: "2026-12-01T13:00:00.000Z",
  timeZone: "America/Chicago",
  parkedDeliveries: parked,
  departments: Array.from({ length: departments }, (_, d) => ({
    departmentId: `dept-${d}` as never,
    name: `Department ${d}`,
    items: Array.from({ length: items }, (_, i) => item(d, i)),
  })),
});

const words = (blocks: unknown) => JSON.stringify(blocks);

describe("a manager's digest in Slack says everything it leaves out", () => {
  it("dates its heading and says lateness in hours and minutes, with the severity's marker", () => {
    const blocks = digestBlocks(digest(1, 1), () => undefined);
    expect(blocks[0]).toMatchObject({ type: "header", text: { text: "Overdue concerns · Tue 1 Dec 07:00" } });
    expect(words(blocks)).toContain(
      " · 🔴 Critical · Pain not managed · 4W 412 · acknowledge 6 h 2 min overdue",
    );
  });

  it("ends with the duties nobody has taken this shift, and stays within 50 blocks when full", () => {
    const line = "Charge nurse for 4 West: nobody has taken it; escalations go to Jo Kim";
    const blocks = digestBlocks({ ...digest(1, 1), unfilledDuties: [line] }, () => undefined);
    expect(words(blocks.at(-1))).toContain(`Duties nobody has taken this shift:\\n• ${line}`);
    const full = digestBlocks({ ...digest(30, 2, 3), unfilledDuties: [line] }, () => undefined);
    expect(full.length).toBeLessThanOrEqual(50);
  });

  it("a department of 25 lists 20 and says …and 5 more", () => {
    const text = words(digestBlocks(digest(1, 25), () => undefined));
    expect(text.match(/PR-2026-\d{5}/g)).toHaveLength(20);
    expect(text).toContain("…and 5 more");
  });

  it("30 departments: 23 shown, the rest counted, within Slack's 50 blocks", () => {
    const blocks = digestBlocks(digest(30, 2, 3), () => undefined);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(words(blocks)).toContain("…and 7 more departments with overdue or at-risk concerns.");
    expect(words(blocks)).toContain("Please tell your Liaison administrator.");
    expect(words(blocks)).not.toContain("/healthz");
  });
});

describe("the notification text of a very long message", () => {
  it("is cut without splitting an entity, so no '&am' is ever shown", async () => {
    const { fallbackText } = await import("../../../src/adapters/slack/slack-text.ts");
    for (let pad = 0; pad < 6; pad++) {
      const text = fallbackText(`${"x".repeat(39_995 + pad)}${"&".repeat(10)}`);
      expect(Array.from(text).length).toBeLessThanOrEqual(40_000);
      expect(text).toMatch(/(&amp;|x)*…$/);
      expect(text).not.toMatch(/&[a-z]{0,3}…$/);
    }
  });
});
