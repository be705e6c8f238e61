import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../src/main.ts";
import type { ConcernId } from "../../src/core/ids.ts";
import type { FakeSlackApi } from "../support/fake-slack-api.ts";
import { HOSTILE, slackMarkupLeaks, teamsMarkupLeaks } from "../support/markup-probes.ts";
import { startSlackLiaison, waitFor } from "../support/slack-liaison.ts";
import {
  blockActionPayload,
  interactionBody,
  postToSlackEndpoint,
  viewSubmissionPayload,
} from "../support/slack-requests.ts";
import { SLACK_BILLING, SLACK_LIAISON, SLACK_NURSE } from "../support/slack-people.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../support/teams-liaison.ts";
import { LEE, NURSE as TEAMS_NURSE, PRIYA } from "../support/teams-activities.ts";
import { checkAdaptiveCard } from "../support/adaptive-card-validation.ts";

const DESCRIPTION = `Pain 8/10 since 02:00, PRN refused by night cover. ${HOSTILE.slack} ${HOSTILE.teams}`;
const text = (o: unknown) => JSON.stringify(o);

describe("Slack: Show details opens a modal only its presser sees, and the look is audited", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let baseUrl: string;
  const interact = (payload: unknown) =>
    postToSlackEndpoint(baseUrl, interactionBody(payload), "application/x-www-form-urlencoded");

  beforeAll(async () => {
    ({ liaison, slack, baseUrl } = await startSlackLiaison());
  });
  afterAll(async () => {
    await liaison?.stop();
    await slack?.stop();
  });

  it("Pat Morgan (liaison) sees the full details in a modal; Ben Adler (billing) is told who may", async () => {
    const form = {
      unit: "4W",
      room: "412",
      patientReference: "E20260417",
      category: "pain",
      severity: "high",
    };
    await interact(
      viewSubmissionPayload(SLACK_NURSE, "liaison_concern", {
        ...form,
        description: DESCRIPTION,
        grievance: [],
      }),
    );
    const card = await waitFor(() =>
      slack.callsTo("chat.postMessage").find((c) => c.args.channel === "C04NURS4W01"),
    );
    const buttons = (
      card.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    ).find((b) => b.type === "actions")!.elements!;
    expect(buttons.at(-1)).toMatchObject({
      action_id: "liaison_show_details",
      text: { text: "Show details" },
    });
    const concernId = buttons.at(-1)!.value as ConcernId;
    const press = (who: { id: string; name: string }, tag: string) =>
      interact(
        blockActionPayload(
          who,
          "liaison_show_details",
          concernId,
          { channel: "C04NURS4W01", ts: "1764000000.000100" },
          `${slack.responseUrlBase}${tag}`,
        ),
      );

    expect((await press(SLACK_LIAISON, "pat")).status).toBe(200);
    const opened = await waitFor(() => slack.callsTo("views.open").at(-1));
    const modal = opened.args.view as { title: { text: string }; blocks: unknown[] };
    expect(modal.title.text).toBe("Patient details");
    expect(text(modal.blocks)).toContain("E20260417");
    expect(text(modal.blocks)).toContain("Pat Morgan viewed the patient details of PR-2026-00001 at");
    expect(slackMarkupLeaks({ blocks: modal.blocks })).toEqual([]);

    expect((await press(SLACK_BILLING, "ben")).status).toBe(200);
    const told = await waitFor(() => slack.responses.find((r) => r.path === "/response/ben"));
    expect(told.body).toMatchObject({ response_type: "ephemeral" });
    expect(text(told.body)).toContain("may see the patient details of PR-2026-00001");
    expect(text(told.body)).not.toContain("E20260417");

    const trail = await liaison.context.concerns.auditTrail(concernId);
    expect(trail.filter((e) => e.type === "details-viewed").map((e) => e.actor.displayName)).toEqual([
      "Pat Morgan",
    ]);
  });
});

describe("Teams: Show details answers its presser alone with the details under the card", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  beforeAll(async () => {
    rig = await startTeamsLiaison();
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it("Lee Chen (4 West) sees them; Priya Shah (another department's manager) sees the card with why not", async () => {
    const raised = await rig.invoke(TEAMS_NURSE, "liaison.raise", {
      ...TEAMS_FORM,
      description: DESCRIPTION,
    });
    const reference = /PR-\d{4}-\d{5}/.exec(text(raised.value))![0];
    const concern = (await rig.liaison.context.concerns.findByReference(reference))!;
    const posted = await waitFor(() =>
      rig.connector.calls.find((c) => c.path === "/v3/conversations" && text(c.body).includes(reference)),
    );
    expect(text(posted.body)).toContain('"verb":"liaison.showDetails"');

    const shown = await rig.invoke(LEE, "liaison.showDetails", { concernId: concern.id });
    expect(text(shown.value)).toContain("Patient details (only you see this)");
    expect(text(shown.value)).toContain('{"type":"TextRun","text":"E20260417"}');
    expect(text(shown.value)).toContain(`Lee Chen viewed the patient details of ${reference} at`);
    expect(teamsMarkupLeaks(shown.value)).toEqual([]);
    expect(checkAdaptiveCard(shown.value).issues).toEqual([]);

    const refused = await rig.invoke(PRIYA, "liaison.showDetails", { concernId: concern.id });
    expect(text(refused.value)).toContain(`may see the patient details of ${reference}`);
    expect(text(refused.value)).not.toContain("E20260417");
    const trail = await rig.liaison.context.concerns.auditTrail(concern.id);
    expect(trail.filter((e) => e.type === "details-viewed").map((e) => e.detail)).toEqual([
      { platform: "teams" },
    ]);
  });
});
