import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/core/errors.ts";
import { parseReportPeriod, splitReportWords } from "../../../src/core/report/report-period.ts";

const ZONE = "America/Chicago";
const iso = (d: Date) => d.toISOString();
const span = (words: string, now: string) => {
  const p = parseReportPeriod(words, new Date(now), ZONE);
  return {
    current: [iso(p.current.start), iso(p.current.end), p.current.label],
    previous: [iso(p.previous.start), iso(p.previous.end), p.previous.label],
  };
};

describe("the period a report covers, in the hospital's calendar (America/Chicago)", () => {
  it("a month runs from local midnight to local midnight, and is compared with the month before", () => {
    // November begins on daylight time (UTC-5) and ends on standard time (UTC-6).
    expect(span("2026-11", "2026-12-03T16:00:00Z")).toEqual({
      current: ["2026-11-01T05:00:00.000Z", "2026-12-01T06:00:00.000Z", "November 2026"],
      previous: ["2026-10-01T05:00:00.000Z", "2026-11-01T05:00:00.000Z", "October 2026"],
    });
    // March is compared with February, however short.
    expect(span("2026-03", "2026-12-03T16:00:00Z").previous).toEqual([
      "2026-02-01T06:00:00.000Z",
      "2026-03-01T06:00:00.000Z",
      "February 2026",
    ]);
  });

  it("'last month' and 'this month' follow the local date, not UTC's", () => {
    // 23:30 on 30 November in Chicago is already 1 December in UTC: last month is still October.
    expect(span("last month", "2026-12-01T05:30:00Z").current[2]).toBe("October 2026");
    expect(span("this month", "2026-12-01T05:30:00Z").current[2]).toBe("November 2026");
    expect(span("Last  Month", "2026-12-01T06:30:00Z").current[2]).toBe("November 2026");
  });

  it("weeks start on Monday, and the week of the change of clocks is 169 hours long", () => {
    // Wednesday 4 November: this week began on Monday 2 November (standard time).
    expect(span("this week", "2026-11-04T12:00:00Z")).toEqual({
      current: ["2026-11-02T06:00:00.000Z", "2026-11-09T06:00:00.000Z", "week of 2 Nov 2026"],
      previous: ["2026-10-26T05:00:00.000Z", "2026-11-02T06:00:00.000Z", "week of 26 Oct 2026"],
    });
    // Sunday 8 November is still in that week; Monday 9 November local starts the next.
    expect(span("last week", "2026-11-09T06:00:00Z").current[0]).toBe("2026-11-02T06:00:00.000Z");
    expect(span("this week", "2026-11-09T05:59:00Z").current[0]).toBe("2026-11-02T06:00:00.000Z");
  });

  it("a range of days includes both days and is compared with as many days just before it", () => {
    expect(span("2026-10-25..2026-11-07", "2026-12-03T16:00:00Z")).toEqual({
      current: ["2026-10-25T05:00:00.000Z", "2026-11-08T06:00:00.000Z", "2026-10-25..2026-11-07"],
      previous: ["2026-10-11T05:00:00.000Z", "2026-10-25T05:00:00.000Z", "2026-10-11..2026-10-24"],
    });
    expect(span("2026-11-15 .. 2026-11-15", "2026-12-03T16:00:00Z").previous[2]).toBe(
      "2026-11-14..2026-11-14",
    );
  });

  it("says what it expected when it cannot read the period", () => {
    const refusal = (words: string) => {
      try {
        parseReportPeriod(words, new Date("2026-12-03T16:00:00Z"), ZONE);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        return (error as Error).message;
      }
      throw new Error(`"${words}" was read as a period`);
    };
    const hint = "expected this week, last week, this month, last month, 2026-11 or 2026-11-01..2026-11-15";
    expect(refusal("next year")).toBe(`"next year" is not a period I know; ${hint}.`);
    expect(refusal("2026-13")).toBe(`2026-13 is not a month; ${hint}.`);
    expect(refusal("2026-02-30..2026-03-04")).toBe(`2026-02-30 is not a date on the calendar; ${hint}.`);
    expect(refusal("2026-11-15..2026-11-01")).toBe(
      "2026-11-15..2026-11-01 ends before it starts; put the earlier day first.",
    );
    expect(refusal("2025-01-01..2026-06-30")).toBe(
      "A report covers at most 366 days; 2025-01-01..2026-06-30 is 546.",
    );
  });
});

describe("a report's words", () => {
  it("end with the period, if they name one; what comes before is the scope", () => {
    expect(splitReportWords("4 West last month")).toEqual({ scope: "4 West", period: "last month" });
    expect(splitReportWords("  pain   2026-11 ")).toEqual({ scope: "pain", period: "2026-11" });
    expect(splitReportWords("nursing-4w 2026-11-01..2026-11-15")).toEqual({
      scope: "nursing-4w",
      period: "2026-11-01..2026-11-15",
    });
    expect(splitReportWords("this week")).toEqual({ scope: "", period: "this week" });
    expect(splitReportWords("Nursing 4 West")).toEqual({ scope: "Nursing 4 West" });
    expect(splitReportWords("")).toEqual({ scope: "" });
  });
});
