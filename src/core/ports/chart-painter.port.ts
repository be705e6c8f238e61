import type { ReportChart } from "../report/report-chart.ts";

/**
 * Where a chart is shown: across a message's full width (Slack's image in a file share), or inside a
 * card that must stay under Teams' 28 KB (a smaller picture).
 */
export type ChartFit = "wide" | "compact";

/** Paints a report's chart as a PNG; infra draws it on the server, from the numbers alone. */
export interface ChartPainter {
  paintReport(chart: ReportChart, fit: ChartFit): Promise<Uint8Array>;
}
