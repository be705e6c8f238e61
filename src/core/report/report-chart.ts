import { DateTime } from "luxon";
import type { Concern } from "../concern/concern.ts";
import { SEVERITIES, type Severity } from "../concern/severity.ts";
import { answeredAt, nearestRank, raisedIn } from "./report-numbers.ts";
import type { ReportRange } from "./report-period.ts";

/** One bar of the first chart: the concerns raised in one day (or week), by severity. */
export interface ChartBucket {
  /** "3 Nov" for a day, "w/c 3 Nov" for a week. */
  label: string;
  bySeverity: Readonly<Record<Severity, number>>;
}

/** One bar of the second chart: a department's median time to acknowledge, over `count` concerns. */
export interface DepartmentAcknowledge {
  department: string;
  count: number;
  medianMinutes?: number;
}

/**
 * What a report's chart image shows, as data: the adapters render it to a picture (the core draws
 * nothing). Names are the directory's; no concern's own text ever reaches a chart.
 */
export interface ReportChart {
  /** "November 2026": the period the bars cover. */
  periodLabel: string;
  raisedTitle: string;
  raised: readonly ChartBucket[];
  acknowledgeTitle: string;
  acknowledgeByDepartment: readonly DepartmentAcknowledge[];
  /** The picture in words, for screen readers (Slack's alt_text, the Adaptive Card Image's altText). */
  altText: string;
}

/** Beyond two months a bar per day is too thin to read; a bar per week keeps the shape. */
const MAX_DAILY_BARS = 62;
const MINUTE = 60_000;

const noneBySeverity = (): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

/** The start of each bar in the range, in the hospital's calendar. */
function bucketStarts(range: ReportRange, zone: string): { starts: DateTime[]; weekly: boolean } {
  const first = DateTime.fromJSDate(range.start, { zone }).startOf("day");
  const end = DateTime.fromJSDate(range.end, { zone });
  const weekly = end.diff(first, "days").days > MAX_DAILY_BARS;
  const starts: DateTime[] = [];
  for (
    let at = weekly ? first.startOf("week") : first;
    at < end;
    at = at.plus(weekly ? { weeks: 1 } : { days: 1 })
  ) {
    starts.push(at);
  }
  return { starts, weekly };
}

function raisedBuckets(
  concerns: readonly Concern[],
  range: ReportRange,
  zone: string,
): { buckets: ChartBucket[]; weekly: boolean } {
  const { starts, weekly } = bucketStarts(range, zone);
  const buckets = starts.map((start) => ({
    label: (weekly ? "w/c " : "") + start.toFormat("d LLL"),
    bySeverity: noneBySeverity(),
  }));
  for (const c of concerns) {
    const at = DateTime.fromJSDate(c.createdAt, { zone });
    const index = starts.findLastIndex((start) => start <= at);
    if (index >= 0) buckets[index]!.bySeverity[c.severity]++;
  }
  return { buckets, weekly };
}

/** Every department with a concern in the period, slowest median first (none answered: last). */
function acknowledgeByDepartment(
  concerns: readonly Concern[],
  departmentName: (c: Concern) => string,
): DepartmentAcknowledge[] {
  const minutes = new Map<string, number[]>();
  for (const c of concerns) {
    const list = minutes.get(departmentName(c)) ?? [];
    const answered = answeredAt(c);
    if (answered) list.push((answered.getTime() - c.createdAt.getTime()) / MINUTE);
    minutes.set(departmentName(c), list);
  }
  return [...minutes.entries()]
    .map(([department, list]) => ({ department, count: list.length, medianMinutes: nearestRank(list, 50) }))
    .sort(
      (a, b) => (b.medianMinutes ?? -1) - (a.medianMinutes ?? -1) || a.department.localeCompare(b.department),
    );
}

function altText(raised: readonly ChartBucket[], acknowledge: readonly DepartmentAcknowledge[]): string {
  const total = raised.reduce((sum, b) => sum + SEVERITIES.reduce((n, s) => n + b.bySeverity[s], 0), 0);
  const slowest = acknowledge.find((d) => d.medianMinutes !== undefined);
  const slowestWords = slowest
    ? ` Slowest median time to acknowledge: ${slowest.department}, ${Math.round(slowest.medianMinutes!)} min.`
    : "";
  return `Bar chart of ${total} concerns raised over ${raised.length} ${raised.length === 1 ? "bar" : "bars"}, by severity.${slowestWords}`;
}

/**
 * The chart of the concerns raised in `range` (already in the report's scope): bars per day stacked by
 * severity, and the median time to acknowledge by department (the same measure as the report's).
 */
export function reportChart(
  concerns: readonly Concern[],
  range: ReportRange,
  zone: string,
  departmentName: (c: Concern) => string,
): ReportChart {
  const inRange = concerns.filter((c) => raisedIn(c, range));
  const { buckets: raised, weekly } = raisedBuckets(inRange, range, zone);
  const acknowledge = acknowledgeByDepartment(inRange, departmentName);
  return {
    periodLabel: range.label,
    raisedTitle: `Concerns raised per ${weekly ? "week" : "day"}, by severity — ${range.label}`,
    raised,
    acknowledgeTitle: "Median time to acknowledge by department (minutes)",
    acknowledgeByDepartment: acknowledge,
    altText: altText(raised, acknowledge),
  };
}
