// `npm run bench`: how fast Liaison answers the platforms, against their budgets. Prints figures
// (and ratios to the budget); asserts nothing, because shared machines are noisy.
//   Slack must get its ack within 3 s; Teams' adaptiveCard/action should be answered well under 1 s.
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

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);

function summary(name: string, samples: number[], budgetMs: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const p50 = at(0.5);
  const p95 = at(0.95);
  return `${name.padEnd(34)} n=${samples.length}  p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms  p95/budget ${(p95 / budgetMs).toFixed(3)} (budget ${budgetMs} ms)`;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

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
        await postActivity(base, cardAction(teams.url, LEE, "liaison.acknowledge", { concernId: concern.id }))
      ).json(),
    ),
  );
}

console.log(`Liaison response times, ${ROUNDS} rounds each, embedded store, one process on this machine:`);
console.log(summary("Slack /concern (ack)", slash, 3000));
console.log(summary("Slack form submit (ack)", submit, 3000));
console.log(summary("Teams raise invoke (store + card)", raise, 1000));
console.log(summary("Teams acknowledge invoke", ack, 1000));
await liaison.stop();
await Promise.all([slack.stop(), teams.stop()]);
