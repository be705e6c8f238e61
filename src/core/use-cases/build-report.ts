import type { Concern } from "../concern/concern.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { LiaisonError } from "../errors.ts";
import { DEFAULT_PERIOD_WORDS, parseReportPeriod, splitReportWords } from "../report/report-period.ts";
import { reportChart, type ReportChart } from "../report/report-chart.ts";
import { reportNumbers, type ReportNames, type ReportNumbers } from "../report/report-numbers.ts";
import {
  departmentsToRead,
  parseReportScope,
  reportAccess,
  scopeLabel,
  type ReportScope,
} from "../report/report-scope.ts";
import { reportLines, reportTitle } from "../report/report-text.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/** A report as both platforms show it: its title and lines, and the numbers behind them (for a chart). */
export interface ReportContent {
  title: string;
  scope: string;
  lines: readonly string[];
  numbers: ReportNumbers;
  /** What the report's picture shows; adapters render it (see README "## Reports"). */
  chart: ReportChart;
}

/** The report, or why not: the words a person can act on (a period or scope not understood, a refusal). */
export type ReportAnswer =
  | { kind: "report"; content: ReportContent }
  | { kind: "refused"; code: LiaisonError["code"]; message: string };

function inScope(scope: ReportScope, directory: DirectoryIndex): (c: Concern) => boolean {
  switch (scope.kind) {
    case "unit":
      return (c) => directory.unitFor(c.unit)?.id === scope.unit.id;
    case "category":
      return (c) => c.category === scope.category.id;
    case "hospital":
    case "department":
      return () => true;
  }
}

const namesFrom = (directory: DirectoryIndex): ReportNames => ({
  category: (c) => directory.category(c.category)?.label ?? c.category,
  unit: (c) => directory.unitName(c.unit),
});

const departmentName = (directory: DirectoryIndex, c: Concern) =>
  directory.department(c.departmentId)?.name ?? c.departmentId;

/** What a report reads: the directory, the clock and the concerns (nothing it could change). */
type ReportContext = Pick<LiaisonContext, "concerns" | "directory" | "clock" | "logger">;

async function build(ctx: ReportContext, who: PlatformIdentity, words: string): Promise<ReportContent> {
  const directory = ctx.directory();
  const now = ctx.clock.now();
  const access = reportAccess(directory, identifyActor(directory, who).person);
  const request = splitReportWords(words);
  const scope = parseReportScope(request.scope, directory);
  const departments = departmentsToRead(scope, access);
  const period = parseReportPeriod(request.period ?? DEFAULT_PERIOD_WORDS, now, directory.hospital.timeZone);
  // One read covers both periods: the previous one ends where the current one starts.
  const concerns = await ctx.concerns.listRaisedBetween(
    period.previous.start,
    period.current.end,
    departments,
  );
  const scoped = concerns.filter(inScope(scope, directory));
  const numbers = reportNumbers(scoped, period, now, namesFrom(directory));
  const label = scopeLabel(scope, access);
  const chart = reportChart(scoped, period.current, directory.hospital.timeZone, (c) =>
    departmentName(directory, c),
  );
  return { title: reportTitle(label, numbers), scope: label, lines: reportLines(numbers), numbers, chart };
}

/**
 * `/concern report [department|unit|category] [period]` (and Teams' `report …`): the numbers of the
 * concerns raised in the period, against the period before, for the departments the asker may see.
 * The answer goes to the asker alone; adapters render it.
 */
export async function buildReport(
  ctx: ReportContext,
  who: PlatformIdentity,
  words: string,
): Promise<ReportAnswer> {
  try {
    return { kind: "report", content: await build(ctx, who, words) };
  } catch (error) {
    if (error instanceof LiaisonError) return { kind: "refused", code: error.code, message: error.message };
    throw error;
  }
}
