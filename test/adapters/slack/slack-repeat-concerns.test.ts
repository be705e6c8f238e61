import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../../src/main.ts";
import type { ConcernId } from "../../../src/core/ids.ts";
import type { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { HOSTILE, slackMarkupLeaks } from "../../support/markup-probes.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import {
  blockActionPayload,
  interactionBody,
  postToSlackEndpoint,
  viewSubmissionPayload,
} from "../../support/slack-requests.ts";
import { SLACK_LIAISON as LIAISON, SLACK_NURSE as NURSE } from "../../support/slack-people.ts";

const CHANNEL = "C04NURS4W01";
const CONCERN = {
  unit: "4W",
  room: "418",
  patientReference: "E20261118",
  category: "pain",
  severity: "high",
  description: "Pain not controlled 2h after PRN dose.",
  grievance: [],
};

describe("Slack: a repeat concern is linked on its card, and Merge into… merges it", () => {
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

  const blocksOf = (call: { args: Record<string, unknown> }) => JSON.stringify(call.args.blocks);
  /** The latest chat.update of the card at `ts` that says `text`. */
  const updated = (ts: string, text: string) =>
    waitFor(
      () => slack.callsTo("chat.update").find((c) => c.args.ts === ts && blocksOf(c).includes(text)),
      8000,
      `the card ${ts} updated with "${text}"`,
    );

  /** Raises a concern through the modal; returns its card as posted, its id and reference. */
  async function raise(values: Record<string, string | string[] | undefined>) {
    const before = slack.callsTo("chat.postMessage").length;
    expect((await interact(viewSubmissionPayload(NURSE, "liaison_concern", values))).status).toBe(200);
    const card = await waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .slice(before)
        .find((c) => c.args.channel === CHANNEL && !c.args.thread_ts),
    );
    const buttons = (
      card.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    ).find((b) => b.type === "actions")!.elements!;
    const concernId = buttons[0]!.value as ConcernId;
    const stored = await waitFor(async () => {
      const c = await liaison.context.concerns.findById(concernId);
      return c?.cards.some((x) => x.platform === "slack") ? c : undefined;
    });
    return { card, buttons, concernId, reference: stored.reference, ts: stored.cards[0]!.messageId };
  }

  it("the second concern for the patient in 4W 418 says so, and Pat Morgan merges it into the first", async () => {
    const first = await raise(CONCERN);
    expect(first.buttons.map((b) => b.action_id)).not.toContain("liaison_merge");

    // The same patient, spelled differently by another shift: still the same patient, unit and room.
    const second = await raise({
      ...CONCERN,
      unit: "4 West",
      patientReference: "e20261118",
      category: "call-light",
    });
    // Linked just after it is stored: the card shows it as posted, or redrawn a moment later.
    const link = `2nd concern this stay: ${first.reference}`;
    const linked = blocksOf(second.card).includes(link) ? second.card : await updated(second.ts, link);
    // Offered at once: Slack shows every button.
    expect(blocksOf(linked)).toContain('"action_id":"liaison_merge"');
    // The earlier card says it too, and its thread says why.
    await updated(first.ts, `Raised again: ${second.reference}`);
    await waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .find(
          (c) =>
            c.args.thread_ts === first.ts && String(c.args.text).includes(`${second.reference} was raised`),
        ),
    );

    const card = { channel: CHANNEL, ts: second.ts };
    const ack = blockActionPayload(
      LIAISON,
      "liaison_acknowledge",
      second.concernId,
      card,
      `${slack.responseUrlBase}ack`,
    );
    expect((await interact(ack)).status).toBe(200);
    const owned = await updated(second.ts, "Acknowledged by Pat Morgan");
    expect(blocksOf(owned)).toContain('"action_id":"liaison_merge"');

    // Merge into…: a modal whose choice lists the linked concern.
    const press = blockActionPayload(
      LIAISON,
      "liaison_merge",
      second.concernId,
      { channel: CHANNEL, ts: second.ts },
      `${slack.responseUrlBase}merge`,
    );
    expect((await interact(press)).status).toBe(200);
    const modal = await waitFor(() =>
      slack
        .callsTo("views.open")
        .find((c) => (c.args.view as { callback_id: string }).callback_id === "liaison_merge_modal"),
    );
    const view = modal.args.view as { private_metadata: string };
    expect(JSON.stringify(view)).toContain(first.reference);
    expect(JSON.stringify(view)).toContain(first.concernId);
    const submitted = await interact(
      viewSubmissionPayload(
        LIAISON,
        "liaison_merge_modal",
        { into: first.concernId, reason: `Same request. ${HOSTILE.slack}` },
        view.private_metadata,
      ),
    );
    expect(submitted.status).toBe(200);

    // Both cards re-render: the merged one closed, the other naming what came in.
    const mergedCard = await updated(second.ts, `Merged into ${first.reference} by Pat Morgan`);
    expect(blocksOf(mergedCard)).not.toContain("liaison_acknowledge");
    // What was typed is shown, never obeyed: the reason is on the card as text, never as markup.
    expect(blocksOf(mergedCard)).toContain("Why merged:");
    expect(slackMarkupLeaks(mergedCard.args)).toEqual([]);
    await updated(first.ts, `Merged ${second.reference} into this (Pat Morgan`);

    // Every step is in both trails, with the same person and time on the merge.
    const trail = async (id: ConcernId) =>
      (await liaison.context.concerns.auditTrail(id)).filter(
        (e) => !e.type.startsWith("card-") && !e.type.startsWith("delivery-"),
      );
    const merged = await trail(second.concernId);
    const survivor = await trail(first.concernId);
    expect(merged.map((e) => e.type)).toEqual([
      "created",
      "routed",
      "linked-as-repeat",
      "acknowledged",
      "merged-into",
    ]);
    expect(survivor.map((e) => e.type)).toEqual(["created", "routed", "repeated", "merged-from"]);
    expect(merged.at(-1)!.actor).toEqual(survivor.at(-1)!.actor);
    expect(merged.at(-1)!.at).toEqual(survivor.at(-1)!.at);
    expect(merged.at(-1)!.actor).toMatchObject({ key: "person:pat.liaison", platform: "slack" });
  });
});
