import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";
import { FakeSlackApi } from "../support/fake-slack-api.ts";
import {
  botAddedToTeam,
  cardAction,
  NURSE as TEAMS_NURSE,
  postActivity,
} from "../support/teams-activities.ts";
import { runLiaisonProcess } from "../support/liaison-process.ts";
import { waitFor } from "../support/slack-liaison.ts";
import {
  interactionBody,
  postToSlackEndpoint,
  SIGNING_SECRET,
  viewSubmissionPayload,
} from "../support/slack-requests.ts";
import { SAMPLE_DIRECTORY_FILE } from "../support/sample-directory.ts";
import { createPostgresDatabase } from "../support/test-database.ts";
import { SLACK_NURSE as NURSE } from "../support/slack-people.ts";

const MARKER = "QZV-MARKER-4412";
const PATIENT = "MRN-QZV-9921";

describe("the database refusing a nurse's concern", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  // The whole service as IT runs it, both platforms: every line it prints, at the most verbose level.
  it("is logged without the description or the patient reference, on stdout and stderr alike", async () => {
    const { url, drop } = await createPostgresDatabase();
    cleanup.push(drop);
    const connector = new FakeBotConnector();
    await connector.start();
    cleanup.push(() => connector.stop());
    const slack = new FakeSlackApi();
    await slack.start();
    cleanup.push(() => slack.stop());
    const dataDir = mkdtempSync(path.join(tmpdir(), "liaison-logs-"));
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const liaison = runLiaisonProcess({
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: url,
      LIAISON_DATA_DIR: dataDir,
      LIAISON_DIRECTORY_FILE: SAMPLE_DIRECTORY_FILE,
      LOG_LEVEL: "trace",
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      TEAMS_LOCAL_MODE: "true",
    });
    cleanup.push(async () => void (await liaison.stop()));
    const { port } = JSON.parse(await liaison.waitForLog(/Liaison is listening/)) as { port: number };

    // A rule the hospital's DBA added, which this concern breaks: the database names the failing row.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `ALTER TABLE "Concern" ADD CONSTRAINT ward_rule CHECK (description NOT LIKE '%${MARKER}%')`,
    );
    await admin.end();

    const res = await postToSlackEndpoint(
      `http://127.0.0.1:${port}`,
      interactionBody(
        viewSubmissionPayload(NURSE, "liaison_concern", {
          unit: "4W",
          room: "412",
          patientReference: PATIENT,
          category: "pain",
          severity: "high",
          description: `Patient says ${MARKER}`,
        }),
      ),
      "application/x-www-form-urlencoded",
    );
    expect(res.status).toBe(200);
    const base = `http://127.0.0.1:${port}`;
    await postActivity(base, botAddedToTeam(connector.url));
    await postActivity(
      base,
      cardAction(connector.url, TEAMS_NURSE, "liaison.raise", {
        unit: "4W",
        room: "412",
        patientReference: PATIENT,
        category: "pain",
        severity: "high",
        description: `Patient says ${MARKER} in Teams`,
        grievance: "false",
      }),
    );
    await waitFor(
      () => (liaison.stdout() + liaison.stderr()).split("ward_rule").length > 2 || undefined,
      10_000,
      "the failure logged",
    );

    const everything = liaison.stdout() + liaison.stderr();
    expect(everything).not.toContain(MARKER);
    expect(everything).not.toContain(PATIENT);
  });
});
