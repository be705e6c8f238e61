// What Liaison costs the machine it runs on, and whether the embedded store lets it answer on time:
// resident memory idle and after many raises, start-up time compiled vs tsx, the longest stall of
// the event loop while the embedded store works, and the Slack form-submit ack under load.
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { raiseConcern } from "../src/core/use-cases/raise-concern.ts";
import { startLiaison } from "../src/main.ts";
import { PAIN_DRAFT } from "../test/support/core-context.ts";
import { FakeBotConnector } from "../test/support/fake-bot-connector.ts";
import { FakeSlackApi } from "../test/support/fake-slack-api.ts";
import { SLACK } from "../test/support/sample-directory.ts";
import {
  interactionBody,
  postToSlackEndpoint,
  viewSubmissionPayload,
} from "../test/support/slack-requests.ts";
import { botAddedToTeam, postActivity } from "../test/support/teams-activities.ts";
import { createPostgresDatabase } from "../test/support/test-database.ts";
import { testConfig } from "../test/support/test-config.ts";
import { percentile, type BenchRow } from "./bench-row.ts";
import { buildOnce, startLiaisonProcess, type Build, type LiaisonProcess } from "./liaison-process.ts";

const RAISES = Number(process.env.BENCH_FOOTPRINT_RAISES ?? 2000);
const SUBMITS_PER_SECOND = 50;
const LOAD_SECONDS = Number(process.env.BENCH_FOOTPRINT_LOAD_SECONDS ?? 20);
const STARTS = 3;
// Teams cards are delivered about 2 a second at the moment (serial delivery, issue 14): off by default
// under load, so that the run ends in minutes; Teams is on (not installed in a team) for the rest.
const WITH_TEAMS = process.env.BENCH_FOOTPRINT_TEAMS === "true";

const load = () => `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nurse = { id: "U04NIAOKF01", name: "nia.okafor" };
const form = "application/x-www-form-urlencoded";

function submit(baseUrl: string, i: number): Promise<Response> {
  const values = { unit: "4W", room: String(400 + (i % 99)), category: "pain", severity: "high" };
  const body = interactionBody(
    viewSubmissionPayload(nurse, "liaison_concern", { ...values, description: "Footprint bench." }),
  );
  return postToSlackEndpoint(baseUrl, body, form);
}

/** Open loop: a submit every 20 ms whatever the answers do, each timed until its ack. */
async function ackLatencies(baseUrl: string): Promise<number[]> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < SUBMITS_PER_SECOND * LOAD_SECONDS; i++) {
    await sleep(start + (i * 1000) / SUBMITS_PER_SECOND - performance.now());
    const sent = performance.now();
    pending.push(
      submit(baseUrl, i).then(
        async (res) => void (await res.text(), latencies.push(performance.now() - sent)),
      ),
    );
  }
  await Promise.all(pending);
  return latencies;
}

/** What the nurses were told: "Your concern PR-… was sent", or anything else (NOT saved). */
function toldNurse(slack: FakeSlackApi): { saved: number; otherwise: number } {
  const told = slack.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === nurse.id);
  const saved = told.filter((c) => String(c.args.text).startsWith("Your concern")).length;
  return { saved, otherwise: told.length - saved };
}

/**
 * Submits the rest of `total` at 25 a second (below what the embedded store saves), then gives the
 * outbox a minute to drain. Returns how many messages were still pending then.
 */
async function raiseMany(liaison: LiaisonProcess, from: number, total: number): Promise<number> {
  const start = performance.now();
  const pending: Promise<string>[] = [];
  for (let i = from; i < total; i++) {
    await sleep(start + ((i - from) * 1000) / 25 - performance.now());
    pending.push(submit(liaison.baseUrl, i).then((res) => res.text()));
  }
  await Promise.all(pending);
  let left = Number.NaN;
  for (let waited = 0; waited < 60_000; waited += 500) {
    const health = (await (await fetch(`${liaison.baseUrl}/healthz`)).json()) as {
      outbox?: { pending: number };
    };
    left = health.outbox?.pending ?? Number.NaN;
    if (left === 0) break;
    await sleep(500);
  }
  return left;
}

/** Resident memory after the process has settled (timers, first deliveries). */
async function idleRss(liaison: LiaisonProcess): Promise<number> {
  await sleep(5000);
  return liaison.rssMiB();
}

function mib(name: string, value: number, goal: number, note: string): BenchRow {
  return { name, value, unit: "MiB", goal: { value: goal, better: "lower" }, note };
}

async function startTimes(build: Build, env: Record<string, string>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const liaison = await startLiaisonProcess(build, env);
    times.push(liaison.startMs);
    await liaison.stop();
  }
  return times;
}

async function postgresRows(platformEnv: Record<string, string>): Promise<BenchRow[]> {
  const { url, drop } = await createPostgresDatabase();
  try {
    const env = { ...platformEnv, DATABASE_URL: url };
    const liaison = await startLiaisonProcess("compiled", env);
    const idle = await idleRss(liaison);
    await liaison.stop();
    const compiled = percentile(await startTimes("compiled", env), 0.5);
    const tsx = percentile(await startTimes("tsx", env), 0.5);
    const note = `median of ${STARTS} starts to "listening", PostgreSQL, Slack + Teams on`;
    return [
      mib("idle RSS, PostgreSQL", idle, 200, "compiled build, Slack + Teams on, 5 s after listening"),
      {
        name: "start-up, compiled (npm run start:prod)",
        value: compiled,
        unit: "ms",
        floor: { value: tsx, label: "tsx" },
        note,
      },
      { name: "start-up, tsx (npm start)", value: tsx, unit: "ms", note },
    ];
  } finally {
    await drop();
  }
}

interface Platforms {
  slack: FakeSlackApi;
  teams: FakeBotConnector;
  env: Record<string, string>;
}

async function embeddedRows({ slack, teams, env: platformEnv }: Platforms): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "liaison-footprint-"));
  const env = { ...platformEnv, LIAISON_DATA_DIR: dataDir };
  try {
    const first = await startLiaisonProcess("compiled", env);
    const firstIdle = await idleRss(first);
    await first.stop();
    const liaison = await startLiaisonProcess("compiled", env);
    const idle = await idleRss(liaison);
    // Installed in a team, so that each raise has a Teams card to deliver as well as a Slack one.
    if (WITH_TEAMS) await postActivity(liaison.baseUrl, botAddedToTeam(teams.url));
    const loadNote = load();
    const latencies = await ackLatencies(liaison.baseUrl);
    const left = await raiseMany(liaison, latencies.length, RAISES);
    const loaded = liaison.rssMiB();
    const { saved, otherwise } = toldNurse(slack);
    await liaison.stop();
    const where = "compiled build, one process: main thread + PGlite thread";
    return [
      mib("idle RSS, embedded", idle, 300, `${where}; restart on an existing folder, 5 s after listening`),
      mib("idle RSS, embedded, first start", firstIdle, 300, `${where}; the start that creates the folder`),
      mib(
        `RSS after ${RAISES} raises, embedded`,
        loaded,
        300,
        `${where}; Slack form submits, then a minute for delivery (${left} messages still pending; Teams cards ${WITH_TEAMS ? "on" : "off"})`,
      ),
      {
        name: `form-submit ack p99 at ${SUBMITS_PER_SECOND}/s, embedded`,
        value: percentile(latencies, 0.99),
        unit: "ms",
        goal: { value: 250, better: "lower" },
        note: `n=${latencies.length} over ${LOAD_SECONDS} s, open loop, p50 ${percentile(latencies, 0.5).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(0)} ms; of all ${RAISES} raises: ${saved} confirmed to the nurse, ${otherwise} told otherwise; ${loadNote}`,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** In-process, as the issue measured it: does a 10 ms timer keep firing while the store works? */
async function eventLoopRow(): Promise<BenchRow> {
  const liaison = await startLiaison(testConfig());
  const ticks = { count: 0 };
  const timer = setInterval(() => ticks.count++, 10);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  // A service that has run for a while has compiled its code and queries: warm up first.
  for (let i = 0; i < 10; i++) await raiseConcern(liaison.context, PAIN_DRAFT, SLACK.nurse);
  const start = performance.now();
  delay.enable();
  for (let i = 0; i < 100; i++) await raiseConcern(liaison.context, PAIN_DRAFT, SLACK.nurse);
  delay.disable();
  const elapsed = performance.now() - start;
  clearInterval(timer);
  await liaison.stop();
  return {
    name: "event loop, longest block during 100 raises, embedded",
    value: delay.max / 1e6,
    unit: "ms",
    goal: { value: 50, better: "lower" },
    note: `back-to-back raises in ${elapsed.toFixed(0)} ms after 10 to warm up; a 10 ms timer fired ${ticks.count} times of ~${Math.floor(elapsed / 10)}; ${load()}`,
  };
}

export async function run(): Promise<BenchRow[]> {
  buildOnce();
  const slack = new FakeSlackApi();
  const teams = new FakeBotConnector();
  await Promise.all([slack.start(), teams.start()]);
  const env = { SLACK_BOT_TOKEN: "xoxb-bench", SLACK_API_URL: slack.url, TEAMS_LOCAL_MODE: "true" };
  try {
    return [
      await eventLoopRow(),
      ...(await embeddedRows({ slack, teams, env })),
      ...(await postgresRows(env)),
    ];
  } finally {
    await Promise.all([slack.stop(), teams.stop()]);
  }
}
