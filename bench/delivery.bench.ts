// Delivery and timing at the default settings, on the embedded store, with a fake Slack Web API and a
// fake Bot Connector: how late an escalation leaves after its deadline, how soon a card appears after
// the raise at 20 raises/s, and the same for one platform while the other accepts calls and never
// answers. Raises go through the use case in-process (no HTTP), so the figures are Liaison's own.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import type { Clock } from "../src/core/ports/clock.port.ts";
import type { Concern } from "../src/core/concern/concern.ts";
import { raiseConcern } from "../src/core/use-cases/raise-concern.ts";
import { startLiaison, type RunningLiaison } from "../src/main.ts";
import { PAIN_DRAFT } from "../test/support/core-context.ts";
import { FakeBotConnector } from "../test/support/fake-bot-connector.ts";
import { FakeSlackApi } from "../test/support/fake-slack-api.ts";
import { SAMPLE_DIRECTORY_FILE, SLACK } from "../test/support/sample-directory.ts";
import { SIGNING_SECRET } from "../test/support/slack-requests.ts";
import { botAddedToTeam, postActivity } from "../test/support/teams-activities.ts";
import { testConfig } from "../test/support/test-config.ts";
import { percentile, type BenchRow } from "./bench-row.ts";

const ESCALATIONS = Number(process.env.BENCH_ESCALATIONS ?? 60);
const RAISES_PER_SECOND = 20;
const RAISE_SECONDS = Number(process.env.BENCH_RAISE_SECONDS ?? 10);
const CRITICAL_ACK_MS = 5 * 60_000;
const UNITS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The sample hospital with 20 more nursing units, each with its own Slack and Teams channel: at 20
 * raises/s spread over them a channel gets 1 card/s, within Slack's (about 1 message/s per channel)
 * and Teams' (7/s, 60 per 30 s per thread) limits. One channel cannot take 20 cards/s on either.
 */
function twentyUnitDirectory(): string {
  const directory = parse(readFileSync(SAMPLE_DIRECTORY_FILE, "utf8")) as {
    departments: Record<string, unknown>[];
    routing: { rules: Record<string, string>[] };
  };
  for (let i = 1; i <= UNITS; i++) {
    const n = String(i).padStart(2, "0");
    directory.departments.push({
      id: `nursing-u${n}`,
      name: `Nursing unit ${n}`,
      slackChannel: `C05UNIT${n}00`,
      teamsChannel: `19:unit${n}bench@thread.tacv2`,
      responders: ["sam.rivera", "lee.chen"],
      head: "jo.kim",
      manager: "maria.lopez",
      director: "dana.white",
    });
    directory.routing.rules.push({ category: "pain", unit: `U${n}`, department: `nursing-u${n}` });
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), "liaison-bench-")), "directory.yaml");
  writeFileSync(file, stringify(directory));
  return file;
}

interface Rig {
  liaison: RunningLiaison;
  slack: FakeSlackApi;
  teams: FakeBotConnector;
  stop(): Promise<void>;
}

/** Liaison at its default delivery and sweep settings, both platforms played by local fakes. */
async function rig(): Promise<Rig> {
  const slack = new FakeSlackApi();
  const teams = new FakeBotConnector();
  await Promise.all([slack.start(), teams.start()]);
  const liaison = await startLiaison(
    testConfig({
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      TEAMS_LOCAL_MODE: "true",
      LIAISON_DIRECTORY_FILE: twentyUnitDirectory(),
      SWEEP_INTERVAL_SECONDS: "15",
      DELIVERY_INTERVAL_SECONDS: "2",
    }),
  );
  await postActivity(`http://127.0.0.1:${liaison.port}`, botAddedToTeam(teams.url));
  return {
    liaison,
    slack,
    teams,
    stop: async () => {
      await Promise.all([slack.stop(), teams.stop()]);
      await liaison.stop();
    },
  };
}

/** When each concern's card reached each fake (Date.now()), found by the concern id the card carries. */
function cardArrivals(r: Rig, concerns: Concern[]) {
  const slackCards = r.slack
    .callsTo("chat.postMessage")
    .filter((c) => !c.args.thread_ts && String(c.args.channel).startsWith("C"));
  const teamsCards = r.teams.calls.filter((c) => c.path === "/v3/conversations" && c.body.channelData);
  const find = (calls: { at: number }[], id: string) => calls.find((c) => JSON.stringify(c).includes(id))?.at;
  return concerns.map((c) => ({ slack: find(slackCards, c.id), teams: find(teamsCards, c.id) }));
}

/** Escalation lateness: critical concerns falling due at random moments over 20 s. */
async function escalationLateness(): Promise<BenchRow> {
  const r = await rig();
  const spreadMs = 20_000;
  const start = Date.now();
  const concerns: Concern[] = [];
  for (let i = 0; i < ESCALATIONS; i++) {
    const dueIn = 2000 + Math.random() * spreadMs;
    // Raised by a clock running behind, so its 5-minute deadline is `dueIn` from now.
    const behind: Clock = { now: () => new Date(Date.now() - CRITICAL_ACK_MS + dueIn) };
    concerns.push(
      await raiseConcern(
        { ...r.liaison.context, clock: behind },
        { ...PAIN_DRAFT, severity: "critical", room: String(500 + i) },
        SLACK.nurse,
      ),
    );
  }
  await sleep(Math.max(0, start + spreadMs + 2000 + 3000 - Date.now()));
  const dms = r.slack.callsTo("chat.postMessage").filter((c) => c.args.channel === SLACK.head.userId);
  const lateness = concerns.flatMap((c) => {
    const dm = dms.find((d) => JSON.stringify(d.args).includes(c.reference));
    return dm ? [dm.at - c.nextDueAt!.getTime()] : [];
  });
  await r.stop();
  return {
    name: "Escalation lateness p99 (deadline → message at Slack)",
    value: percentile(lateness, 0.99),
    unit: "ms",
    goal: { value: 1000, better: "lower" },
    note: `n=${lateness.length}/${concerns.length} sent, p50 ${percentile(lateness, 0.5).toFixed(0)} ms, max ${Math.max(...lateness).toFixed(0)} ms; default settings (15 s sweep tick), embedded store`,
  };
}

/** Raises at 20/s for RAISE_SECONDS, each card's latency on each platform from the raise's start. */
async function cardsAtTwentyPerSecond(r: Rig): Promise<{ slack: number[]; teams: number[]; raised: number }> {
  const raised: { concern: Concern; at: number }[] = [];
  const all: Promise<void>[] = [];
  const total = RAISES_PER_SECOND * RAISE_SECONDS;
  const start = Date.now();
  for (let i = 0; i < total; i++) {
    await sleep(Math.max(0, start + (i * 1000) / RAISES_PER_SECOND - Date.now()));
    const at = Date.now();
    all.push(
      raiseConcern(
        r.liaison.context,
        { ...PAIN_DRAFT, unit: `U${String((i % UNITS) + 1).padStart(2, "0")}`, room: String(1000 + i) },
        SLACK.nurse,
      ).then((concern) => void raised.push({ concern, at })),
    );
  }
  await Promise.all(all);
  await sleep(5000);
  const arrivals = cardArrivals(
    r,
    raised.map((x) => x.concern),
  );
  const latency = (platform: "slack" | "teams") =>
    arrivals.flatMap((a, i) => (a[platform] ? [a[platform] - raised[i]!.at] : []));
  return { slack: latency("slack"), teams: latency("teams"), raised: raised.length };
}

function cardRow(name: string, samples: number[], raised: number, note: string): BenchRow {
  return {
    name,
    value: percentile(samples, 0.99),
    unit: "ms",
    goal: { value: 250, better: "lower" },
    note: `n=${samples.length}/${raised} delivered, p50 ${percentile(samples, 0.5).toFixed(0)} ms; ${note}`,
  };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [await escalationLateness()];

  const healthy = await rig();
  const both = await cardsAtTwentyPerSecond(healthy);
  await healthy.stop();
  const setting = `${RAISES_PER_SECOND} raises/s for ${RAISE_SECONDS} s over ${UNITS} unit channels, embedded store`;
  rows.push(cardRow("Slack card after the raise p99", both.slack, both.raised, setting));
  rows.push(cardRow("Teams card after the raise p99", both.teams, both.raised, setting));

  const hungSlack = await rig();
  hungSlack.slack.hang();
  const whileSlackHangs = await cardsAtTwentyPerSecond(hungSlack);
  await hungSlack.stop();
  rows.push(
    cardRow("Teams card p99 while Slack hangs", whileSlackHangs.teams, whileSlackHangs.raised, setting),
  );

  const hungTeams = await rig();
  hungTeams.teams.hang();
  const whileTeamsHangs = await cardsAtTwentyPerSecond(hungTeams);
  await hungTeams.stop();
  rows.push(
    cardRow("Slack card p99 while Teams hangs", whileTeamsHangs.slack, whileTeamsHangs.raised, setting),
  );
  return rows;
}
