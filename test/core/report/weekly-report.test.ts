import { describe, expect, it } from "vitest";
import {
  queueWeeklyReport,
  weeklyReportRecipients,
} from "../../../src/core/use-cases/queue-weekly-report.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

// Monday 30 November 2026, 08:00 in Chicago (UTC-6): the sample directory's weekly slot.
const MONDAY_8AM = new Date("2026-11-30T14:00:00Z");

describe("the weekly report: last week's numbers, in the liaisons' and directors' direct messages", () => {
  it("is sent once per slot to every liaison and director, each for what they may see", async () => {
    const world = coreContext("2026-11-24T20:00:00Z");
    await raiseConcern(world.ctx, PAIN_DRAFT, SLACK.nurse);
    world.clock.set(MONDAY_8AM);
    const recipients = weeklyReportRecipients(world.directory).map((p) => `${p.name} (${p.role})`);
    expect(recipients).toEqual(expect.arrayContaining(["Pat Morgan (liaison)", "Dana White (director)"]));
    const queued = await queueWeeklyReport(world.ctx, MONDAY_8AM);
    expect(queued).toBe(recipients.length);
    // Another instance firing the same slot queues nothing more.
    expect(await queueWeeklyReport(world.ctx, MONDAY_8AM)).toBe(0);
    const entries = await world.concerns.claim(MONDAY_8AM, 50, 60_000);
    const pat = entries.find((e) => e.message.kind === "direct" && e.message.personId === "pat.liaison");
    expect(pat?.message).toMatchObject({ kind: "direct", purpose: "weekly-report", withCard: false });
    const text = pat?.message.kind === "direct" ? pat.message.text : "";
    expect(text).toMatch(/^Concerns report: .*23 Nov/);
    expect(text).toContain("Concerns raised: 1");
  });
});
