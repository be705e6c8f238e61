import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../../src/main.ts";
import type { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import {
  blockActionPayload,
  interactionBody,
  postToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
} from "../../support/slack-requests.ts";
import { SLACK_NURSE as NURSE, SLACK_RESPONDER as RESPONDER } from "../../support/slack-people.ts";

const FORM = "application/x-www-form-urlencoded";
const CONCERN = {
  unit: "4W",
  room: "412",
  category: "pain",
  severity: "high",
  description: "Call light ignored 40 minutes.",
};

describe("Slack requests that arrive twice or carry what a database cannot store", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let baseUrl: string;
  /** One signed request, sent as often as asked: the same timestamp, so the same signature. */
  const sendTwice = async (body: string) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postToSlackEndpoint(baseUrl, body, FORM, { timestamp });
    const again = await postToSlackEndpoint(baseUrl, body, FORM, { timestamp });
    return { first, again };
  };
  const dmsTo = (user: { id: string }) =>
    slack.callsTo("chat.postMessage").filter((c) => c.args.channel === user.id);
  const settled = () =>
    waitFor(
      async () => ((await liaison.context.outbox.stats()).pending === 0 ? true : undefined),
      10_000,
      "an empty outbox",
    );

  beforeAll(async () => {
    ({ liaison, slack, baseUrl } = await startSlackLiaison());
  });
  afterAll(async () => {
    await liaison?.stop();
    await slack?.stop();
  });

  async function raise(description: string) {
    const res = await postToSlackEndpoint(
      baseUrl,
      interactionBody(viewSubmissionPayload(NURSE, "liaison_concern", { ...CONCERN, description })),
      FORM,
    );
    expect(res.status).toBe(200);
    await waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .find((c) => c.args.channel === "C04NURS4W01" && !c.args.thread_ts && String(c.args.text).length > 0),
    );
    const concerns = await liaison.context.concerns.listOpenInvolving("person:nia.okafor", 100);
    return concerns.find((c) => c.description === description)!;
  }

  it("the same signed form submission sent twice raises one concern; the replay gets an empty 200", async () => {
    const description = "Replayed: patient waiting for pain relief since 14:00.";
    const { first, again } = await sendTwice(
      interactionBody(viewSubmissionPayload(NURSE, "liaison_concern", { ...CONCERN, description })),
    );
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe("");
    await waitFor(async () =>
      (await liaison.context.concerns.listOpenInvolving("person:nia.okafor", 100)).find(
        (c) => c.description === description,
      ),
    );
    await settled();
    const raised = (await liaison.context.concerns.listOpenInvolving("person:nia.okafor", 100)).filter(
      (c) => c.description === description,
    );
    expect(raised).toHaveLength(1);
  });

  it("the same /concern sent twice opens the form once", async () => {
    const formsFor = (text: string) =>
      slack.callsTo("views.open").filter((c) => JSON.stringify(c.args.view).includes(text));
    const { first, again } = await sendTwice(
      slashCommandBody(NURSE, "rm 412 replayed", `${slack.responseUrlBase}replay`),
    );
    expect([first.status, again.status]).toEqual([200, 200]);
    // A later, different command: once its form is open, anything the replay started has landed too.
    await postToSlackEndpoint(
      baseUrl,
      slashCommandBody(NURSE, "rm 413 later", `${slack.responseUrlBase}l`),
      FORM,
    );
    await waitFor(() => formsFor("rm 413 later")[0]);
    expect(formsFor("rm 412 replayed")).toHaveLength(1);
  });

  it("a replayed note and a replayed Escalate now are each applied once", async () => {
    const concern = await raise("Family asking for the charge nurse.");
    const note = viewSubmissionPayload(
      RESPONDER,
      "liaison_note_modal",
      { text: "Spoke with the family." },
      JSON.stringify({ concernId: concern.id, required: true }),
    );
    await sendTwice(interactionBody(note));
    const escalate = blockActionPayload(
      RESPONDER,
      "liaison_escalate",
      concern.id,
      { channel: "C04NURS4W01", ts: "1764000001.000100" },
      `${slack.responseUrlBase}esc`,
    );
    await sendTwice(interactionBody(escalate));
    const trail = await waitFor(async () => {
      const events = await liaison.context.concerns.auditTrail(concern.id);
      return events.some((e) => e.type === "note-added") && events.some((e) => e.type === "escalated")
        ? events
        : undefined;
    });
    await settled();
    const again = await liaison.context.concerns.auditTrail(concern.id);
    expect(again.filter((e) => e.type === "note-added")).toHaveLength(1);
    expect(again.filter((e) => e.type === "escalated")).toHaveLength(1);
    expect(trail.length).toBeGreaterThan(0);
  });

  it("NUL and lone surrogates in what was typed are cleaned, and the concern is saved", async () => {
    const description = "Pain\u0000 not controlled \uD83D since the PRN dose";
    const res = await postToSlackEndpoint(
      baseUrl,
      interactionBody(
        viewSubmissionPayload({ ...NURSE, name: "nia\u0000.okafor" }, "liaison_concern", {
          ...CONCERN,
          room: "41\u00002",
          description,
        }),
      ),
      FORM,
    );
    expect(res.status).toBe(200);
    const saved = await waitFor(async () =>
      (await liaison.context.concerns.listOpenInvolving("person:nia.okafor", 100)).find((c) =>
        c.description.startsWith("Pain not controlled"),
      ),
    );
    expect(saved.description).toBe("Pain not controlled \uFFFD since the PRN dose");
    expect(saved.room).toBe("412");
  });

  it("a button naming no concern Liaison knows answers that the concern no longer exists", async () => {
    const res = await postToSlackEndpoint(
      baseUrl,
      interactionBody(
        blockActionPayload(
          RESPONDER,
          "liaison_acknowledge",
          "not-a-concern-id",
          { channel: "C04NURS4W01", ts: "1764000001.000100" },
          `${slack.responseUrlBase}gone`,
        ),
      ),
      FORM,
    );
    expect(res.status).toBe(200);
    const reply = await waitFor(() => slack.responses.find((r) => r.path.endsWith("/gone")));
    expect(reply.body.text).toBe("That concern no longer exists.");
  });

  it("a form Liaison cannot read is acknowledged at once, and the person is told nothing was saved", async () => {
    const broken = viewSubmissionPayload(NURSE, "liaison_concern", CONCERN);
    (broken.view.state as unknown as { values: unknown }).values = { unit: "not an input block" };
    const before = dmsTo(NURSE).length;
    const res = await postToSlackEndpoint(baseUrl, interactionBody(broken), FORM);
    expect(res.status).toBe(200);
    const noteWithoutMetadata = viewSubmissionPayload(RESPONDER, "liaison_note_modal", { text: "x" }, "{");
    const res2 = await postToSlackEndpoint(baseUrl, interactionBody(noteWithoutMetadata), FORM);
    expect(res2.status).toBe(200);
    // Found by its words: an earlier test's confirmation may still be on its way to the same nurse.
    const dm = await waitFor(() =>
      dmsTo(NURSE)
        .slice(before)
        .find((c) => String(c.args.text).includes("could not read that form")),
    );
    expect(String(dm.args.text)).toContain("could not read that form, so nothing was saved");
    await waitFor(() =>
      dmsTo(RESPONDER).find((c) => String(c.args.text).includes("could not read that form")),
    );
  });
});
