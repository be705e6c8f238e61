import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLiaison, type RunningLiaison } from "../../src/main.ts";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";
import { FakeSlackApi } from "../support/fake-slack-api.ts";
import { waitFor } from "../support/slack-liaison.ts";
import { testConfig } from "../support/test-config.ts";
import {
  blockActionPayload,
  interactionBody,
  postToSlackEndpoint,
  SIGNING_SECRET,
  viewSubmissionPayload,
} from "../support/slack-requests.ts";
import { botAddedToTeam, cardAction, LEE, postActivity } from "../support/teams-activities.ts";

const NURSING_TEAMS_CHANNEL = "19:4a8f2c6e9b1d4e7fa3c5d8b2e6f0a9c1@thread.tacv2";

describe("a department on both Slack and Teams", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let teams: FakeBotConnector;
  let baseUrl: string;

  beforeAll(async () => {
    slack = new FakeSlackApi();
    teams = new FakeBotConnector();
    await Promise.all([slack.start(), teams.start()]);
    liaison = await startLiaison(
      testConfig({
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        TEAMS_LOCAL_MODE: "true",
      }),
    );
    baseUrl = `http://127.0.0.1:${liaison.port}`;
    await postActivity(baseUrl, botAddedToTeam(teams.url));
  });
  afterAll(async () => {
    await liaison?.stop();
    await Promise.all([slack?.stop(), teams?.stop()]);
  });

  it("gets the card on both; acknowledged in Teams updates the Slack card, resolved in Slack updates the Teams card", async () => {
    const nurse = { id: "U04NIAOKF01", name: "nia.okafor" };
    const form = {
      unit: "4W",
      room: "412",
      category: "pain",
      severity: "high",
      description: "Pain not controlled.",
    };
    await postToSlackEndpoint(
      baseUrl,
      interactionBody(viewSubmissionPayload(nurse, "liaison_concern", form)),
      "application/x-www-form-urlencoded",
    );

    const concern = await waitFor(
      async () => {
        const [c] = await liaison.context.concerns.listOpenInvolving("person:nia.okafor", 1);
        return c && c.cards.length === 2 ? c : undefined;
      },
      10_000,
      "cards on both platforms",
    );
    const slackCard = concern.cards.find((c) => c.platform === "slack")!;
    const teamsCard = concern.cards.find((c) => c.platform === "teams")!;
    expect(teamsCard.channelId).toBe(NURSING_TEAMS_CHANNEL);

    const res = await postActivity(
      baseUrl,
      cardAction(teams.url, LEE, "liaison.acknowledge", { concernId: concern.id }),
    );
    expect(res.status).toBe(200);
    await waitFor(() =>
      slack
        .callsTo("chat.update")
        .find(
          (c) =>
            c.args.ts === slackCard.messageId &&
            JSON.stringify(c.args.blocks).includes("Acknowledged by Lee Chen"),
        ),
    );

    await postToSlackEndpoint(
      baseUrl,
      interactionBody(
        blockActionPayload(
          { id: "U04SAMRVR02", name: "sam.rivera" },
          "liaison_resolve",
          concern.id,
          { channel: slackCard.channelId, ts: slackCard.messageId },
          `${slack.responseUrlBase}r`,
        ),
      ),
      "application/x-www-form-urlencoded",
    );
    const modal = await waitFor(() =>
      slack
        .callsTo("views.open")
        .find((c) => (c.args.view as { callback_id: string }).callback_id === "liaison_resolve_modal"),
    );
    await postToSlackEndpoint(
      baseUrl,
      interactionBody(
        viewSubmissionPayload(
          { id: "U04SAMRVR02", name: "sam.rivera" },
          "liaison_resolve_modal",
          { text: "" },
          (modal.args.view as { private_metadata: string }).private_metadata,
        ),
      ),
      "application/x-www-form-urlencoded",
    );
    await waitFor(() =>
      teams.calls.find(
        (c) =>
          c.method === "PUT" &&
          c.path.endsWith(`/activities/${teamsCard.messageId}`) &&
          JSON.stringify(c.body).includes("Resolved by Sam Rivera"),
      ),
    );
  });
});
