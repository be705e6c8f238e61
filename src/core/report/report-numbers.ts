import { DateTime } from "luxon";
import type { Concern } from "../concern/concern.ts";
import { computeGrievanceNoticeBy } from "../escalation/compute-deadlines.ts";
import { RATINGS, type Rating } from "../satisfaction/satisfaction.ts";
import type { ReportPeriod, ReportRange } from "./report-period.ts";

/** A median and a 90th percentile in minutes, over `count` values; both undefined when there are none. */
export interface MinutesSpread {
  count: number;
  median?: number;
  p90?: number;
}

/** `count` of `of`; `share` (0..1) is undefined when `of` is 0: no data, never NaN. */
export interface Share {
  count: number;
  of: number;
  share?: number;
}

export interface RankedCount {
  name: string;
  count: number;
}

export interface GrievanceNumbers {
  count: number;
  /** The first response (interim notice or written response) sent by the first deadline. */
  answeredOnTime: Share;
  /** The written response sent by the day it was due (the interim notice's promised day, if one came on time). */
  writtenOnTime: Share;
}

export interface SatisfactionNumbers {
  count: number;
  mean?: number;
  /** How many gave each rating, 1 (very dissatisfied) to 5 (very satisfied). */
  distribution: Readonly<Record<Rating, number>>;
}

/** The numbers of one period: every count is of the concerns raised in it. */
export interface PeriodNumbers {
  range: ReportRange;
  raised: number;
  acknowledge: MinutesSpread;
  resolve: MinutesSpread;
  acknowledgedWithinPolicy: Share;
  /** Concerns by the highest ladder level they reached (level 1 and up), lowest level first. */
  escalationsByLevel: readonly { level: number; count: number }[];
  grievances: GrievanceNumbers;
  satisfaction: SatisfactionNumbers;
  topCategories: readonly RankedCount[];
  topUnits: readonly RankedCount[];
}

export interface ReportNumbers {
  current: PeriodNumbers;
  previous: PeriodNumbers;
}

/** How the report names a concern's category and unit (the directory's label and unit name). */
export interface ReportNames {
  category: (concern: Concern) => string;
  unit: (concern: Concern) => string;
}

const TOP = 3;
const MINUTE = 60_000;

/**
 * The nearest-rank percentile: the smallest value with at least p% of the values at or below it, i.e.
 * the ⌈p/100 × n⌉-th smallest. Always one of the values (no interpolation); undefined for none.
 */
export function nearestRank(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function spread(minutes: readonly number[]): MinutesSpread {
  return { count: minutes.length, median: nearestRank(minutes, 50), p90: nearestRank(minutes, 90) };
}

const share = (count: number, of: number): Share => ({ count, of, share: of === 0 ? undefined : count / of });

/** Current minus previous; undefined when either is (no data on one side). */
export function periodChange(current: number | undefined, previous: number | undefined): number | undefined {
  return current === undefined || previous === undefined ? undefined : current - previous;
}

/**
 * When the concern was answered: its acknowledgement, or its resolution when it was resolved without
 * being acknowledged first (resolving answers it too). After a reopening or a reassignment, the latest.
 */
export const answeredAt = (c: Concern): Date | undefined => c.acknowledgedAt ?? c.resolvedAt;

const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / MINUTE;

/**
 * Acknowledged within policy: answered at or before its acknowledgeBy deadline. Counted among the
 * concerns answered, or whose deadline has passed by `now`: one still within its time is not yet late.
 */
function withinPolicy(concerns: readonly Concern[], now: Date): Share {
  const due = concerns.filter((c) => answeredAt(c) !== undefined || c.acknowledgeBy <= now);
  const onTime = due.filter((c) => answeredAt(c) !== undefined && answeredAt(c)! <= c.acknowledgeBy);
  return share(onTime.length, due.length);
}

function escalationsByLevel(concerns: readonly Concern[]): { level: number; count: number }[] {
  const byLevel = new Map<number, number>();
  for (const c of concerns) {
    if (c.escalation.level > 0) byLevel.set(c.escalation.level, (byLevel.get(c.escalation.level) ?? 0) + 1);
  }
  return [...byLevel.entries()].sort(([a], [b]) => a - b).map(([level, count]) => ({ level, count }));
}

/** The hospital-calendar day after `isoDay` has begun: the end of that day has passed. */
const dayOver = (isoDay: string, now: Date, zone: string) =>
  DateTime.fromISO(isoDay, { zone }).plus({ days: 1 }).startOf("day").toJSDate() <= now;

const localDay = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISODate()!;

/**
 * 42 CFR 482.13(a)(2): a grievance gets a written response; when it cannot be resolved in the policy's
 * time (7 days by CMS guidance), an interim notice by then, and the written response by the day it promised.
 * The first deadline is recomputed from the policy snapshot and the day it was raised, because an
 * interim notice moves grievanceNoticeBy to its promised day. Days are the hospital's calendar days,
 * as the notices record them ("sentOn"). A grievance is counted once it was answered or its day is over.
 */
function grievanceNumbers(concerns: readonly Concern[], now: Date): GrievanceNumbers {
  const grievances = concerns.filter((c) => c.isGrievance);
  let answeredDue = 0;
  let answeredOnTime = 0;
  let writtenDue = 0;
  let writtenOnTime = 0;
  for (const g of grievances) {
    const zone = g.policy.timeZone;
    const firstDay = localDay(computeGrievanceNoticeBy(g.policy, g.createdAt), zone);
    const interim = g.grievanceInterim?.sentOn;
    const written = g.grievanceLetter?.sent?.sentOn;
    const first = [interim, written].filter((d) => d !== undefined).sort()[0];
    if (first !== undefined || dayOver(firstDay, now, zone)) {
      answeredDue++;
      if (first !== undefined && first <= firstDay) answeredOnTime++;
    }
    const writtenDay =
      interim !== undefined && interim <= firstDay ? g.grievanceInterim!.followUpOn : firstDay;
    if (written !== undefined || dayOver(writtenDay, now, zone)) {
      writtenDue++;
      if (written !== undefined && written <= writtenDay) writtenOnTime++;
    }
  }
  return {
    count: grievances.length,
    answeredOnTime: share(answeredOnTime, answeredDue),
    writtenOnTime: share(writtenOnTime, writtenDue),
  };
}

function satisfactionNumbers(concerns: readonly Concern[]): SatisfactionNumbers {
  const ratings = concerns.flatMap((c) => (c.satisfaction ? [c.satisfaction.rating] : []));
  const distribution = Object.fromEntries(RATINGS.map((r) => [r.value, 0])) as Record<Rating, number>;
  for (const rating of ratings) distribution[rating]++;
  const mean = ratings.length === 0 ? undefined : ratings.reduce((a, b) => a + b, 0) / ratings.length;
  return { count: ratings.length, mean, distribution };
}

/** The most frequent names, most first; a tie goes to the name first in alphabetical order. */
function top(concerns: readonly Concern[], nameOf: (c: Concern) => string): RankedCount[] {
  const counts = new Map<string, number>();
  for (const c of concerns) counts.set(nameOf(c), (counts.get(nameOf(c)) ?? 0) + 1);
  return [...counts.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, TOP);
}

/** Raised in [start, end); a concern merged into another is the same concern, counted there. */
export const raisedIn = (c: Concern, range: ReportRange) =>
  c.createdAt >= range.start && c.createdAt < range.end && c.mergedInto === undefined;

/** The numbers of the concerns raised in `range`, as they stand at `now`. */
export function periodNumbers(
  all: readonly Concern[],
  range: ReportRange,
  now: Date,
  names: ReportNames,
): PeriodNumbers {
  const concerns = all.filter((c) => raisedIn(c, range));
  const ackMinutes = concerns.flatMap((c) =>
    answeredAt(c) ? [minutesBetween(c.createdAt, answeredAt(c)!)] : [],
  );
  const resolveMinutes = concerns.flatMap((c) =>
    c.resolvedAt ? [minutesBetween(c.createdAt, c.resolvedAt)] : [],
  );
  return {
    range,
    raised: concerns.length,
    acknowledge: spread(ackMinutes),
    resolve: spread(resolveMinutes),
    acknowledgedWithinPolicy: withinPolicy(concerns, now),
    escalationsByLevel: escalationsByLevel(concerns),
    grievances: grievanceNumbers(concerns, now),
    satisfaction: satisfactionNumbers(concerns),
    topCategories: top(concerns, names.category),
    topUnits: top(concerns, names.unit),
  };
}

/** A period's numbers and the previous period's, from the concerns raised in either. */
export function reportNumbers(
  concerns: readonly Concern[],
  period: ReportPeriod,
  now: Date,
  names: ReportNames,
): ReportNumbers {
  return {
    current: periodNumbers(concerns, period.current, now, names),
    previous: periodNumbers(concerns, period.previous, now, names),
  };
}
