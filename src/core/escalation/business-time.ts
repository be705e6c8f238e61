import { DateTime } from "luxon";
import type { BusinessHours, Weekday } from "../directory/directory.ts";
import type { PolicyDuration } from "./duration.ts";

const LUXON_WEEKDAY: Record<number, Weekday> = {
  1: "mon",
  2: "tue",
  3: "wed",
  4: "thu",
  5: "fri",
  6: "sat",
  7: "sun",
};

function minutesOf(hhmm: string): { hour: number; minute: number } {
  const [hour, minute] = hhmm.split(":").map(Number);
  return { hour: hour ?? 0, minute: minute ?? 0 };
}

/** The business window of the local day containing `day`, or undefined when closed that day. */
function windowOf(day: DateTime, hours: BusinessHours): { start: DateTime; end: DateTime } | undefined {
  if (!hours.days.includes(LUXON_WEEKDAY[day.weekday]!)) return undefined;
  const start = day.startOf("day").set({ ...minutesOf(hours.start), second: 0, millisecond: 0 });
  const end = day.startOf("day").set({ ...minutesOf(hours.end), second: 0, millisecond: 0 });
  return { start, end };
}

export function isWithinBusinessHours(at: Date, hours: BusinessHours, timeZone: string): boolean {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const window = windowOf(local, hours);
  return window !== undefined && local >= window.start && local < window.end;
}

/**
 * Adds minutes that count only while the hospital is open, in the hospital's zone (not the server's).
 * Windows are built from local wall-clock times, so a daylight-saving change moves them with the clocks.
 */
export function addBusinessMinutes(
  from: Date,
  minutes: number,
  hours: BusinessHours,
  timeZone: string,
): Date {
  let cursor = DateTime.fromJSDate(from, { zone: timeZone });
  let remainingMs = minutes * 60_000;
  // Two years of days is far beyond any policy; the bound only stops a calendar with no open day.
  for (let day = 0; day < 731; day++) {
    const window = windowOf(cursor, hours);
    if (window && cursor < window.end) {
      const startAt = cursor < window.start ? window.start : cursor;
      const available = window.end.toMillis() - startAt.toMillis();
      if (remainingMs <= available) return new Date(startAt.toMillis() + remainingMs);
      remainingMs -= available;
    }
    cursor = cursor.plus({ days: 1 }).startOf("day");
  }
  throw new Error("Business hours have no open day: check the directory's businessHours.days");
}

/**
 * Adds whole days keeping the local time of day: every day on the calendar clock, only the hospital's
 * business days (its businessHours.days) on the business clock, as "5 business days" is counted.
 */
export function addDays(
  from: Date,
  days: number,
  clock: "calendar" | "business",
  hours: BusinessHours,
  timeZone: string,
): Date {
  let cursor = DateTime.fromJSDate(from, { zone: timeZone });
  if (clock === "calendar") return cursor.plus({ days }).toJSDate();
  for (let counted = 0; counted < days;) {
    cursor = cursor.plus({ days: 1 });
    if (hours.days.includes(LUXON_WEEKDAY[cursor.weekday]!)) counted++;
  }
  return cursor.toJSDate();
}

/** Adds a policy duration: elapsed minutes, or calendar days that keep the local time of day. */
export function addPolicyDuration(
  from: Date,
  duration: PolicyDuration,
  clock: "calendar" | "business",
  hours: BusinessHours,
  timeZone: string,
): Date {
  if (duration.unit === "days") {
    return DateTime.fromJSDate(from, { zone: timeZone }).plus({ days: duration.amount }).toJSDate();
  }
  if (clock === "business") return addBusinessMinutes(from, duration.amount, hours, timeZone);
  return new Date(from.getTime() + duration.amount * 60_000);
}

/** The calendar year in the hospital's zone, for references such as PR-2026-00042. */
export function localYear(at: Date, timeZone: string): number {
  return DateTime.fromJSDate(at, { zone: timeZone }).year;
}

/** "14:20" in the hospital's zone, for cards and replies. */
export function localTime(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("HH:mm");
}

/** "Tue 24 Nov 14:20" in the hospital's zone. */
export function localDateTime(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("ccc d LLL HH:mm");
}

/** Whether a form's text is a real "YYYY-MM-DD" day (not 31 February). */
export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}

/** The last moment of a "YYYY-MM-DD" day in the hospital's zone: what "by 12 December" means. */
export function endOfLocalDay(isoDate: string, timeZone: string): Date {
  return DateTime.fromISO(isoDate, { zone: timeZone }).endOf("day").toJSDate();
}

/** The first moment of a "YYYY-MM-DD" day in the hospital's zone (midnight there, whatever the server's). */
export function startOfLocalDay(isoDate: string, timeZone: string): Date {
  return DateTime.fromISO(isoDate, { zone: timeZone }).startOf("day").toJSDate();
}

/** "2026-03-31 23:59:30": a moment on the hospital's wall clock, to the second, for records. */
export function localTimestamp(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM-dd HH:mm:ss");
}

/** "2026-12-02": the hospital's calendar date, as date inputs and letters use it. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? "";
}

/** "November 29, 2026" (en-US) or "29 de noviembre de 2026" (es-US): a "YYYY-MM-DD" date written out. */
export function longDate(isoDate: string, locale: string): string {
  return DateTime.fromISO(isoDate, { locale }).toLocaleString(DateTime.DATE_FULL);
}
