import { afterEach, describe, expect, it } from "vitest";
import type { Clock } from "../../src/core/ports/clock.port.ts";
import { raiseConcern } from "../../src/core/use-cases/raise-concern.ts";
import { startLiaison, type RunningLiaison } from "../../src/main.ts";
import { PAIN_DRAFT } from "../support/core-context.ts";
import { FakeSlackApi } from "../support/fake-slack-api.ts";
import { SLACK } from "../support/sample-directory.ts";
import { waitFor } from "../support/slack-liaison.ts";
import { SIGNING_SECRET } from "../support/slack-requests.ts";
import { createPostgresDatabase } from "../support/test-database.ts";
import { testConfig } from "../support/test-config.ts";

// Ticks so rare they never help: whatever happens on time here was woken, not polled.
const NO_TICKS = { SWEEP_INTERVAL_SECONDS: "3600", DELIVERY_INTERVAL_SECONDS: "60" };
const CRITICAL_ACK_MS = 5 * 60_000;

/** A clock running `ms` behind: a critical concern raised by it is due `ms` from now. */
const behindBy = (ms: number): Clock => ({ now: () => new Date(Date.now() - CRITICAL_ACK_MS + ms) });

const escalationTo = (slack: FakeSlackApi, userId: string) =>
  slack.callsTo("chat.postMessage").find((c) => c.args.channel === userId);

describe("escalations leave at their deadline", () => {
  const running: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of running.splice(0).reverse()) await stop();
  });

  async function start(slack: FakeSlackApi, settings: Record<string, string> = {}) {
    const liaison: RunningLiaison = await startLiaison(
      testConfig({
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        ...NO_TICKS,
        ...settings,
      }),
    );
    return liaison;
  }

  it("an unacknowledged critical concern reaches the department head at its deadline, not at the next sweep tick", async () => {
    const slack = new FakeSlackApi();
    await slack.start();
    running.push(() => slack.stop());
    const liaison = await start(slack);
    running.push(() => liaison.stop());

    const concern = await raiseConcern(
      { ...liaison.context, clock: behindBy(2000) },
      { ...PAIN_DRAFT, severity: "critical" },
      SLACK.nurse,
    );
    const dm = await waitFor(() => escalationTo(slack, SLACK.head.userId), 10_000, "the escalation");
    expect(dm.at).toBeGreaterThanOrEqual(concern.nextDueAt!.getTime());
  }, 30_000);

  it("on PostgreSQL, the deadline of a concern raised on an instance that then stopped is kept by another instance", async () => {
    const { url, drop } = await createPostgresDatabase();
    running.push(drop);
    const slack = new FakeSlackApi();
    await slack.start();
    running.push(() => slack.stop());
    const keeper = await start(slack, { DATABASE_URL: url });
    running.push(() => keeper.stop());
    const raiser = await start(slack, { DATABASE_URL: url });

    const concern = await raiseConcern(
      { ...raiser.context, clock: behindBy(3000) },
      { ...PAIN_DRAFT, severity: "critical" },
      SLACK.nurse,
    );
    await raiser.stop();
    const dm = await waitFor(
      () => escalationTo(slack, SLACK.head.userId),
      12_000,
      "the escalation, sent by the instance still running",
    );
    expect(dm.at).toBeGreaterThanOrEqual(concern.nextDueAt!.getTime());
  }, 60_000);
});
