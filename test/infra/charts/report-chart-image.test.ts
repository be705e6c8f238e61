import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { teamsReportCard, TEAMS_CARD_BYTE_LIMIT } from "../../../src/adapters/teams/teams-report-card.ts";
import type { ReportChart } from "../../../src/core/report/report-chart.ts";
import type { ReportContent } from "../../../src/core/use-cases/build-report.ts";
import { CHART_SIZES, reportChartPainter } from "../../../src/infra/charts/report-chart-image.ts";
import { adaptiveCardSchemaIssues } from "../../support/adaptive-card-schema.ts";
import { checkAdaptiveCard } from "../../support/adaptive-card-validation.ts";
import { RecordingLogger } from "../../support/recording-logger.ts";
import { BUSY_MONTH } from "../../fixtures/busy-month-chart.ts";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const EMPTY_WEEK: ReportChart = {
  ...BUSY_MONTH,
  periodLabel: "week of 30 Nov 2026",
  raised: Array.from({ length: 7 }, (_, i) => ({
    label: `${30 + i} Nov`,
    bySeverity: { low: 0, moderate: 0, high: 0, critical: 0 },
  })),
  acknowledgeByDepartment: [],
};

/** What sharp (libvips) reads back: a PNG that decodes, its size, and whether anything is drawn. */
async function decoded(png: Uint8Array) {
  const image = sharp(Buffer.from(png));
  const [meta, stats] = await Promise.all([image.metadata(), image.stats()]);
  return {
    format: meta.format,
    width: meta.width,
    height: meta.height,
    blank: stats.isOpaque && stats.entropy === 0,
  };
}

describe("the report's chart picture", () => {
  it("is a PNG of the size each platform shows: wide for Slack, compact for a Teams card", async () => {
    for (const fit of ["wide", "compact"] as const) {
      const png = await reportChartPainter.paintReport(BUSY_MONTH, fit);
      expect(Buffer.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
      expect(await decoded(png)).toEqual({
        format: "png",
        width: CHART_SIZES[fit].width,
        height: CHART_SIZES[fit].height,
        blank: false,
      });
    }
  });

  it("says there is nothing to show for an empty period, rather than drawing bare axes", async () => {
    const png = await reportChartPainter.paintReport(EMPTY_WEEK, "wide");
    expect(await decoded(png)).toMatchObject({ format: "png", width: 960, height: 600, blank: false });
  });

  it("fits a busy month inside a Teams card under 28 KB that Microsoft's 1.5 schema accepts", async () => {
    const content: ReportContent = {
      title: "Concerns report: whole hospital, December 2026 (compared with November 2026)",
      scope: "whole hospital",
      lines: Array.from(
        { length: 9 },
        (_, i) => `Line ${i + 1} of the report's numbers, as long as they come`,
      ),
      numbers: undefined as never,
      chart: BUSY_MONTH,
    };
    const card = await teamsReportCard(content, {
      charts: reportChartPainter,
      logger: new RecordingLogger(),
    });
    const image = (card.body as { type: string; url?: string }[]).find((e) => e.type === "Image");
    expect(image?.url).toMatch(/^data:image\/png;base64,/);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(TEAMS_CARD_BYTE_LIMIT);
    expect(adaptiveCardSchemaIssues(card)).toEqual([]);
    expect(checkAdaptiveCard(card).issues).toEqual([]);
  });

  it("a chart that cannot be drawn leaves the numbers, and the card says why", async () => {
    const content = { title: "Concerns report", scope: "", lines: ["Concerns raised: 3"], chart: BUSY_MONTH };
    const broken = { paintReport: () => Promise.reject(new Error("no canvas")) };
    const logger = new RecordingLogger();
    const card = await teamsReportCard(content as unknown as ReportContent, { charts: broken, logger });
    const text = JSON.stringify(card);
    expect(text).toContain("Concerns raised: 3");
    expect(text).toContain("The chart could not be drawn this time");
    expect(text).not.toContain('"Image"');
  });
});
