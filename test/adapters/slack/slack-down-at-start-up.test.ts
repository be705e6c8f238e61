import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startLiaison, type RunningLiaison } from "../../../src/main.ts";
import { FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { waitFor } from "../../support/slack-liaison.ts";
import { SIGNING_SECRET } from "../../support/slack-requests.ts";
import { botAddedToTeam, cardAction, NURSE, postActivity } from "../../support/teams-activities.ts";
import { runLiaisonProcess } from "../../support/liaison-process.ts";
import { SAMPLE_DIRECTORY_FILE } from "../../support/sample-directory.ts";
import { testConfig } from "../../support/test-config.ts";

interface SlackHealth {
  enabled: boolean;
  ok?: boolean;
  error?: string;
}

/** A port nothing listens on (yet): Slack's API "refusing connections". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const FORM = {
  unit: "4W",
  room: "412",
  category: "pain",
  severity: "high",
  description: "Call light ignored 40 minutes.",
  grievance: "false",
};

describe("Slack in trouble while Liaison starts", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function start(slackApiUrl: string) {
    const connector = new FakeBotConnector();
    await connector.start();
    cleanup.push(() => connector.stop());
    const liaison: RunningLiaison = await startLiaison(
      testConfig({
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slackApiUrl,
        TEAMS_LOCAL_MODE: "true",
      }),
    );
    cleanup.push(() => liaison.stop());
    const baseUrl = `http://127.0.0.1:${liaison.port}`;
    const slackHealth = async () => {
      const res = await fetch(`${baseUrl}/healthz`);
      const body = (await res.json()) as { status: string; platforms: { slack: SlackHealth } };
      return { status: res.status, overall: body.status, slack: body.platforms.slack };
    };
    /** A nurse raises a concern in Teams: Slack's trouble must not stand in the way. */
    const raiseInTeams = async () => {
      expect((await postActivity(baseUrl, botAddedToTeam(connector.url))).status).toBe(200);
      const res = await postActivity(baseUrl, cardAction(connector.url, NURSE, "liaison.raise", FORM));
      expect(res.status).toBe(200);
      return /PR-\d{4}-\d{5}/.exec(JSON.stringify(await res.json()))?.[0];
    };
    return { liaison, slackHealth, raiseInTeams };
  }

  it("Slack's API refuses connections: Liaison serves Teams, /healthz names Slack, and recovers when Slack is back", async () => {
    const port = await closedPort();
    const { slackHealth, raiseInTeams } = await start(`http://127.0.0.1:${port}/api/`);

    const down = await waitFor(async () => {
      const h = await slackHealth();
      return h.slack.error?.includes("cannot be reached") ? h : undefined;
    });
    expect(down).toMatchObject({ status: 200, overall: "ok", slack: { enabled: true, ok: false } });
    expect(down.slack.error).toMatch(/cannot be reached.*ECONNREFUSED.*SLACK_API_URL/);
    expect(await raiseInTeams()).toMatch(/^PR-/);

    const slack = new FakeSlackApi();
    await slack.start(port);
    cleanup.push(() => slack.stop());
    const back = await waitFor(
      async () => ((await slackHealth()).slack.ok ? slackHealth() : undefined),
      15_000,
    );
    expect(back.slack).toEqual(expect.objectContaining({ enabled: true, ok: true }));
    expect(back.slack.error).toBeUndefined();
  });

  it("Slack answers HTTP 500: Liaison starts, says so, and recovers once Slack answers", async () => {
    const slack = new FakeSlackApi();
    await slack.start();
    cleanup.push(() => slack.stop());
    slack.script("auth.test", { status: 500, body: { ok: false, error: "internal_error" } }, 2);
    const { slackHealth, raiseInTeams } = await start(slack.url);

    expect(await raiseInTeams()).toMatch(/^PR-/);
    const back = await waitFor(
      async () => ((await slackHealth()).slack.ok ? slackHealth() : undefined),
      15_000,
    );
    expect(back.slack.ok).toBe(true);
    expect(slack.callsTo("auth.test (refused)")).toHaveLength(2);
  });

  it("Slack refuses the token (invalid_auth): Liaison keeps running and /healthz says to check SLACK_BOT_TOKEN", async () => {
    const slack = new FakeSlackApi();
    await slack.start();
    cleanup.push(() => slack.stop());
    slack.script("auth.test", { status: 200, body: { ok: false, error: "invalid_auth" } }, 100);
    const { slackHealth, raiseInTeams } = await start(slack.url);

    const refused = await waitFor(async () => {
      const h = await slackHealth();
      return h.slack.error?.includes("invalid_auth") ? h : undefined;
    });
    expect(refused.status).toBe(200);
    expect(refused.slack.ok).toBe(false);
    expect(refused.slack.error).toContain("check SLACK_BOT_TOKEN");
    expect(await raiseInTeams()).toMatch(/^PR-/);
  });

  it("as a process: a revoked token is logged once as a warning saying what to check, and Liaison stays up", async () => {
    const slack = new FakeSlackApi();
    await slack.start();
    cleanup.push(() => slack.stop());
    slack.script("auth.test", { status: 200, body: { ok: false, error: "token_revoked" } }, 100);
    const liaison = runLiaisonProcess({
      PORT: "0",
      HOST: "127.0.0.1",
      LIAISON_DATA_DIR: testConfig().LIAISON_DATA_DIR,
      LIAISON_DIRECTORY_FILE: SAMPLE_DIRECTORY_FILE,
      SLACK_BOT_TOKEN: "xoxb-revoked",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
    });
    cleanup.push(async () => void (await liaison.stop()));
    await liaison.waitForLog(/Liaison is listening/);
    const warning = JSON.parse(await liaison.waitForLog(/Slack check failed/)) as Record<string, unknown>;
    expect(warning).toMatchObject({
      level: 40,
      platform: "slack",
      msg: "Slack check failed: Slack refused the token (token_revoked): check SLACK_BOT_TOKEN in Slack's app settings",
    });
    await waitFor(() => slack.callsTo("auth.test (refused)").length >= 2 || undefined, 10_000);
    expect(liaison.stdout().split("Slack check failed")).toHaveLength(2); // the same reason is not repeated
    expect(liaison.child.exitCode).toBeNull();
    expect(liaison.stderr()).toBe("");
  });
});
