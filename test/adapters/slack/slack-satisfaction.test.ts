import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../../src/main.ts";
import type { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import {
  blockActionPayload,
  interactionBody,
  postToSlackEndpoint,
  viewSubmissionPayload,
} from "../../support/slack-requests.ts";
import { SLACK_NURSE as NURSE, SLACK_RESPONDER as RESPONDER } from "../../support/slack-people.ts";

const CONCERN = {
  unit: "4W",
  room: "412",
  patientReference: "E20260417",
  category: "pain",
  severity: "high",
  description: "Pain not controlled 2h after PRN dose; asking for charge nurse.",
  grievance: [],
};

describe("Slack over HTTP: the patient's satisfaction", () => {
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

  const press = (actionId: string, card: { concernId: string; ts: string }, tag: string) =>
    interact(
      blockActionPayload(
        RESPONDER,
        actionId,
        card.concernId,
        { channel: "C04NURS4W01", ts: card.ts },
        `${slack.responseUrlBase}${tag}`,
      ),
    );

  const modalFor = (callbackId: string, concernId: string) =>
    waitFor(() =>
      slack.callsTo("views.open").find((c) => {
        const view = c.args.view as { callback_id: string; private_metadata: string };
        return view.callback_id === callbackId && view.private_metadata.includes(concernId);
      }),
    );

  const cardUpdate = (ts: string, text: string) =>
    waitFor(() =>
      slack
        .callsTo("chat.update")
        .find((c) => c.args.ts === ts && JSON.stringify(c.args.blocks).includes(text)),
    );

  /** A concern raised on 4 West and resolved by Sam Rivera, its card as it is then. */
  async function resolvedCard() {
    const before = slack.callsTo("chat.postMessage").length;
    await interact(viewSubmissionPayload(NURSE, "liaison_concern", CONCERN));
    const card = await waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .slice(before)
        .find((c) => c.args.channel === "C04NURS4W01" && !c.args.thread_ts),
    );
    const blocks = card.args.blocks as { type: string; elements?: { value?: string }[] }[];
    const concernId = blocks.find((b) => b.type === "actions")!.elements![0]!.value!;
    const ts = (
      await waitFor(async () =>
        (await liaison.context.concerns.findById(concernId as never))?.cards.find(
          (x) => x.platform === "slack",
        ),
      )
    ).messageId;
    await press("liaison_resolve", { concernId, ts }, `res-${concernId}`);
    const modal = await modalFor("liaison_resolve_modal", concernId);
    const meta = (modal.args.view as { private_metadata: string }).private_metadata;
    await interact(
      viewSubmissionPayload(RESPONDER, "liaison_resolve_modal", { text: "Plan changed." }, meta),
    );
    const resolved = await cardUpdate(ts, "Resolved by Sam Rivera");
    return { concernId, ts, blocks: JSON.stringify(resolved.args.blocks) };
  }

  it("Record satisfaction: a modal of five ratings with words; a missing rating is said on its field; then the card shows it", async () => {
    const { concernId, ts, blocks } = await resolvedCard();
    expect(blocks).toContain("Record satisfaction");
    expect(blocks).toContain("liaison_survey_link");
    await press("liaison_satisfaction", { concernId, ts }, `sat-${concernId}`);
    const modal = await modalFor("liaison_satisfaction_modal", concernId);
    const view = modal.args.view as {
      private_metadata: string;
      blocks: { block_id?: string; element?: Record<string, unknown> }[];
    };
    const rating = view.blocks.find((b) => b.block_id === "rating")!.element!;
    expect(rating.type).toBe("static_select");
    expect((rating.options as { text: { text: string } }[]).map((o) => o.text.text)).toEqual([
      "1 Very dissatisfied",
      "2 Dissatisfied",
      "3 Neither satisfied nor dissatisfied",
      "4 Satisfied",
      "5 Very satisfied",
    ]);
    const missing = await interact(
      viewSubmissionPayload(
        RESPONDER,
        "liaison_satisfaction_modal",
        { rating: undefined, comment: "Kind <!channel> nurses", askedHow: "phone" },
        view.private_metadata,
      ),
    );
    expect(await missing.json()).toEqual({
      response_action: "errors",
      errors: { rating: "Please choose how satisfied the patient is, from 1 to 5." },
    });
    const done = await interact(
      viewSubmissionPayload(
        RESPONDER,
        "liaison_satisfaction_modal",
        { rating: "4", comment: "Kind <!channel> nurses", askedHow: "phone" },
        view.private_metadata,
      ),
    );
    expect(done.status).toBe(200);
    const update = await cardUpdate(ts, "Patient satisfaction: 4/5 (Satisfied)");
    expect(JSON.stringify(update.args.blocks)).not.toContain("liaison_satisfaction");
    await waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .find((c) => c.args.thread_ts === ts && String(c.args.text).startsWith("Patient satisfaction: 4/5")),
    );
    const stored = await liaison.context.concerns.findById(concernId as never);
    expect(stored?.satisfaction).toMatchObject({
      rating: 4,
      comment: "Kind <!channel> nurses",
      askedHow: "phone",
    });
  });

  it("Send survey link: the link comes in a DM only to the clicker; the patient answers it and the card shows the rating", async () => {
    const { concernId, ts } = await resolvedCard();
    await press("liaison_survey_link", { concernId, ts }, `link-${concernId}`);
    const dm = await waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .find((c) => c.args.channel === RESPONDER.id && String(c.args.text).includes("/survey/")),
    );
    const url = /(http\S+\/survey\/[A-Za-z0-9_-]{22})\b/.exec(String(dm.args.text))![1]!;
    expect(String(dm.args.text)).toContain(`${url}/print`);
    const notice = await waitFor(() => slack.responses.find((r) => r.path.endsWith(`link-${concernId}`)));
    expect(JSON.stringify(notice.body)).toContain("The survey link is in your direct messages with Liaison");
    await cardUpdate(ts, "Survey link sent by Sam Rivera");
    // Nothing in the channel carries the link.
    const channel = slack.callsTo("chat.postMessage").filter((c) => c.args.channel === "C04NURS4W01");
    expect(JSON.stringify(channel)).not.toContain("/survey/");

    const local = url.replace(/^http:\/\/localhost:\d+/, baseUrl);
    expect((await fetch(local)).status).toBe(200);
    const sent = await fetch(local, {
      method: "POST",
      body: new URLSearchParams({ rating: "5", comment: "Thank you all." }),
      redirect: "manual",
    });
    expect(sent.status).toBe(303);
    await cardUpdate(ts, "Patient satisfaction: 5/5 (Very satisfied)");
    await waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .find(
          (c) =>
            c.args.thread_ts === ts &&
            String(c.args.text) ===
              "Patient satisfaction: 5/5 (Very satisfied), answered on the survey page.",
        ),
    );
  });
});
