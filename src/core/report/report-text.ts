import {
  periodChange,
  type MinutesSpread,
  type PeriodNumbers,
  type RankedCount,
  type ReportNumbers,
  type Share,
} from "./report-numbers.ts";

/** "6 min", "2 h 5 min", "3 d 4 h": whole minutes, the largest two units that matter. */
export function durationWords(minutes: number): string {
  const total = Math.round(minutes);
  if (total < 60) return `${total} min`;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = total % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
}

const percent = (s: Share) => (s.share === undefined ? "no data" : `${Math.round(s.share * 100)}%`);
const shareWords = (s: Share) =>
  s.share === undefined ? "no data" : `${percent(s)} (${s.count} of ${s.of})`;

/** "▲ 5", "▼ 2", "no change"; an arrow shows which way, not whether that is good. */
function delta(current: number, previous: number): string {
  const d = periodChange(current, previous)!;
  if (d === 0) return "no change";
  return d > 0 ? `▲ ${d}` : `▼ ${-d}`;
}

function spreadWords(s: MinutesSpread): string {
  return s.median === undefined
    ? "no data"
    : `median ${durationWords(s.median)}, 90th percentile ${durationWords(s.p90!)}`;
}

const shortSpread = (s: MinutesSpread) =>
  s.median === undefined ? "no data" : `${durationWords(s.median)} / ${durationWords(s.p90!)}`;

const ranked = (list: readonly RankedCount[]) =>
  list.length === 0 ? "none" : list.map((r) => `${r.name} ${r.count}`).join(", ");

const levels = (p: PeriodNumbers) =>
  p.escalationsByLevel.length === 0
    ? "none"
    : p.escalationsByLevel.map((l) => `level ${l.level}: ${l.count}`).join(", ");

function satisfactionWords(p: PeriodNumbers): string {
  const s = p.satisfaction;
  if (s.mean === undefined) return "none recorded";
  const spreadOf = Object.entries(s.distribution)
    .map(([rating, count]) => `${rating}★ ${count}`)
    .join(" · ");
  return `mean ${s.mean.toFixed(1)} of 5 from ${s.count} (${spreadOf})`;
}

const shortSatisfaction = (p: PeriodNumbers) =>
  p.satisfaction.mean === undefined
    ? "none"
    : `${p.satisfaction.mean.toFixed(1)} from ${p.satisfaction.count}`;

function grievanceWords(p: PeriodNumbers): string {
  const g = p.grievances;
  if (g.count === 0) return "none";
  return `${g.count}; first response on time ${shareWords(g.answeredOnTime)}, written response on time ${shareWords(g.writtenOnTime)}`;
}

const shortGrievances = (p: PeriodNumbers) =>
  p.grievances.count === 0
    ? "none"
    : `${p.grievances.count}; ${percent(p.grievances.answeredOnTime)} / ${percent(p.grievances.writtenOnTime)}`;

/**
 * The lines of a report, the same on both platforms: each period's number, then the previous period's
 * in brackets. Durations run from when a concern was raised; see README "## Reports" for each definition.
 */
export function reportLines({ current: now, previous: before }: ReportNumbers): string[] {
  const vs = before.range.label;
  return [
    `Concerns raised: ${now.raised} (${delta(now.raised, before.raised)} vs ${vs}: ${before.raised})`,
    `Time to acknowledge: ${spreadWords(now.acknowledge)} (${vs}: ${shortSpread(before.acknowledge)})`,
    `Time to resolve: ${spreadWords(now.resolve)} (${vs}: ${shortSpread(before.resolve)})`,
    `Acknowledged within policy: ${shareWords(now.acknowledgedWithinPolicy)} (${vs}: ${percent(before.acknowledgedWithinPolicy)})`,
    `Escalations by highest level reached: ${levels(now)} (${vs}: ${levels(before)})`,
    `Grievances: ${grievanceWords(now)} (${vs}: ${shortGrievances(before)})`,
    `Satisfaction: ${satisfactionWords(now)} (${vs}: ${shortSatisfaction(before)})`,
    `Top categories: ${ranked(now.topCategories)} (${vs}: ${ranked(before.topCategories)})`,
    `Top units: ${ranked(now.topUnits)} (${vs}: ${ranked(before.topUnits)})`,
  ];
}

/** "Concerns report: Nursing 4 West, November 2026 (compared with October 2026)". */
export const reportTitle = (scope: string, numbers: ReportNumbers) =>
  `Concerns report: ${scope}, ${numbers.current.range.label} (compared with ${numbers.previous.range.label})`;
