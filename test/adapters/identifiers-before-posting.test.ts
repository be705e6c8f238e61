import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../src/main.ts";
import type { FakeSlackApi } from "../support/fake-slack-api.ts";
import { HOSTILE, slackMarkupLeaks, teamsMarkupLeaks } from "../support/markup-probes.ts";
import { startSlackLiaison, waitFor } from "../support/slack-liaison.ts";
import { interactionBody, postToSlackEndpoint, viewSubmissionPayload } from "../support/slack-requests.ts";
import { SLACK_NURSE as NURSE } from "../support/slack-people.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../support/teams-liaison.ts";
import { NURSE as TEAMS_NURSE } from "../support/teams-activities.ts";
import { checkAdaptiveCard } from "../support/adaptive-card-validation.ts";

/** A description with a name and a date of birth, and hostile markup that must stay words. */
const TYPED = `Mr. Harold Finch, DOB 07/22/1951, was left on the commode 30 min. ${HOSTILE.slack} ${HOSTILE.teams}`;
const FORM = {
  unit: "4W",
  room: "418",
  patientReference: "E20261202",
  category: "call-light",
  severity: "high",
  description: TYPED,
};
const text = (o: unknown) => JSON.stringify(o);

describe("Slack: a description with a name and a date of birth is caught in the modal", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let baseUrl: string;
  const submit = (values: Record<string, string | string[]>) =>
    postToSlackEndpoint(
      baseUrl,
      interactionBody(viewSubmissionPayload(NURSE, "liaison_concern", values)),
      "application/x-www-form-urlencoded",
    );

  beforeAll(async () => {
    ({ liaison, slack, baseUrl } = await startSlackLiaison());
  });
  afterAll(async () => {
    await liaison?.stop();
    await slack?.stop();
  });

  it("the modal stays open with the finds marked and everything typed; Post anyway raises it, audited", async () => {
    const res = await submit({ ...FORM, grievance: [] });
    const answer = (await res.json()) as { response_action: string; view: { blocks: unknown[] } };
    expect(answer.response_action).toBe("update");
    const blocks = text(answer.view.blocks);
    expect(blocks).toContain("This may identify the patient: a name and a date of birth.");
    // Marked as Slack can: bold and boxed, in rich text Slack never parses as mrkdwn.
    expect(blocks).toContain('{"type":"text","text":"Mr. Harold Finch","style":{"bold":true,"code":true}}');
    expect(blocks).toContain('{"type":"text","text":"07/22/1951","style":{"bold":true,"code":true}}');
    expect(blocks).toContain(`"initial_value":${JSON.stringify(TYPED)}`);
    expect(blocks).toContain('"block_id":"postAnyway"');
    expect(slackMarkupLeaks({ blocks: answer.view.blocks })).toEqual([]);
    expect(slack.callsTo("chat.postMessage")).toEqual([]);

    expect((await submit({ ...FORM, grievance: [], postAnyway: ["yes"] })).status).toBe(200);
    const card = await waitFor(() => slack.callsTo("chat.postMessage").find((c) => c.args.channel));
    expect(text(card.args.blocks)).toContain("Harold Finch");
    const concern = (await liaison.context.concerns.findByReference("PR-2026-00001"))!;
    const trail = await liaison.context.concerns.auditTrail(concern.id);
    expect(trail.find((e) => e.type === "identifiers-posted-anyway")?.detail).toEqual({
      fields: [{ field: "description", kinds: ["person-name", "date-of-birth"] }],
    });
  });

  it("a note with a phone number: the note modal is updated in place, as typed, until Post anyway is ticked", async () => {
    expect(
      (await submit({ ...FORM, room: "420", description: "Call light ignored 40 min.", grievance: [] }))
        .status,
    ).toBe(200);
    const concern = await waitFor(() => liaison.context.concerns.findByReference("PR-2026-00002"));
    const note = "Son asks for a call back on (555) 201-7788 before 6pm.";
    const noteModal = (values: Record<string, string | string[]>) =>
      postToSlackEndpoint(
        baseUrl,
        interactionBody(
          viewSubmissionPayload(
            NURSE,
            "liaison_note_modal",
            values,
            JSON.stringify({ concernId: concern.id }),
          ),
        ),
        "application/x-www-form-urlencoded",
      );
    const answer = (await (await noteModal({ text: note })).json()) as {
      response_action: string;
      view: unknown;
    };
    expect(answer.response_action).toBe("update");
    expect(text(answer.view)).toContain("This may identify the patient: a phone number.");
    expect(text(answer.view)).toContain(`"initial_value":${JSON.stringify(note)}`);
    expect(text(answer.view)).toContain('"callback_id":"liaison_note_modal"');

    expect((await noteModal({ text: note, postAnyway: ["yes"] })).status).toBe(200);
    const trail = await waitFor(async () => {
      const events = await liaison.context.concerns.auditTrail(concern.id);
      return events.some((e) => e.type === "note-added") ? events : undefined;
    });
    expect(trail.map((e) => e.type)).toContain("identifiers-posted-anyway");
  });
});

describe("Teams: the same description is caught on the form card", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  beforeAll(async () => {
    rig = await startTeamsLiaison();
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it("the form comes back highlighted with Edit and Post anyway, valid Adaptive Card 1.5; Post anyway raises it", async () => {
    const form = { ...TEAMS_FORM, ...FORM };
    const answer = await rig.invoke(TEAMS_NURSE, "liaison.raise", form);
    const card = answer.value;
    expect(text(card)).toContain("This may identify the patient: a name and a date of birth.");
    expect(text(card)).toContain('{"type":"TextRun","text":"07/22/1951","highlight":true,"weight":"bolder"}');
    expect(text(card)).toContain(`"value":${JSON.stringify(TYPED)}`);
    expect(text(card)).toContain('"title":"Post anyway"');
    expect(teamsMarkupLeaks(card)).toEqual([]);
    expect(checkAdaptiveCard(card).issues).toEqual([]);
    // (Microsoft's 1.5 JSON schema checks these cards in test/adaptive-cards/official-schema.test.ts.)
    expect(await rig.liaison.context.concerns.findByReference("PR-2026-00001")).toBeUndefined();

    const posted = await rig.invoke(TEAMS_NURSE, "liaison.raise", { ...form, postAnyway: "yes" });
    expect(text(posted.value)).toMatch(/PR-2026-00001/);
    const concern = (await rig.liaison.context.concerns.findByReference("PR-2026-00001"))!;
    expect(concern.description).toBe(TYPED);
    const types = (await rig.liaison.context.concerns.auditTrail(concern.id)).map((e) => e.type);
    expect(types).toContain("identifiers-posted-anyway");
  });

  it("a note with a phone number comes back on its input card, as typed, until posted anyway", async () => {
    const raised = await rig.invoke(TEAMS_NURSE, "liaison.raise", { ...TEAMS_FORM, room: "420" });
    const reference = /PR-\d{4}-\d{5}/.exec(text(raised.value))![0];
    const concern = (await rig.liaison.context.concerns.findByReference(reference))!;
    const note = "Son asks for a call back on (555) 201-7788 before 6pm.";
    const again = await rig.invoke(TEAMS_NURSE, "liaison.addNote.submit", {
      concernId: concern.id,
      text: note,
    });
    expect(text(again.value)).toContain("This may identify the patient: a phone number.");
    expect(text(again.value)).toContain(`"value":${JSON.stringify(note)}`);
    expect(checkAdaptiveCard(again.value).issues).toEqual([]);
    const done = await rig.invoke(TEAMS_NURSE, "liaison.addNote.submit", {
      concernId: concern.id,
      text: note,
      postAnyway: "yes",
    });
    expect(text(done.value)).not.toContain("This may identify the patient");
    const types = (await rig.liaison.context.concerns.auditTrail(concern.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["note-added", "identifiers-posted-anyway"]));
  });
});
