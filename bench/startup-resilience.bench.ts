// Start-up must not depend on a chat platform answering: how long Liaison takes to listen with Slack
// healthy, refusing connections, or accepting and never answering (the floor is the healthy start).
// And /healthz must answer while the database is gone: how long its 503 takes. PostgreSQL store.
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { startLiaison } from "../src/main.ts";
import { FakeSlackApi } from "../test/support/fake-slack-api.ts";
import { SIGNING_SECRET } from "../test/support/slack-requests.ts";
import { testConfig } from "../test/support/test-config.ts";
import { createPostgresDatabase } from "../test/support/test-database.ts";
import { percentile, type BenchRow } from "./bench-row.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function listening(server: TcpServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

/** ms from startLiaison() to listening, against a Slack API at `apiUrl`. */
async function startUp(apiUrl: string): Promise<number> {
  const { url, drop } = await createPostgresDatabase();
  const started = performance.now();
  const liaison = await startLiaison(
    testConfig({
      DATABASE_URL: url,
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: apiUrl,
    }),
  );
  const ms = performance.now() - started;
  await liaison.stop();
  await drop();
  return ms;
}

async function healthzWithDatabaseGone(): Promise<number> {
  const { url, drop } = await createPostgresDatabase();
  const liaison = await startLiaison(testConfig({ DATABASE_URL: url }));
  await drop();
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${liaison.port}/healthz`);
  await res.json();
  const ms = performance.now() - started;
  if (res.status !== 503) throw new Error(`expected 503, got ${res.status}`);
  await liaison.stop();
  return ms;
}

function row(name: string, samples: number[], floor?: number[]): BenchRow {
  return {
    name,
    value: percentile(samples, 0.5),
    unit: "ms",
    ...(floor ? { floor: { value: percentile(floor, 0.5), label: "Slack healthy" } } : {}),
    note: `median of n=${samples.length}, max ${Math.max(...samples).toFixed(0)} ms, PostgreSQL store`,
  };
}

export async function run(): Promise<BenchRow[]> {
  const slack = new FakeSlackApi();
  await slack.start();
  const refusing = createTcpServer();
  const refusedPort = await listening(refusing);
  await new Promise<void>((resolve) => refusing.close(() => resolve()));
  const held = new Set<Socket>();
  const hanging = createTcpServer((socket) => held.add(socket)); // accepts, never answers
  const hangingPort = await listening(hanging);

  const healthy: number[] = [];
  const refused: number[] = [];
  const hung: number[] = [];
  const health: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    healthy.push(await startUp(slack.url));
    refused.push(await startUp(`http://127.0.0.1:${refusedPort}/api/`));
    hung.push(await startUp(`http://127.0.0.1:${hangingPort}/api/`));
    health.push(await healthzWithDatabaseGone());
  }
  await slack.stop();
  held.forEach((socket) => socket.destroy());
  await new Promise<void>((resolve) => hanging.close(() => resolve()));
  return [
    row("start-up to listening, Slack healthy", healthy),
    row("start-up to listening, Slack refusing connections", refused, healthy),
    row("start-up to listening, Slack accepting and never answering", hung, healthy),
    row("/healthz 503 answer, database dropped", health),
  ];
}
