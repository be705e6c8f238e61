import type { ChartPainter, Logger, ReportContent } from "../../core/index.ts";
import { type CardJson, expandCard } from "./teams-cards.ts";

/** Teams refuses a message whose card is larger than about 28 KB. */
export const TEAMS_CARD_BYTE_LIMIT = 28 * 1024;

export const CHART_NOT_DRAWN = "The chart could not be drawn this time; the numbers above are complete.";
export const CHART_TOO_LARGE =
  "The chart is too large for a Teams card; ask for a shorter period or one department to see it.";

const bytesOf = (card: CardJson) => Buffer.byteLength(JSON.stringify(card), "utf8");

function reportCard(content: ReportContent, chartUrl: string, chartMissing: string): CardJson {
  return expandCard("report-card", {
    title: content.title,
    lines: [...content.lines],
    chart: { url: chartUrl, altText: content.chart.altText },
    chartMissing,
  });
}

/**
 * A report as one Adaptive Card: its title and lines, and the chart inside it as a data: URL (Teams
 * shows base64 images in cards, and no public address is needed). Without a chart, the card says why;
 * the numbers are never held back for the picture.
 */
export async function teamsReportCard(
  content: ReportContent,
  deps: { charts: ChartPainter; logger: Logger },
): Promise<CardJson> {
  let png: Uint8Array;
  try {
    png = await deps.charts.paintReport(content.chart, "compact");
  } catch (error) {
    deps.logger.warn({ error: String(error) }, "teams report chart not drawn; the numbers were answered");
    return reportCard(content, "", CHART_NOT_DRAWN);
  }
  const card = reportCard(content, `data:image/png;base64,${Buffer.from(png).toString("base64")}`, "");
  return bytesOf(card) <= TEAMS_CARD_BYTE_LIMIT ? card : reportCard(content, "", CHART_TOO_LARGE);
}
