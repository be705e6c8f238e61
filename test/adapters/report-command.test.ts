import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../src/main.ts";
import type { FakeSlackApi } from "../support/fake-slack-api.ts";
import { startSlackLiaison, waitFor } from "../support/slack-liaison.ts";
import {
  interactionBody,
  postToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
} from "../support/slack-requests.ts";
import { SLACK_BILLING, SLACK_LIAISON, SLACK_NURSE } from "../support/slack-people.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../support/teams-liaison.ts";
import { NURSE as TEAMS_NURSE, PRIYA, personalMessage, postActivity } from "../support/teams-activities.ts";

const text = (o: unknown) => JSON.stringify(o);

describe("Slack: /concern report answers the asker privately with the numbers", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let baseUrl: string;
  const post = (body: string, type = "application/x-www-form-urlencoded") =>
    postToSlackEndpoint(baseUrl, body, type);

  beforeAll(async () => {
    ({ liaison, slack, baseUrl } = await startSlackLiaison());
  });
  afterAll(async () => {
    await liaison?.stop();
    await slack?.stop();
  });

  it("Pat Morgan sees this month's report for 4 West; Ben Adler (billing) is refused 4 West by name", async () => {
    const form = {
      unit: "4W",
      room: "412",
      patientReference: "E20260417",
      category: "pain",
      severity: "high",
    };
    await post(
      interactionBody(
        viewSubmissionPayload(SLACK_NURSE, "liaison_concern", {
          ...form,
          description: "Pain 8/10.",
          grievance: [],
        }),
      ),
    );
    await waitFor(() => liaison.context.concerns.findByReference(`PR-${new Date().getUTCFullYear()}-00001`));
    await post(slashCommandBody(SLACK_LIAISON, "report Nursing 4 West", `${slack.responseUrlBase}report`));
    const report = await waitFor(() => slack.responses.find((r) => r.path === "/response/report"));
    expect(report.body).toMatchObject({ response_type: "ephemeral" });
    expect(text(report.body.blocks)).toContain("Concerns report: Nursing 4 West");
    expect(text(report.body.blocks)).toContain("Concerns raised: 1");

    await post(slashCommandBody(SLACK_BILLING, "report Nursing 4 West", `${slack.responseUrlBase}refused`));
    const refused = await waitFor(() => slack.responses.find((r) => r.path === "/response/refused"));
    expect(String(refused.body.text)).toContain("Nursing 4 West is not one of your departments");
  });
});

describe("Teams: report in the bot's chat answers with the numbers", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  beforeAll(async () => {
    rig = await startTeamsLiaison();
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it("Priya Shah (Food & Environmental's manager) sees her department's report", async () => {
    await rig.invoke(TEAMS_NURSE, "liaison.raise", { ...TEAMS_FORM, category: "food-environment" });
    const before = rig.connector.sent().length;
    await postActivity(rig.baseUrl, personalMessage(rig.connector.url, PRIYA, "report last month"));
    const answer = await waitFor(() =>
      rig.connector
        .sent()
        .slice(before)
        .find((c) => text(c.body).includes("Concerns report")),
    );
    expect(text(answer.body)).toContain("Food & Environmental Services");
  });
});
