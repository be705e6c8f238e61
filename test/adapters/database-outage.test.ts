import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../src/main.ts";
import { cutOffDatabase } from "../support/database-outage.ts";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";
import type { FakeSlackApi } from "../support/fake-slack-api.ts";
import { startSlackLiaison, waitFor } from "../support/slack-liaison.ts";
import { interactionBody, postToSlackEndpoint, viewSubmissionPayload } from "../support/slack-requests.ts";
import { botAddedToTeam, cardAction, LEE, NURSE, postActivity } from "../support/teams-activities.ts";
import { createPostgresDatabase } from "../support/test-database.ts";
import { SLACK_NURSE, SLACK_RESPONDER } from "../support/slack-people.ts";

const FORM = "application/x-www-form-urlencoded";
const TEAMS_FORM = {
  unit: "4W",
  room: "412",
  patientReference: "E20260417",
  category: "pain",
  severity: "high",
  description: "Call light ignored 40 minutes during the outage.",
  grievance: "false",
};
const text = (value: unknown) => JSON.stringify(value);

describe("while the database is down, nothing a person typed is lost", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let connector: FakeBotConnector;
  let baseUrl: string;
  let concernId: string;
  let restore: () => Promise<void>;
  let drop: () => Promise<void>;
  const invoke = async (verb: string, data: Record<string, unknown>, from = LEE) => {
    const res = await postActivity(baseUrl, cardAction(connector.url, from, verb, data));
    expect(res.status).toBe(200);
    return (await res.json()) as { statusCode: number; type: string; value: unknown };
  };
  const dmTo = (user: { id: string }, containing: string) =>
    waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .find((c) => c.args.channel === user.id && String(c.args.text).includes(containing)),
    );
  const submitText = (callbackId: string, values: Record<string, string>, meta: string) =>
    postToSlackEndpoint(
      baseUrl,
      interactionBody(viewSubmissionPayload(SLACK_RESPONDER, callbackId, values, meta)),
      FORM,
    );

  beforeAll(async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    connector = new FakeBotConnector();
    await connector.start();
    ({ liaison, slack, baseUrl } = await startSlackLiaison({
      config: { DATABASE_URL: database.url, TEAMS_LOCAL_MODE: "true" },
    }));
    await postActivity(baseUrl, botAddedToTeam(connector.url));
    const raised = await invoke("liaison.raise", { ...TEAMS_FORM, description: "Before the outage." }, NURSE);
    const reference = /PR-\d{4}-\d{5}/.exec(text(raised.value))![0];
    concernId = (await liaison.context.concerns.findByReference(reference))!.id;
    ({ restore } = await cutOffDatabase(database.url));
  }, 60_000);
  afterAll(async () => {
    await restore?.();
    await liaison?.stop();
    await slack?.stop();
    await connector?.stop();
    await drop?.();
  });

  it("Teams: a raise answers the same form, everything typed kept, saying it was NOT saved", async () => {
    const answer = await invoke("liaison.raise", TEAMS_FORM, NURSE);
    expect(answer).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    const card = text(answer.value);
    expect(card).toContain("Your concern was NOT saved");
    expect(card).toContain("Call light ignored 40 minutes during the outage.");
    expect(card).toContain('"value":"E20260417"');
    expect(card).toContain('"id":"unit"');
  });

  it("Teams: a note comes back on its card with the text kept; a click says it was NOT saved", async () => {
    const noted = text(
      (await invoke("liaison.addNote.submit", { concernId, text: "Family updated at 14:10." })).value,
    );
    expect(noted).toContain("Your note was NOT saved");
    expect(noted).toContain("Family updated at 14:10.");
    expect(noted).toContain('"verb":"liaison.addNote.submit"');
    const reassigned = text(
      (
        await invoke("liaison.reassign.submit", {
          concernId,
          department: "patient-relations",
          reason: "Needs the pain team.",
        })
      ).value,
    );
    expect(reassigned).toContain("Your reassignment was NOT saved");
    expect(reassigned).toContain("Needs the pain team.");
    const acked = text((await invoke("liaison.acknowledge", { concernId })).value);
    expect(acked).toContain("Your acknowledgement was NOT saved");
  });

  it("Slack: a note, a resolution, a reopening and a reassignment each come back in a DM, NOT saved", async () => {
    const meta = JSON.stringify({ concernId, required: true });
    const submissions: [string, Record<string, string>, string, string][] = [
      ["liaison_note_modal", { text: "Spoke with the son at 14:05." }, meta, "Your note was NOT saved"],
      [
        "liaison_resolve_modal",
        { text: "Pain team adjusted the plan." },
        // A routine concern's resolution: its note alone is the whole form.
        JSON.stringify({ concernId, isGrievance: false }),
        "Your resolution was NOT saved",
      ],
      ["liaison_reopen_modal", { text: "Pain is back at 8/10." }, meta, "Your reopening was NOT saved"],
      [
        "liaison_reassign_modal",
        { department: "patient-relations", reason: "Patient relations owns this." },
        concernId,
        "Your reassignment was NOT saved",
      ],
    ];
    for (const [callbackId, values, privateMetadata, reply] of submissions) {
      expect((await submitText(callbackId, values, privateMetadata)).status).toBe(200);
      const dm = await dmTo(SLACK_RESPONDER, reply);
      for (const typed of Object.values(values).filter((v) => v.includes(" ")))
        expect(String(dm.args.text)).toContain(typed);
    }
  });

  it("Slack: a raise keeps the form open, everything typed still in it, saying it was NOT saved", async () => {
    const res = await postToSlackEndpoint(
      baseUrl,
      interactionBody(
        viewSubmissionPayload(SLACK_NURSE, "liaison_concern", {
          unit: "4W",
          room: "418",
          patientReference: "E20260418",
          category: "pain",
          severity: "critical",
          description: "Chest pain reported at 14:20.",
        }),
      ),
      FORM,
    );
    expect(res.status).toBe(200);
    // Slack keeps a form open (with its values) when the ack names errors on its fields.
    const answer = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe("errors");
    expect(answer.errors.description).toContain("Your concern was NOT saved");
  });
});
