import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  isWithinBusinessHours,
  localTime,
} from "../../../src/core/escalation/business-time.ts";
import {
  computeDeadlines,
  computeGrievanceNoticeBy,
} from "../../../src/core/escalation/compute-deadlines.ts";
import { asCategoryId } from "../../../src/core/ids.ts";
import { selectPolicy, snapshotPolicy } from "../../../src/core/escalation/select-policy.ts";
import { sampleDirectory } from "../../support/sample-directory.ts";

const CHICAGO = "America/Chicago";
const WEEKDAYS_8_TO_5 = { days: ["mon", "tue", "wed", "thu", "fri"] as const, start: "08:00", end: "17:00" };

// The server runs in another zone on purpose: every deadline must follow the hospital's zone.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "Asia/Tokyo";
});
afterAll(() => {
  process.env.TZ = originalTz;
});

describe("deadlines in the hospital's time zone", () => {
  const directory = sampleDirectory().directory;
  const policyFor = (severity: "low" | "high" | "critical", category: string) =>
    snapshotPolicy(directory, selectPolicy(directory, severity, asCategoryId(category)));

  it("a critical concern must be acknowledged within 5 minutes and resolved within 4 hours", () => {
    const raised = new Date("2026-11-24T20:00:00Z");
    const d = computeDeadlines(policyFor("critical", "pain"), raised);
    expect(d.acknowledgeBy).toEqual(new Date("2026-11-24T20:05:00Z"));
    expect(d.resolveBy).toEqual(new Date("2026-11-25T00:00:00Z"));
  });

  it("a low billing concern's 16 business hours skip the weekend and the night, across the DST change", () => {
    // Friday 30 Oct 2026 15:00 CDT; clocks fall back on Sunday 1 Nov. 2h Friday + 9h Monday + 5h Tuesday.
    const raised = new Date("2026-10-30T20:00:00Z");
    const d = computeDeadlines(policyFor("low", "billing"), raised);
    expect(d.resolveBy).toEqual(new Date("2026-11-03T19:00:00Z")); // Tuesday 13:00 CST
    expect(localTime(d.resolveBy, CHICAGO)).toBe("13:00");
  });

  it("business minutes counted on a day that springs forward start at the local opening time", () => {
    // Saturday 7 March 2026, 12:00 CST; clocks spring forward Sunday 8 March. Opens Monday 08:00 CDT (13:00Z).
    const at = addBusinessMinutes(new Date("2026-03-07T18:00:00Z"), 30, WEEKDAYS_8_TO_5, CHICAGO);
    expect(at).toEqual(new Date("2026-03-09T13:30:00Z"));
  });

  it("a grievance's 7-day notice keeps the local time of day across the change (169 elapsed hours)", () => {
    const received = new Date("2026-10-28T15:00:00Z"); // Wednesday 10:00 CDT
    const due = computeGrievanceNoticeBy(policyFor("high", "patient-rights"), received);
    expect(due).toEqual(new Date("2026-11-04T16:00:00Z")); // Wednesday 10:00 CST
    expect((due.getTime() - received.getTime()) / 3_600_000).toBe(169);
  });

  it("business hours are judged on the hospital's wall clock, not the server's", () => {
    expect(isWithinBusinessHours(new Date("2026-11-24T14:30:00Z"), WEEKDAYS_8_TO_5, CHICAGO)).toBe(true); // 08:30
    expect(isWithinBusinessHours(new Date("2026-11-24T13:30:00Z"), WEEKDAYS_8_TO_5, CHICAGO)).toBe(false); // 07:30
    expect(isWithinBusinessHours(new Date("2026-11-28T16:00:00Z"), WEEKDAYS_8_TO_5, CHICAGO)).toBe(false); // Saturday
    expect(isWithinBusinessHours(new Date("2026-11-24T23:00:00Z"), WEEKDAYS_8_TO_5, CHICAGO)).toBe(false); // 17:00
  });

  it("a duration that ends exactly at closing time ends then, not at the next opening", () => {
    const at = addBusinessMinutes(new Date("2026-11-24T22:00:00Z"), 60, WEEKDAYS_8_TO_5, CHICAGO); // 16:00 CST
    expect(at).toEqual(new Date("2026-11-24T23:00:00Z"));
  });
});

describe("policy selection", () => {
  const directory = sampleDirectory().directory;
  it.each([
    ["critical", "pain", "critical"],
    ["high", "billing", "high"],
    ["low", "billing", "billing-low"],
    ["low", "pain", "default"],
    ["moderate", "safety", "moderate"],
  ] as const)("%s %s concerns follow the %s policy", (severity, category, policy) => {
    expect(selectPolicy(directory, severity, asCategoryId(category)).id).toBe(policy);
  });

  it("the snapshot is a copy: editing the directory afterwards does not change it", () => {
    const policy = selectPolicy(directory, "critical", asCategoryId("pain"));
    const snapshot = snapshotPolicy(directory, policy);
    const ladder = policy.ladder as unknown as { afterMinutes: number }[];
    ladder[0]!.afterMinutes = 999;
    expect(snapshot.ladder[0]!.afterMinutes).toBe(0);
    ladder[0]!.afterMinutes = 0;
  });
});
