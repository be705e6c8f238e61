import { createCanvas, type Canvas } from "@napi-rs/canvas";
import { Chart, registerables, type ChartConfiguration, type ChartItem } from "chart.js";
import sharp from "sharp";
import {
  SEVERITIES,
  SEVERITY_MARK,
  type ChartFit,
  type ChartPainter,
  type ReportChart,
  type Severity,
} from "../../core/index.ts";

Chart.register(...registerables);

/** The picture's size in pixels; the first chart takes `raisedShare` of the height, the second the rest. */
export interface ChartImageSize {
  width: number;
  height: number;
}

/**
 * "wide": Slack shows a shared image at up to the message's width; this reads well on a laptop and a
 * phone. "compact": Teams carries the picture inside the card (a data: URL), and a card must stay under
 * 28 KB; a smaller picture keeps a month of bars and a dozen departments well under that
 * (test/infra/charts measures it).
 */
export const CHART_SIZES: Readonly<Record<ChartFit, ChartImageSize>> = {
  wide: { width: 960, height: 600 },
  compact: { width: 560, height: 380 },
};

/** The departments the second chart shows: the slowest, so the ones that need attention are never cut. */
const MAX_DEPARTMENTS = 8;
const RAISED_SHARE = 0.58;

/** The severity colours match the card's markers (🟢 🟡 🟠 🔴), darkest for the most severe. */
const SEVERITY_COLOUR: Readonly<Record<Severity, string>> = {
  low: "#4c9a52",
  moderate: "#e3b505",
  high: "#e8710a",
  critical: "#b3261e",
};

const FONT = { family: "DejaVu Sans, Liberation Sans, Arial, sans-serif", size: 12 };

/** Chart.js draws on any 2D context; off the browser it neither animates nor resizes. */
const STILL = { responsive: false, animation: false, devicePixelRatio: 1 } as const;

const severityWord = (s: Severity) => SEVERITY_MARK[s].split(" ").slice(1).join(" ");

function raisedConfig(chart: ReportChart): ChartConfiguration<"bar"> {
  return {
    type: "bar",
    data: {
      labels: chart.raised.map((b) => b.label),
      // Most severe at the bottom of each bar, where the eye starts.
      datasets: [...SEVERITIES].reverse().map((severity) => ({
        label: severityWord(severity),
        data: chart.raised.map((b) => b.bySeverity[severity]),
        backgroundColor: SEVERITY_COLOUR[severity],
      })),
    },
    options: {
      ...STILL,
      plugins: { title: { display: true, text: chart.raisedTitle, font: { ...FONT, size: 14 } } },
      scales: {
        x: { stacked: true, ticks: { font: FONT, autoSkip: true, maxRotation: 0 } },
        y: { stacked: true, beginAtZero: true, ticks: { font: FONT, precision: 0 } },
      },
    },
  };
}

function acknowledgeConfig(chart: ReportChart): ChartConfiguration<"bar"> {
  const shown = chart.acknowledgeByDepartment.slice(0, MAX_DEPARTMENTS);
  return {
    type: "bar",
    data: {
      labels: shown.map((d) => d.department),
      datasets: [
        {
          label: "Median minutes to acknowledge",
          data: shown.map((d) => (d.medianMinutes === undefined ? 0 : Math.round(d.medianMinutes))),
          backgroundColor: "#3b6ea5",
        },
      ],
    },
    options: {
      ...STILL,
      indexAxis: "y",
      plugins: {
        legend: { display: false },
        title: { display: true, text: chart.acknowledgeTitle, font: { ...FONT, size: 14 } },
      },
      scales: {
        x: { beginAtZero: true, ticks: { font: FONT, precision: 0 } },
        y: { ticks: { font: FONT } },
      },
    },
  };
}

type Context = ReturnType<Canvas["getContext"]>;

/** Draws the chart on a canvas of its own, then copies it onto the picture at `y` (before Chart.js clears it). */
function drawInto(
  picture: Context,
  y: number,
  config: ChartConfiguration<"bar">,
  width: number,
  height: number,
) {
  const canvas = createCanvas(width, height);
  // Chart.js types the context as the DOM's; the napi-rs context implements what Chart.js draws with.
  const drawing = new Chart(canvas.getContext("2d") as unknown as ChartItem, config);
  picture.drawImage(canvas, 0, y);
  drawing.destroy();
}

/** "No concerns were raised" written where a chart would be: an empty axis reads as a broken picture. */
function writeInstead(picture: Context, y: number, words: string, width: number, height: number) {
  picture.fillStyle = "#555555";
  picture.font = `14px ${FONT.family}`;
  picture.textAlign = "center";
  picture.fillText(words, width / 2, y + height / 2);
}

/**
 * The report's picture as a PNG: concerns per day stacked by severity above, the median time to
 * acknowledge by department below. Drawn here, from the report's numbers alone (no chart service).
 * A chart has few colours: a palette PNG (libimagequant, through sharp) is a third of the full-colour
 * one's size, which is what lets Teams carry it inside the card.
 */
export async function renderReportChart(chart: ReportChart, size: ChartImageSize): Promise<Buffer> {
  const { width, height } = size;
  const topHeight = Math.round(height * RAISED_SHARE);
  const picture = createCanvas(width, height);
  const context = picture.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  const total = chart.raised.reduce((n, b) => n + SEVERITIES.reduce((m, s) => m + b.bySeverity[s], 0), 0);
  if (total === 0)
    writeInstead(context, 0, `No concerns were raised — ${chart.periodLabel}`, width, topHeight);
  else drawInto(context, 0, raisedConfig(chart), width, topHeight);
  if (chart.acknowledgeByDepartment.some((d) => d.medianMinutes !== undefined)) {
    drawInto(context, topHeight, acknowledgeConfig(chart), width, height - topHeight);
  } else {
    writeInstead(context, topHeight, "No concern was acknowledged in this period", width, height - topHeight);
  }
  return sharp(picture.toBuffer("image/png")).png({ palette: true, compressionLevel: 9 }).toBuffer();
}

/** The painter Liaison runs with. */
export const reportChartPainter: ChartPainter = {
  paintReport: (chart, fit) => renderReportChart(chart, CHART_SIZES[fit]),
};
