import { createServer, type Server } from "node:http";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../src/main.ts";
import type { FakeSlackApi } from "../support/fake-slack-api.ts";
import { startSlackLiaison, waitFor } from "../support/slack-liaison.ts";
import { SLACK_LIAISON, SLACK_NURSE } from "../support/slack-people.ts";
import { painFormSubmission, postToSlackEndpoint, slashCommandBody } from "../support/slack-requests.ts";
import {
  fileConsentAnswer,
  NURSE as TEAMS_NURSE,
  PAT as TEAMS_PAT,
  PRIYA,
  personalMessage,
  postActivity,
} from "../support/teams-activities.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../support/teams-liaison.ts";

const text = (o: unknown) => JSON.stringify(o);
/** Today on the sample hospital's calendar (Chicago), which is what an export's days are. */
const today = () => DateTime.now().setZone("America/Chicago").toISODate()!;

describe("Slack: /concern export sends the liaison the surveyor's file, privately", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let baseUrl: string;
  const post = (body: string) => postToSlackEndpoint(baseUrl, body, "application/x-www-form-urlencoded");

  beforeAll(async () => {
    ({ liaison, slack, baseUrl } = await startSlackLiaison());
  });
  afterAll(async () => {
    await liaison?.stop();
    await slack?.stop();
  });

  it("Pat Morgan gets today's export as a CSV in her direct messages; Nia Okafor is refused", async () => {
    await post(painFormSubmission());
    await waitFor(() => liaison.context.concerns.findByReference(`PR-${new Date().getUTCFullYear()}-00001`));
    const days = `${today()}..${today()}`;
    await post(slashCommandBody(SLACK_LIAISON, `export ${days}`, `${slack.responseUrlBase}export`));
    const reply = await waitFor(() => slack.responses.find((r) => r.path === "/response/export"));
    expect(reply.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(reply.body.text)).toContain("It is in your direct messages with Liaison");

    const [share] = slack.callsTo("files.completeUploadExternal");
    expect(share!.args.channel_id).toBe(`D${SLACK_LIAISON.id}`);
    expect(text(share!.args.blocks)).toContain("It holds patient information");
    const [file] = share!.args.files as { id: string; title: string }[];
    expect(file!.title).toBe(`liaison-audit-${today()}-to-${today()}.csv`);
    const csv = slack.uploads.get(file!.id)!.toString("utf8");
    expect(csv).toContain("CONFIDENTIAL");
    expect(csv).toContain(`PR-${new Date().getUTCFullYear()}-00001`);

    await post(slashCommandBody(SLACK_NURSE, `export ${days}`, `${slack.responseUrlBase}refused`));
    const refused = await waitFor(() => slack.responses.find((r) => r.path === "/response/refused"));
    expect(String(refused.body.text)).toContain("liaisons, directors and admins");
    expect(slack.callsTo("files.completeUploadExternal")).toHaveLength(1);
  });
});

describe("Teams: export in the bot's chat offers the file, and puts it in the liaison's OneDrive on accept", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  let oneDrive: Server;
  const uploads: { url: string; headers: Record<string, unknown>; body: string }[] = [];
  let oneDriveUrl = "";

  beforeAll(async () => {
    rig = await startTeamsLiaison();
    oneDrive = createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      uploads.push({ url: req.url ?? "", headers: req.headers, body });
      res.writeHead(201, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => oneDrive.listen(0, "127.0.0.1", resolve));
    oneDriveUrl = `http://127.0.0.1:${(oneDrive.address() as { port: number }).port}/upload-session`;
  });
  afterAll(async () => {
    await rig?.stop();
    await new Promise<void>((resolve) => oneDrive?.close(() => resolve()));
  });

  const sentSince = (before: number) => rig.connector.sent().slice(before);

  it("Pat Morgan consents, the CSV is uploaded whole and its file card sent; Priya Shah is refused", async () => {
    await rig.invoke(TEAMS_NURSE, "liaison.raise", TEAMS_FORM);
    let before = rig.connector.sent().length;
    await postActivity(
      rig.baseUrl,
      personalMessage(rig.connector.url, TEAMS_PAT, `export ${today()}..${today()}`),
    );
    const offer = await waitFor(() => sentSince(before).find((c) => text(c.body).includes("file.consent")));
    const consent = (offer.body as { attachments: { name: string; content: Record<string, unknown> }[] })
      .attachments[0]!;
    expect(consent.name).toBe(`liaison-audit-${today()}-to-${today()}.csv`);
    expect(String(consent.content.description)).toMatch(/^The audit export of .* events of 1 concerns\.$/);

    before = rig.connector.sent().length;
    const accepted = await postActivity(
      rig.baseUrl,
      fileConsentAnswer(rig.connector.url, TEAMS_PAT, "accept", consent.content.acceptContext, oneDriveUrl),
    );
    expect(accepted.status).toBe(200);
    const [upload] = uploads;
    expect(upload!.body).toContain("CONFIDENTIAL");
    expect(upload!.body).toContain(`PR-${new Date().getUTCFullYear()}-00001`);
    expect(Buffer.byteLength(upload!.body)).toBe(consent.content.sizeInBytes);
    expect(upload!.headers["content-range"]).toBe(
      `bytes 0-${upload!.body.length - 1}/${upload!.body.length}`,
    );
    await waitFor(() => sentSince(before).find((c) => text(c.body).includes("file.info")));

    before = rig.connector.sent().length;
    await postActivity(
      rig.baseUrl,
      personalMessage(rig.connector.url, PRIYA, `export ${today()}..${today()}`),
    );
    const refused = await waitFor(() =>
      sentSince(before).find((c) => text(c.body).includes("directors and admins")),
    );
    expect(text(refused.body)).not.toContain("file.consent");
  });

  it("declined, nothing is uploaded", async () => {
    const before = rig.connector.sent().length;
    const count = uploads.length;
    await postActivity(rig.baseUrl, personalMessage(rig.connector.url, TEAMS_PAT, "export last week json"));
    const offer = await waitFor(() => sentSince(before).find((c) => text(c.body).includes("file.consent")));
    const consent = (offer.body as { attachments: { content: Record<string, unknown> }[] }).attachments[0]!;
    await postActivity(
      rig.baseUrl,
      fileConsentAnswer(rig.connector.url, TEAMS_PAT, "decline", consent.content.declineContext),
    );
    await waitFor(() => sentSince(before).find((c) => text(c.body).includes("The export was not sent")));
    expect(uploads).toHaveLength(count);
  });
});
