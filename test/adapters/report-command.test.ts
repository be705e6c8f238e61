import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../src/main.ts";
import type { FakeSlackApi } from "../support/fake-slack-api.ts";
import { startSlackLiaison, waitFor } from "../support/slack-liaison.ts";
import { painFormSubmission, postToSlackEndpoint, slashCommandBody } from "../support/slack-requests.ts";
import { SLACK_BILLING, SLACK_LIAISON } from "../support/slack-people.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../support/teams-liaison.ts";
import { NURSE as TEAMS_NURSE, PRIYA, personalMessage, postActivity } from "../support/teams-activities.ts";

const text = (o: unknown) => JSON.stringify(o);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("Slack: /concern report sends the asker the numbers and the chart, privately", () => {
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

  it("Pat Morgan gets this month's report for 4 West in her direct messages, chart attached; Ben Adler (billing) is refused 4 West by name", async () => {
    await post(painFormSubmission());
    await waitFor(() => liaison.context.concerns.findByReference(`PR-${new Date().getUTCFullYear()}-00001`));
    await post(slashCommandBody(SLACK_LIAISON, "report Nursing 4 West", `${slack.responseUrlBase}report`));
    const reply = await waitFor(() => slack.responses.find((r) => r.path === "/response/report"));
    expect(reply.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(reply.body.text)).toContain("Your report is in your direct messages with Liaison");

    // The report and its chart are one file share in her direct messages with Liaison.
    expect(slack.callsTo("conversations.open")[0]!.args.users).toBe(SLACK_LIAISON.id);
    const [share] = slack.callsTo("files.completeUploadExternal");
    expect(share!.args.channel_id).toBe(`D${SLACK_LIAISON.id}`);
    expect(text(share!.args.blocks)).toContain("Concerns report: Nursing 4 West");
    expect(text(share!.args.blocks)).toContain("Concerns raised: 1");
    const [file] = share!.args.files as { id: string; title: string }[];
    expect(file!.title).toContain("Concerns report: Nursing 4 West");
    const png = slack.uploads.get(file!.id)!;
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(960); // IHDR width: the "wide" chart

    await post(slashCommandBody(SLACK_BILLING, "report Nursing 4 West", `${slack.responseUrlBase}refused`));
    const refused = await waitFor(() => slack.responses.find((r) => r.path === "/response/refused"));
    expect(String(refused.body.text)).toContain("Nursing 4 West is not one of your departments");
  });

  it("when Slack refuses the file, the numbers come back where she typed the command, with the reason", async () => {
    slack.script("files.getUploadURLExternal", { status: 200, body: { ok: false, error: "missing_scope" } });
    await post(slashCommandBody(SLACK_LIAISON, "report last month", `${slack.responseUrlBase}no-file`));
    const reply = await waitFor(() => slack.responses.find((r) => r.path === "/response/no-file"));
    expect(reply.body).toMatchObject({ response_type: "ephemeral" });
    expect(text(reply.body.blocks)).toContain("Concerns raised:");
    expect(text(reply.body.blocks)).toContain(
      "The chart could not be sent to your direct messages (Slack said: missing_scope)",
    );
  });
});

describe("Teams: report in the bot's chat answers with a card of the numbers and the chart", () => {
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
    const card = (answer.body as { attachments: { content: Record<string, unknown> }[] }).attachments[0]!
      .content;
    const image = (card.body as { type: string; url?: string; altText?: string }[]).find(
      (e) => e.type === "Image",
    )!;
    expect(image.altText).toMatch(/^Bar chart of \d+ concerns raised/);
    const png = Buffer.from(image.url!.replace(/^data:image\/png;base64,/, ""), "base64");
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(560); // IHDR width: the "compact" chart
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(28 * 1024);
  });
});
