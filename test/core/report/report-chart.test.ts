import { describe, expect, it } from "vitest";
import type { Concern } from "../../../src/core/concern/concern.ts";
import type { Severity } from "../../../src/core/concern/severity.ts";
import { reportChart } from "../../../src/core/report/report-chart.ts";
import { parseReportPeriod } from "../../../src/core/report/report-period.ts";
import { historyConcern, NOW, type HistoryEntry } from "../../fixtures/report-history.ts";
import { sampleDirectory } from "../../support/sample-directory.ts";

const ZONE = "America/Chicago";
const directory = sampleDirectory();
const departmentName = (c: Concern) => directory.department(c.departmentId)?.name ?? c.departmentId;

let sequence = 0;
const raised = (severity: Severity, entry: Omit<HistoryEntry, "name" | "unit" | "category">): Concern => ({
  ...historyConcern({ name: `C${++sequence}`, unit: "4W", category: "pain", ...entry }, sequence),
  severity,
});

/** The first week of November 2026, in Chicago (CST, UTC−6, since 1 November). */
const FIRST_WEEK = [
  raised("critical", { raised: "2026-11-02T06:00:00Z", ackAfter: 10 }), // 00:00 on Monday 2 Nov
  raised("low", { raised: "2026-11-03T05:59:00Z", ackAfter: 30 }), // 23:59 on 2 Nov, not 3 Nov (UTC)
  raised("high", { raised: "2026-11-03T06:00:00Z", ackAfter: 120, department: "patient-financial-services" }),
  raised("moderate", { raised: "2026-11-05T15:00:00Z", department: "patient-financial-services" }),
  raised("high", { raised: "2026-11-06T15:00:00Z", ackAfter: 5, mergedInto: true }),
  raised("high", { raised: "2026-11-09T06:00:00Z", ackAfter: 5 }), // the next Monday: outside
];

const weekOf = (words: string) => parseReportPeriod(words, NOW, ZONE).current;

describe("the report's chart, as data (the picture is drawn from it)", () => {
  it("stacks the concerns raised each hospital-calendar day by severity, a bar for every day of the period", () => {
    const chart = reportChart(FIRST_WEEK, weekOf("2026-11-02..2026-11-08"), ZONE, departmentName);
    expect(chart.raised.map((b) => b.label)).toEqual([
      "2 Nov",
      "3 Nov",
      "4 Nov",
      "5 Nov",
      "6 Nov",
      "7 Nov",
      "8 Nov",
    ]);
    expect(chart.raised[0]!.bySeverity).toEqual({ low: 1, moderate: 0, high: 0, critical: 1 });
    expect(chart.raised[1]!.bySeverity).toEqual({ low: 0, moderate: 0, high: 1, critical: 0 });
    expect(chart.raised[3]!.bySeverity).toEqual({ low: 0, moderate: 1, high: 0, critical: 0 });
    // The merged concern is counted in the one it joined; an empty day is a bar of nothing.
    expect(chart.raised[4]!.bySeverity).toEqual({ low: 0, moderate: 0, high: 0, critical: 0 });
    expect(chart.raisedTitle).toBe("Concerns raised per day, by severity — 2026-11-02..2026-11-08");
  });

  it("gives each department's median time to acknowledge, slowest first, over the concerns answered", () => {
    const chart = reportChart(FIRST_WEEK, weekOf("2026-11-02..2026-11-08"), ZONE, departmentName);
    expect(chart.acknowledgeByDepartment).toEqual([
      // One of its two concerns was answered, after 120 minutes.
      { department: "Patient Financial Services", count: 1, medianMinutes: 120 },
      // 10 and 30: the nearest-rank median is the lower one.
      { department: "Nursing 4 West", count: 2, medianMinutes: 10 },
    ]);
    expect(chart.altText).toBe(
      "Bar chart of 4 concerns raised over 7 bars, by severity. Slowest median time to acknowledge: Patient Financial Services, 120 min.",
    );
  });

  it("draws a bar per week (Monday to Sunday) beyond two months, so a half-year stays readable", () => {
    const chart = reportChart(FIRST_WEEK, weekOf("2026-09-01..2026-12-31"), ZONE, departmentName);
    expect(chart.raised[0]!.label).toBe("w/c 31 Aug");
    expect(chart.raised).toHaveLength(18);
    const firstWeek = chart.raised.find((b) => b.label === "w/c 2 Nov")!;
    expect(firstWeek.bySeverity).toEqual({ low: 1, moderate: 1, high: 1, critical: 1 });
    expect(chart.raised.find((b) => b.label === "w/c 9 Nov")!.bySeverity.high).toBe(1);
    expect(chart.raisedTitle).toMatch(/^Concerns raised per week, by severity/);
  });

  it("an empty period still has its days, and no department to rank", () => {
    const chart = reportChart([], weekOf("2026-11-02..2026-11-08"), ZONE, departmentName);
    expect(chart.raised).toHaveLength(7);
    expect(chart.acknowledgeByDepartment).toEqual([]);
    expect(chart.altText).toBe("Bar chart of 0 concerns raised over 7 bars, by severity.");
  });
});
