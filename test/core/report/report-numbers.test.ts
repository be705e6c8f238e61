import { describe, expect, it } from "vitest";
import {
  nearestRank,
  periodChange,
  reportNumbers,
  type ReportNames,
} from "../../../src/core/report/report-numbers.ts";
import { parseReportPeriod } from "../../../src/core/report/report-period.ts";
import { reportLines } from "../../../src/core/report/report-text.ts";
import { historyConcern, historyConcerns, NOVEMBER, NOW } from "../../fixtures/report-history.ts";
import { sampleDirectory } from "../../support/sample-directory.ts";

const ZONE = "America/Chicago";
const directory = sampleDirectory();
const names: ReportNames = {
  category: (c) => directory.category(c.category)?.label ?? c.category,
  unit: (c) => directory.unitName(c.unit),
};
const november = () => reportNumbers(historyConcerns(), parseReportPeriod("2026-11", NOW, ZONE), NOW, names);

describe("the nearest-rank percentile", () => {
  it("is the ⌈p/100 × n⌉-th smallest value, never an interpolation", () => {
    const ten = [60, 3, 45, 5, 30, 8, 20, 10, 15, 12];
    expect(nearestRank(ten, 50)).toBe(12); // rank 5
    expect(nearestRank(ten, 90)).toBe(45); // rank 9
    expect(nearestRank([4, 1, 3, 2], 50)).toBe(2); // rank 2: the lower middle, not 2.5
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeUndefined();
  });
});

describe("the numbers of November 2026 at St. Example General, against October", () => {
  it("counts the concerns raised between local midnights, not UTC ones, and not a merged one twice", () => {
    const { current, previous } = november();
    // N1–N10 and N12: N1 at 00:00 on 1 Nov and N10 at 23:59 on 30 Nov local; N11 was merged.
    expect(current.raised).toBe(11);
    // O1–O5, O5 at 23:59 on 31 October local; D1 (00:00 on 1 December) is in neither.
    expect(previous.raised).toBe(5);
    expect(periodChange(current.raised, previous.raised)).toBe(6);
  });

  it("gives the median and 90th percentile of the times to acknowledge and to resolve, in minutes", () => {
    const { current, previous } = november();
    // Acknowledged: 3 5 8 10 12 15 20 30 45 60 (N9 never was).
    expect(current.acknowledge).toEqual({ count: 10, median: 12, p90: 45 });
    // Resolved: 30 45 60 90 120 300 1440 10080 — rank 4 and rank ⌈7.2⌉ = 8.
    expect(current.resolve).toEqual({ count: 8, median: 90, p90: 10080 });
    // October: 2 4 6 10 20, and 50 100 200 2000.
    expect(previous.acknowledge).toEqual({ count: 5, median: 6, p90: 20 });
    expect(previous.resolve).toEqual({ count: 4, median: 100, p90: 2000 });
  });

  it("counts a concern acknowledged at its deadline as within policy, and one never acknowledged as late", () => {
    const { current, previous } = november();
    // Late: N3 (30 of 15), N6 (45 of 15), N9 (not acknowledged, deadline long past).
    expect(current.acknowledgedWithinPolicy).toEqual({ count: 8, of: 11, share: 8 / 11 });
    expect(previous.acknowledgedWithinPolicy).toEqual({ count: 4, of: 5, share: 0.8 });
  });

  it("counts escalations by the highest level each concern reached", () => {
    const { current, previous } = november();
    expect(current.escalationsByLevel).toEqual([
      { level: 1, count: 2 },
      { level: 2, count: 1 },
    ]);
    expect(previous.escalationsByLevel).toEqual([{ level: 1, count: 1 }]);
  });

  it("says which grievances were answered, and answered in writing, by their 42 CFR 482.13 deadlines", () => {
    const { current, previous } = november();
    // N7 in writing a day early; N8's interim notice on its deadline day; N9 not at all.
    // In writing: N7 on time; N8 missed its promised 2 December; N9 missed 2 December.
    expect(current.grievances).toEqual({
      count: 3,
      answeredOnTime: { count: 2, of: 3, share: 2 / 3 },
      writtenOnTime: { count: 1, of: 3, share: 1 / 3 },
    });
    // O4: due 2 November, answered on the 5th.
    expect(previous.grievances).toEqual({
      count: 1,
      answeredOnTime: { count: 0, of: 1, share: 0 },
      writtenOnTime: { count: 0, of: 1, share: 0 },
    });
  });

  it("does not count a grievance as late while its deadline is still ahead", () => {
    const early = new Date("2026-11-26T16:00:00Z"); // N9 was raised yesterday: due 2 December
    const concerns = NOVEMBER.filter((e) => e.name === "N7" || e.name === "N9").map(historyConcern);
    const numbers = reportNumbers(concerns, parseReportPeriod("2026-11", early, ZONE), early, names);
    // Only N7 (answered) counts; N9 is still within its 7 days.
    expect(numbers.current.grievances.answeredOnTime).toEqual({ count: 1, of: 1, share: 1 });
    expect(numbers.current.grievances.count).toBe(2);
  });

  it("gives the satisfaction ratings' count, mean and spread, and the top categories and units", () => {
    const { current, previous } = november();
    expect(current.satisfaction).toEqual({
      count: 5,
      mean: 3.8,
      distribution: { 1: 0, 2: 1, 3: 1, 4: 1, 5: 2 },
    });
    expect(previous.satisfaction.mean).toBe(4);
    // Call light and Communication tie at 2: alphabetical order decides.
    expect(current.topCategories).toEqual([
      { name: "Pain not managed", count: 3 },
      { name: "Call light / response time", count: 2 },
      { name: "Communication or courtesy", count: 2 },
    ]);
    expect(current.topUnits).toEqual([
      { name: "4 West", count: 6 },
      { name: "5 East", count: 3 },
      { name: "Emergency Department", count: 1 },
    ]);
    expect(previous.topUnits).toEqual([
      { name: "4 West", count: 4 },
      { name: "5 East", count: 1 },
    ]);
  });

  it("says it in the words both platforms show", () => {
    expect(reportLines(november())).toEqual([
      "Concerns raised: 11 (▲ 6 vs October 2026: 5)",
      "Time to acknowledge: median 12 min, 90th percentile 45 min (October 2026: 6 min / 20 min)",
      "Time to resolve: median 1 h 30 min, 90th percentile 7 d (October 2026: 1 h 40 min / 1 d 9 h)",
      "Acknowledged within policy: 73% (8 of 11) (October 2026: 80%)",
      "Escalations by highest level reached: level 1: 2, level 2: 1 (October 2026: level 1: 1)",
      "Grievances: 3; first response on time 67% (2 of 3), written response on time 33% (1 of 3) (October 2026: 1; 0% / 0%)",
      "Satisfaction: mean 3.8 of 5 from 5 (1★ 0 · 2★ 1 · 3★ 1 · 4★ 1 · 5★ 2) (October 2026: 4.0 from 1)",
      "Top categories: Pain not managed 3, Call light / response time 2, Communication or courtesy 2 (October 2026: Pain not managed 2, Call light / response time 1, Communication or courtesy 1)",
      "Top units: 4 West 6, 5 East 3, Emergency Department 1 (October 2026: 4 West 4, 5 East 1)",
    ]);
  });
});

describe("an empty period", () => {
  it("has no data rather than NaN, and says so", () => {
    const numbers = reportNumbers(historyConcerns(), parseReportPeriod("2026-09", NOW, ZONE), NOW, names);
    expect(numbers.current.raised).toBe(0);
    expect(numbers.current.acknowledge).toEqual({ count: 0, median: undefined, p90: undefined });
    expect(numbers.current.acknowledgedWithinPolicy).toEqual({ count: 0, of: 0, share: undefined });
    expect(numbers.current.satisfaction.mean).toBeUndefined();
    expect(
      periodChange(numbers.current.acknowledge.median, numbers.previous.acknowledge.median),
    ).toBeUndefined();
    expect(JSON.stringify(numbers)).not.toContain("NaN");
    const lines = reportLines(numbers);
    expect(lines.join("\n")).not.toMatch(/NaN|undefined/);
    expect(lines.slice(0, 4)).toEqual([
      "Concerns raised: 0 (no change vs August 2026: 0)",
      "Time to acknowledge: no data (August 2026: no data)",
      "Time to resolve: no data (August 2026: no data)",
      "Acknowledged within policy: no data (August 2026: no data)",
    ]);
    expect(lines.at(-1)).toBe("Top units: none (August 2026: none)");
  });
});
