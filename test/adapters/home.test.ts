import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../src/main.ts";
import { adaptiveCardSchemaIssues } from "../support/adaptive-card-schema.ts";
import { checkAdaptiveCard } from "../support/adaptive-card-validation.ts";
import type { FakeSlackApi } from "../support/fake-slack-api.ts";
import { startSlackLiaison, waitFor } from "../support/slack-liaison.ts";
import { SLACK_BILLING, SLACK_NURSE, SLACK_RESPONDER } from "../support/slack-people.ts";
import {
  appHomeOpenedEvent,
  homeBlockActionPayload,
  interactionBody,
  painFormSubmission,
  postToSlackEndpoint,
  slashCommandBody,
} from "../support/slack-requests.ts";
import {
  channelMention,
  LEE,
  NURSE as TEAMS_NURSE,
  personalMessage,
  postActivity,
} from "../support/teams-activities.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../support/teams-liaison.ts";

const text = (o: unknown) => JSON.stringify(o);
type Json = Record<string, unknown>;

describe("Slack: each person's App Home tab", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let baseUrl: string;
  const post = (body: string, type = "application/x-www-form-urlencoded") =>
    postToSlackEndpoint(baseUrl, body, type);
  const homesOf = (userId: string) => slack.callsTo("views.publish").filter((c) => c.args.user_id === userId);

  beforeAll(async () => {
    // A short refresh interval, so the test sees the refresh a change brings.
    ({ liaison, slack, baseUrl } = await startSlackLiaison({
      config: { SLACK_HOME_REFRESH_SECONDS: "0.2" },
    }));
  });
  afterAll(async () => {
    await liaison?.stop();
    await slack?.stop();
  });

  it("Sam Rivera opens his home and sees 4 West's new concern with its time left and its buttons; acknowledging it there moves it to his own", async () => {
    await post(painFormSubmission());
    const reference = `PR-${new Date().getUTCFullYear()}-00001`;
    const concern = await waitFor(() => liaison.context.concerns.findByReference(reference));

    expect((await post(appHomeOpenedEvent(SLACK_RESPONDER), "application/json")).status).toBe(200);
    const opened = await waitFor(() => homesOf(SLACK_RESPONDER.id).at(-1));
    const view = opened.args.view as { type: string; blocks: { type: string; elements?: Json[] }[] };
    expect(view.type).toBe("home");
    expect(text(view.blocks)).toContain("Liaison · Sam Rivera");
    expect(text(view.blocks)).toContain(reference);
    expect(text(view.blocks)).toMatch(/Acknowledge within \d+ min/);
    const buttons = view.blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []);
    expect(buttons.map((b) => b.action_id)).toContain("liaison_acknowledge");

    const before = homesOf(SLACK_RESPONDER.id).length;
    await post(interactionBody(homeBlockActionPayload(SLACK_RESPONDER, "liaison_acknowledge", concern.id)));
    await waitFor(
      async () => (await liaison.context.concerns.findById(concern.id))?.status === "acknowledged",
    );
    // The change refreshes his home (and the nurse's, who raised it) without his opening it again.
    const refreshed = await waitFor(
      () =>
        homesOf(SLACK_RESPONDER.id)
          .slice(before)
          .find((c) => text(c.args.view).includes("You raised or own (1)")),
      5000,
      "a refresh",
    );
    expect(text(refreshed.args.view)).toMatch(/Resolve within/);
    await waitFor(() => homesOf(SLACK_NURSE.id).at(-1), 5000, "the nurse's home refreshed");

    // A press refused on the tab (which has no response_url) is answered in the presser's direct messages.
    const toBen = () => slack.callsTo("chat.postMessage").filter((c) => c.args.channel === SLACK_BILLING.id);
    await post(interactionBody(homeBlockActionPayload(SLACK_BILLING, "liaison_show_details", concern.id)));
    const answer = await waitFor(() => toBen()[0], 5000, "the refusal in his DMs");
    expect(text(answer.args)).toMatch(/details/i);
  });

  it("/concern home brings the tab up to date and says where it is", async () => {
    const before = homesOf(SLACK_RESPONDER.id).length;
    await post(slashCommandBody(SLACK_RESPONDER, "home", `${slack.responseUrlBase}home`));
    const reply = await waitFor(() => slack.responses.find((r) => r.path === "/response/home"));
    expect(String(reply.body.text)).toContain("Home tab");
    expect(homesOf(SLACK_RESPONDER.id).length).toBeGreaterThan(before);
  });

  it("opening the Messages tab publishes nothing; 4 West's concern never touched billing's homes", async () => {
    await post(appHomeOpenedEvent(SLACK_BILLING, "messages"), "application/json");
    await new Promise((r) => setTimeout(r, 400));
    expect(homesOf(SLACK_BILLING.id)).toEqual([]);
  });
});

describe("Teams: home in the bot's chat", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  beforeAll(async () => {
    rig = await startTeamsLiaison();
  });
  afterAll(async () => {
    await rig?.stop();
  });

  const homeCardOf = (body: unknown) =>
    (body as { attachments: { content: Json }[] }).attachments[0]!.content;

  it("Lee Chen's home shows 4 West's queue; Acknowledge on it answers with his home, changed", async () => {
    await rig.invoke(TEAMS_NURSE, "liaison.raise", TEAMS_FORM);
    const before = rig.connector.sent().length;
    await postActivity(rig.baseUrl, personalMessage(rig.connector.url, LEE, "home"));
    const sent = await waitFor(() =>
      rig.connector
        .sent()
        .slice(before)
        .find((c) => text(c.body).includes("Liaison · Lee Chen")),
    );
    const card = homeCardOf(sent.body);
    expect(card.refresh).toMatchObject({ action: { verb: "liaison.home" }, userIds: [LEE.id] });
    expect(text(card)).toMatch(/Acknowledge within \d+ min/);
    expect(adaptiveCardSchemaIssues(card)).toEqual([]);
    expect(checkAdaptiveCard(card).issues).toEqual([]);

    const acknowledge = JSON.stringify(card).match(
      /"verb":"liaison.acknowledge","title":"Acknowledge","data":\{"concernId":"([^"]+)","home":"yes"\}/,
    );
    expect(acknowledge).not.toBeNull();
    const answer = await rig.invoke(LEE, "liaison.acknowledge", { concernId: acknowledge![1], home: "yes" });
    const home = answer.value;
    expect(text(home)).toContain("Liaison · Lee Chen");
    expect(text(home)).toContain("You raised or own (1)");
    expect(text(home)).toMatch(/Resolve within/);

    const refreshed = await rig.invoke(LEE, "liaison.home", {});
    expect(text(refreshed.value)).toContain("You raised or own (1)");
  });

  it("in a channel's thread, home, report and export are answered with where to ask: they are for one person", async () => {
    for (const words of ["home", "report last month", "export last month"]) {
      const before = rig.connector.sent().length;
      await postActivity(rig.baseUrl, channelMention(rig.connector.url, LEE, words));
      const reply = await waitFor(() =>
        rig.connector
          .sent()
          .slice(before)
          .find((c) => text(c.body).includes("for you alone")),
      );
      expect(text(reply.body)).not.toContain("Liaison · Lee Chen");
      expect(text(reply.body)).not.toContain("file.consent");
    }
  });
});
