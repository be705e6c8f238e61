import { teamsReportCard } from "../../src/adapters/teams/teams-report-card.ts";
import { reportReply } from "../../src/adapters/slack/slack-replies.ts";
import { buildReport, type Concern, type Severity } from "../../src/core/index.ts";
import { reportChartPainter } from "../../src/infra/charts/report-chart-image.ts";
import { historyConcern, type HistoryEntry, NOW } from "../../test/fixtures/report-history.ts";
import { coreContext } from "../../test/support/core-context.ts";
import { RecordingLogger } from "../../test/support/recording-logger.ts";
import type { Preview } from "./sample-messages.ts";

const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;

/** Where the sample month's concerns come from: the sample hospital's departments, units and categories. */
const SOURCES: readonly { department: string; unit: string; category: string }[] = [
  { department: "nursing-4w", unit: "4W", category: "pain" },
  { department: "nursing-4w", unit: "4W", category: "call-light" },
  { department: "patient-financial-services", unit: "5E", category: "billing" },
  { department: "food-environmental", unit: "5E", category: "food-environment" },
  { department: "patient-relations", unit: "2E", category: "privacy" },
];
const SEVERITY_CYCLE: readonly Severity[] = ["low", "moderate", "low", "high", "moderate", "low", "critical"];

/** A deterministic November: a few concerns each day, busier mid-week, each answered in its own time. */
function sampleMonth(): Concern[] {
  const concerns: Concern[] = [];
  for (let day = 1; day <= 30; day++) {
    const count = 2 + ((day * 7) % 5) + (day % 7 < 5 ? 2 : 0);
    for (let i = 0; i < count; i++) {
      const n = concerns.length;
      const source = SOURCES[(day + i) % SOURCES.length]!;
      const entry: HistoryEntry = {
        name: `S${n}`,
        raised: `2026-11-${String(day).padStart(2, "0")}T${String(13 + (i % 9)).padStart(2, "0")}:${String((n * 13) % 60).padStart(2, "0")}:00Z`,
        ...source,
        ackAfter: 2 + ((n * 7) % 18) + (source.department === "patient-financial-services" ? 35 : 0),
        resolveAfter: 60 + ((n * 37) % 600),
      };
      concerns.push({
        ...historyConcern(entry, n + 1),
        severity: SEVERITY_CYCLE[n % SEVERITY_CYCLE.length]!,
      });
    }
  }
  return concerns;
}

/** Pat Morgan's "report last month" on 3 December, drawn as each platform shows it. */
export async function reportPreview(): Promise<Preview> {
  const core = coreContext(NOW.toISOString());
  for (const concern of sampleMonth()) await core.concerns.insert({ concern, events: [], messages: [] });
  const answer = await buildReport(core.ctx, PAT, "last month");
  if (answer.kind !== "report") throw new Error(`the sample report was refused: ${answer.message}`);
  const png = await reportChartPainter.paintReport(answer.content.chart, "wide");
  const deps = { charts: reportChartPainter, logger: new RecordingLogger() };
  return {
    name: "report",
    caption: "a liaison's report for last month, with its chart",
    time: "10:00",
    slack: {
      kind: "message",
      message: {
        ...reportReply(answer.content),
        file: {
          title: answer.content.title,
          dataUrl: `data:image/png;base64,${Buffer.from(png).toString("base64")}`,
        },
      },
    },
    teams: await teamsReportCard(answer.content, deps),
  };
}
