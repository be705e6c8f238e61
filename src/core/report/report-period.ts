import { DateTime } from "luxon";
import { InvalidInputError } from "../errors.ts";

/** A half-open stretch of time [start, end) in the hospital's calendar, with the words a report uses for it. */
export interface ReportRange {
  start: Date;
  end: Date;
  /** "November 2026", "week of 23 Nov 2026", "2026-11-01..2026-11-15". */
  label: string;
}

/** The period asked for and the one it is compared with (of equal length; for a month, the month before). */
export interface ReportPeriod {
  current: ReportRange;
  previous: ReportRange;
}

export const PERIOD_HINT =
  "expected this week, last week, this month, last month, 2026-11 or 2026-11-01..2026-11-15";

/** What a report covers when the asker names no period. */
export const DEFAULT_PERIOD_WORDS = "this month";

/** The longest from..to range: a year is already a long comparison, and it bounds what one report reads. */
const MAX_RANGE_DAYS = 366;

const MONTH = /^(\d{4})-(\d{2})$/;
const DAYS = /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/;
/** The words at the end of a request that name a period; what comes before them is the scope. */
const PERIOD_AT_END =
  /(?:^|\s)((?:this|last)\s+(?:week|month)|\d{4}-\d{2}-\d{2}\s*\.\.\s*\d{4}-\d{2}-\d{2}|\d{4}-\d{2})$/i;

function invalid(message: string): InvalidInputError {
  return new InvalidInputError({ period: message });
}

const range = (start: DateTime, end: DateTime, label: string): ReportRange => ({
  start: start.toJSDate(),
  end: end.toJSDate(),
  label,
});

const monthRange = (first: DateTime): ReportRange =>
  range(first, first.plus({ months: 1 }), first.toFormat("LLLL yyyy"));

/** Weeks start on Monday (ISO 8601), as hospital rosters and most of the world's calendars do. */
const weekRange = (monday: DateTime): ReportRange =>
  range(monday, monday.plus({ weeks: 1 }), `week of ${monday.toFormat("d LLL yyyy")}`);

function monthPeriod(first: DateTime): ReportPeriod {
  return { current: monthRange(first), previous: monthRange(first.minus({ months: 1 })) };
}

function weekPeriod(monday: DateTime): ReportPeriod {
  return { current: weekRange(monday), previous: weekRange(monday.minus({ weeks: 1 })) };
}

function day(text: string, zone: string): DateTime {
  const d = DateTime.fromISO(text, { zone });
  if (!d.isValid) throw invalid(`${text} is not a date on the calendar; ${PERIOD_HINT}.`);
  return d.startOf("day");
}

/** From one day to another, both included; compared with as many days just before. */
function daysPeriod(fromText: string, toText: string, zone: string): ReportPeriod {
  const from = day(fromText, zone);
  const to = day(toText, zone);
  if (to < from) throw invalid(`${fromText}..${toText} ends before it starts; put the earlier day first.`);
  // Counted in calendar days, not hours, so a range across a daylight-saving change stays whole days.
  const days = Math.round(to.diff(from, "days").days) + 1;
  if (days > MAX_RANGE_DAYS)
    throw invalid(`A report covers at most ${MAX_RANGE_DAYS} days; ${fromText}..${toText} is ${days}.`);
  const end = to.plus({ days: 1 });
  const previousFrom = from.minus({ days });
  const label = (a: DateTime, b: DateTime) => `${a.toISODate()}..${b.toISODate()}`;
  return {
    current: range(from, end, label(from, to)),
    previous: range(previousFrom, from, label(previousFrom, from.minus({ days: 1 }))),
  };
}

/**
 * The period a person named ("this week", "last month", "2026-11", "2026-11-01..2026-11-15"), in the
 * hospital's time zone: local midnights bound it, so a daylight-saving change never shifts a day.
 */
export function parseReportPeriod(words: string, now: Date, timeZone: string): ReportPeriod {
  const text = words.trim().toLowerCase().replace(/\s+/g, " ");
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf("day");
  if (text === "this week") return weekPeriod(today.startOf("week"));
  if (text === "last week") return weekPeriod(today.startOf("week").minus({ weeks: 1 }));
  if (text === "this month") return monthPeriod(today.startOf("month"));
  if (text === "last month") return monthPeriod(today.startOf("month").minus({ months: 1 }));
  const month = MONTH.exec(text);
  if (month) {
    const first = DateTime.fromObject(
      { year: Number(month[1]), month: Number(month[2]), day: 1 },
      { zone: timeZone },
    );
    if (!first.isValid) throw invalid(`${text} is not a month; ${PERIOD_HINT}.`);
    return monthPeriod(first);
  }
  const days = DAYS.exec(text);
  if (days) return daysPeriod(days[1]!, days[2]!, timeZone);
  throw invalid(`"${words.trim()}" is not a period I know; ${PERIOD_HINT}.`);
}

/** Splits "4 West last month" into its scope ("4 West") and its period words ("last month"), if any. */
export function splitReportWords(words: string): { scope: string; period?: string } {
  const text = words.trim().replace(/\s+/g, " ");
  const match = PERIOD_AT_END.exec(text);
  if (!match) return { scope: text };
  return { scope: text.slice(0, match.index).trim(), period: match[1]! };
}
