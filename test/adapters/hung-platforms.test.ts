import { afterEach, describe, expect, it } from "vitest";
import { startLiaison, type RunningLiaison } from "../../src/main.ts";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";
import { FakeSlackApi } from "../support/fake-slack-api.ts";
import { waitFor } from "../support/slack-liaison.ts";
import {
  interactionBody,
  postToSlackEndpoint,
  SIGNING_SECRET,
  viewSubmissionPayload,
} from "../support/slack-requests.ts";
import { botAddedToTeam, postActivity } from "../support/teams-activities.ts";
import { testConfig } from "../support/test-config.ts";
import { SLACK_NURSE as NURSE } from "../support/slack-people.ts";

const NURSING_SLACK = "C04NURS4W01";
const BILLING_SLACK = "C04PFSBILL02";
const pain = (room: string) => ({
  unit: "4W",
  room,
  category: "pain",
  severity: "high",
  description: "Pain not controlled.",
});
const billing = { unit: "2E", room: "210", category: "billing", severity: "moderate", description: "Bill." };

/** Liaison on both platforms, each played by a local fake. */
async function hospital(settings: Record<string, string> = {}) {
  const slack = new FakeSlackApi();
  const teams = new FakeBotConnector();
  await Promise.all([slack.start(), teams.start()]);
  const liaison: RunningLiaison = await startLiaison(
    testConfig({
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      TEAMS_LOCAL_MODE: "true",
      ...settings,
    }),
  );
  const baseUrl = `http://127.0.0.1:${liaison.port}`;
  await postActivity(baseUrl, botAddedToTeam(teams.url));
  const raise = (form: Record<string, string>) =>
    postToSlackEndpoint(
      baseUrl,
      interactionBody(viewSubmissionPayload(NURSE, "liaison_concern", form)),
      "application/x-www-form-urlencoded",
    );
  const slackCards = (channel: string) =>
    slack.callsTo("chat.postMessage").filter((c) => c.args.channel === channel && !c.args.thread_ts);
  const teamsCards = () =>
    teams.calls.filter((c) => c.method === "POST" && c.path === "/v3/conversations" && c.body.channelData);
  // The fakes go first: a hung call ends when its connection does, and Liaison can then stop.
  const stop = async () => {
    await Promise.all([slack.stop(), teams.stop()]);
    await liaison.stop();
  };
  return { slack, teams, liaison, raise, slackCards, teamsCards, stop };
}

describe("a chat platform that accepts calls and never answers", () => {
  const running: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of running.splice(0)) await stop();
  });

  // A long deadline: what is tested is that nobody waits for the hung platform, not that it times out.
  const PATIENT = { CHAT_CALL_TIMEOUT_SECONDS: "120" };

  it("a hung Slack does not delay Teams: cards raised meanwhile reach Teams at once", async () => {
    const h = await hospital(PATIENT);
    running.push(h.stop);
    h.slack.hang();
    await h.raise(pain("412"));
    await waitFor(() => h.slack.calls.find((c) => c.method === "chat.postMessage (hung)"));
    await h.raise(pain("414"));
    await waitFor(() => h.teamsCards().length === 2, 8000, "both Teams cards while Slack hangs");
    expect(h.slackCards(NURSING_SLACK)).toHaveLength(0);
  });

  it("a hung Bot Connector does not delay Slack: cards raised meanwhile reach Slack at once", async () => {
    const h = await hospital(PATIENT);
    running.push(h.stop);
    h.teams.hang();
    await h.raise(pain("412"));
    await waitFor(() => h.teams.calls.find((c) => c.path === "/v3/conversations"));
    await h.raise(pain("414"));
    await waitFor(() => h.slackCards(NURSING_SLACK).length === 2, 8000, "both Slack cards while Teams hangs");
    // Both Teams cards were asked for, and neither answered: Slack did not wait for them.
    await waitFor(() => h.teamsCards().length === 2 || undefined, 8000, "both Teams cards asked for");
    expect(h.slackCards(NURSING_SLACK)).toHaveLength(2);
  });

  it("a Slack channel that stops answering delays only that channel's cards", async () => {
    const h = await hospital(PATIENT);
    running.push(h.stop);
    h.slack.hang((method, args) => method === "chat.postMessage" && args.channel === NURSING_SLACK);
    await h.raise(pain("412"));
    await waitFor(() => h.slack.calls.find((c) => c.method === "chat.postMessage (hung)"));
    await h.raise(billing);
    await waitFor(() => h.slackCards(BILLING_SLACK)[0], 8000, "the billing card while 4 West hangs");
  });

  it("a Slack call that never returns gives up at the deadline, and the card is posted on the retry", async () => {
    const h = await hospital({ CHAT_CALL_TIMEOUT_SECONDS: "1" });
    running.push(h.stop);
    let calls = 0;
    h.slack.hang((method) => method === "chat.postMessage" && calls++ === 0);
    await h.raise(pain("412"));
    await waitFor(() => h.slackCards(NURSING_SLACK)[0], 15_000, "the card after the first call timed out");
    const [concern] = await h.liaison.context.concerns.listOpenInvolving("person:nia.okafor", 1);
    const trail = await h.liaison.context.concerns.auditTrail(concern!.id);
    expect(trail.map((e) => e.type)).toEqual(expect.arrayContaining(["delivery-failed", "card-posted"]));
  }, 20_000);

  it("a Bot Connector call that never returns gives up at the deadline, and the card is posted on the retry", async () => {
    const h = await hospital({ CHAT_CALL_TIMEOUT_SECONDS: "1" });
    running.push(h.stop);
    let calls = 0;
    h.teams.hang((method, path) => path === "/v3/conversations" && calls++ === 0);
    await h.raise(pain("412"));
    await waitFor(
      async () => {
        const [c] = await h.liaison.context.concerns.listOpenInvolving("person:nia.okafor", 1);
        return c?.cards.find((card) => card.platform === "teams");
      },
      15_000,
      "the Teams card after the first call timed out",
    );
    expect(h.teamsCards()).toHaveLength(2);
  }, 20_000);
});
