// How fast Liaison answers the platforms, against their budgets: Slack must get its ack within 3 s
// (our goal: 250 ms p99); Teams' adaptiveCard/action should be answered well under 1 s.
// Everything runs locally: the embedded store, a fake Slack Web API, a fake Bot Connector.
import { performance } from "node:perf_hooks";
import { startLiaison } from "../src/main.ts";
import { FakeBotConnector } from "../test/support/fake-bot-connector.ts";
import { FakeSlackApi } from "../test/support/fake-slack-api.ts";
import {
  interactionBody,
  postToSlackEndpoint,
  SIGNING_SECRET,
  slashCommandBody,
  viewSubmissionPayload,
} from "../test/support/slack-requests.ts";
import { botAddedToTeam, cardAction, LEE, NURSE, postActivity } from "../test/support/teams-activities.ts";
import { testConfig } from "../test/support/test-config.ts";

import { percentile, type BenchRow } from "./bench-row.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);

function p99Row(name: string, samples: number[], goalMs: number): BenchRow {
  return {
    name: `${name} p99`,
    value: percentile(samples, 0.99),
    unit: "ms",
    goal: { value: goalMs, better: "lower" },
    note: `n=${samples.length}, p50 ${percentile(samples, 0.5).toFixed(1)} ms, embedded store, sequential`,
  };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function run(): Promise<BenchRow[]> {
  const slack = new FakeSlackApi();
  const teams = new FakeBotConnector();
  await Promise.all([slack.start(), teams.start()]);
  const liaison = await startLiaison(
    testConfig({
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      TEAMS_LOCAL_MODE: "true",
    }),
  );
  const base = `http://127.0.0.1:${liaison.port}`;
  const form = "application/x-www-form-urlencoded";
  await postActivity(base, botAddedToTeam(teams.url));

  const slash: number[] = [];
  const submit: number[] = [];
  const raise: number[] = [];
  const ack: number[] = [];
  const nurse = { id: "U04NIAOKF01", name: "nia.okafor" };
  const values = {
    unit: "4W",
    room: "412",
    category: "pain",
    severity: "high",
    description: "Benchmark concern.",
  };
  for (let i = 0; i < ROUNDS; i++) {
    slash.push(
      await time(() =>
        postToSlackEndpoint(
          base,
          slashCommandBody(nurse, "rm 412 high pain", `${slack.responseUrlBase}b`),
          form,
        ),
      ),
    );
    submit.push(
      await time(() =>
        postToSlackEndpoint(
          base,
          interactionBody(viewSubmissionPayload(nurse, "liaison_concern", values)),
          form,
        ),
      ),
    );
    let answer: { value: unknown } = { value: null };
    raise.push(
      await time(async () => {
        const res = await postActivity(
          base,
          cardAction(teams.url, NURSE, "liaison.raise", { ...values, grievance: "false" }),
        );
        answer = (await res.json()) as { value: unknown };
      }),
    );
    const reference = /PR-\d{4}-\d{5}/.exec(JSON.stringify(answer.value))![0];
    const concern = (await liaison.context.concerns.findByReference(reference))!;
    ack.push(
      await time(async () =>
        (
          await postActivity(
            base,
            cardAction(teams.url, LEE, "liaison.acknowledge", { concernId: concern.id }),
          )
        ).json(),
      ),
    );
  }
  await liaison.stop();
  await Promise.all([slack.stop(), teams.stop()]);
  return [
    p99Row("Slack /concern ack", slash, 250),
    p99Row("Slack form submit ack", submit, 250),
    p99Row("Teams raise invoke (store + card)", raise, 1000),
    p99Row("Teams acknowledge invoke", ack, 1000),
  ];
}
