// A report's chart and a person's home: how long painting the chart takes (a busy month, both sizes)
// and how big the picture is; how long building a liaison's home takes over a large open queue, and
// how big its Teams card and Slack Home tab come out (against the platforms' limits).
import { performance } from "node:perf_hooks";
import { homeCard } from "../src/adapters/teams/teams-home-card.ts";
import { homeTab } from "../src/adapters/slack/slack-home.ts";
import { buildHome, raiseConcern } from "../src/core/index.ts";
import { CHART_SIZES, reportChartPainter } from "../src/infra/charts/report-chart-image.ts";
import { coreContext, PAIN_DRAFT } from "../test/support/core-context.ts";
import { SLACK } from "../test/support/sample-directory.ts";
import { percentile, type BenchRow } from "./bench-row.ts";
import { BUSY_MONTH } from "../test/fixtures/busy-month-chart.ts";

const ROUNDS = Number(process.env.BENCH_INSIGHT_ROUNDS ?? 20);
const OPEN_CONCERNS = 300;
const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;

async function timed(rounds: number, work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm-up: fonts, the first Chart.js layout
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function chartRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const fit of ["wide", "compact"] as const) {
    const samples = await timed(ROUNDS, () => reportChartPainter.paintReport(BUSY_MONTH, fit));
    const bytes = (await reportChartPainter.paintReport(BUSY_MONTH, fit)).byteLength;
    const { width, height } = CHART_SIZES[fit];
    rows.push(
      {
        name: `report chart, ${fit} ${width}×${height}, p50`,
        value: percentile(samples, 0.5),
        unit: "ms",
        goal: { value: 500, better: "lower" },
        note: `a busy month (31 days × 4 severities, 12 departments); ${ROUNDS} paints`,
      },
      {
        name: `report chart, ${fit}, PNG size`,
        value: bytes / 1024,
        unit: "KiB",
        goal: { value: fit === "compact" ? 16 : 40, better: "lower" },
        note: fit === "compact" ? "inside a Teams card (28 KB in all, base64 adds a third)" : "a Slack file",
      },
    );
  }
  return rows;
}

async function homeRows(): Promise<BenchRow[]> {
  const { ctx, clock } = coreContext("2026-11-24T14:00:00Z");
  for (let i = 0; i < OPEN_CONCERNS; i++) {
    await raiseConcern(
      ctx,
      { ...PAIN_DRAFT, room: `${400 + (i % 99)}`, severity: i % 3 ? "moderate" : "high" },
      SLACK.nurse,
    );
    clock.set(new Date(clock.now().getTime() + 60_000));
  }
  const samples = await timed(ROUNDS, () => buildHome(ctx, PAT));
  const home = await buildHome(ctx, PAT);
  const note = `a liaison, every department, ${OPEN_CONCERNS} open concerns (in-memory store); ${ROUNDS} builds`;
  return [
    {
      name: "home, built for a liaison, p50",
      value: percentile(samples, 0.5),
      unit: "ms",
      goal: { value: 100, better: "lower" },
      note,
    },
    {
      name: "home, Teams card size",
      value: Buffer.byteLength(JSON.stringify(homeCard(ctx.directory(), home, ["29:pat"]))) / 1024,
      unit: "KiB",
      goal: { value: 28, better: "lower" },
      note: "Teams refuses a card over 28 KB",
    },
    {
      name: "home, Slack Home tab blocks",
      value: homeTab(ctx.directory(), home).blocks.length,
      unit: "blocks",
      goal: { value: 100, better: "lower" },
      note: "Slack's limit for a view",
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  return [...(await chartRows()), ...(await homeRows())];
}
