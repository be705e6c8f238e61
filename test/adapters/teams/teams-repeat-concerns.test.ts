import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../../src/main.ts";
import type { ConcernId } from "../../../src/core/ids.ts";
import type { FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { HOSTILE, teamsMarkupLeaks } from "../../support/markup-probes.ts";
import { waitFor } from "../../support/slack-liaison.ts";
import { startTeamsLiaison, TEAMS_FORM, type InvokeAnswer } from "../../support/teams-liaison.ts";
import { NURSE } from "../../support/teams-activities.ts";

const PAT = { id: "29:pat", name: "Pat Morgan", aadObjectId: "5d8c2e71-9f4a-4b3d-a6e2-0c7b9f1d3e58" };
const text = (card: unknown) => JSON.stringify(card);

describe("Teams: a repeat concern is linked on its card, and Merge into… merges it", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  let liaison: RunningLiaison;
  let connector: FakeBotConnector;

  beforeAll(async () => {
    rig = await startTeamsLiaison();
    ({ liaison, connector } = rig);
  });
  afterAll(async () => {
    await rig?.stop();
  });

  /** Raises a concern through the form; returns its id, reference and the channel card's message id. */
  async function raise(form: Record<string, string>) {
    const answer = await rig.invoke(NURSE, "liaison.raise", form);
    const reference = /PR-\d{4}-\d{5}/.exec(text(answer.value))![0];
    const concern = (await liaison.context.concerns.findByReference(reference))!;
    const card = await waitFor(async () =>
      (await liaison.context.concerns.findById(concern.id))?.cards.find((c) => c.platform === "teams"),
    );
    const posted = connector.calls.find(
      (c) => c.path === "/v3/conversations" && text(c.body).includes(reference),
    )!;
    return { concernId: concern.id, reference, messageId: card.messageId, posted: text(posted.body) };
  }

  /** The channel card at `messageId` replaced (PUT) with one that says `words`. */
  const updated = (messageId: string, words: string) =>
    waitFor(
      () =>
        connector.calls.find(
          (c) =>
            c.method === "PUT" && c.path.endsWith(`/activities/${messageId}`) && text(c.body).includes(words),
        ),
      8000,
      `card ${messageId} updated with "${words}"`,
    );

  /** The choices of an answer card's input, by id. */
  const choicesOf = (answer: InvokeAnswer, id: string) => {
    let found: { title: string; value: string }[] | undefined;
    JSON.stringify(answer.value, (_k, v: unknown) => {
      const input = v as { id?: unknown; choices?: { title: string; value: string }[] };
      if (input && typeof input === "object" && input.id === id) found = input.choices;
      return v;
    });
    return found;
  };

  it("the second concern for the patient in 4W 420 says so, and Pat Morgan merges it into the first", async () => {
    const form = { ...TEAMS_FORM, room: "420", patientReference: "E20261120" };
    const first = await raise(form);
    expect(first.posted).not.toContain('"verb":"liaison.merge"');
    const second = await raise({ ...form, room: " 420 ", patientReference: "e20261120" });
    // Linked just after it is stored: the card shows it as posted, or redrawn a moment later.
    const link = `2nd concern this stay: ${first.reference}`;
    const linked = second.posted.includes(link)
      ? second.posted
      : text((await updated(second.messageId, link)).body);
    // Six actions: the card shows four and keeps Merge into… and Add note under More actions.
    expect(linked).toMatch(/"title":"More actions","mode":"secondary","card":\{[^]*"verb":"liaison.merge"/);
    await updated(first.messageId, `Raised again: ${second.reference}`);
    const owned = await rig.invoke(PAT, "liaison.acknowledge", { concernId: second.concernId });
    expect(text(owned.value)).toContain('"verb":"liaison.merge"');
    expect(text(owned.value)).toContain('"title":"Merge into…"');

    const asked = await rig.invoke(PAT, "liaison.merge", { concernId: second.concernId });
    expect(text(asked.value)).toContain('"verb":"liaison.merge.submit"');
    expect(choicesOf(asked, "into")).toEqual([{ title: first.reference, value: first.concernId }]);

    const done = await rig.invoke(PAT, "liaison.merge.submit", {
      concernId: second.concernId,
      into: first.concernId,
      reason: `Same request. ${HOSTILE.teams}`,
    });
    expect(text(done.value)).toContain(`Merged into ${first.reference} by Pat Morgan`);
    expect(text(done.value)).not.toContain('"verb":"liaison.acknowledge"');
    expect(teamsMarkupLeaks(done.value)).toEqual([]);

    // Both channel cards are replaced: the merged one closed, the other naming what came in.
    await updated(second.messageId, `Merged into ${first.reference}`);
    await updated(first.messageId, `Merged ${second.reference} into this (Pat Morgan`);

    // A second click on a stale card is told where it went.
    const again = await rig.invoke(PAT, "liaison.merge", { concernId: second.concernId });
    expect(text(again.value)).toContain(`was already merged into ${first.reference} by Pat Morgan`);

    const trail = async (id: ConcernId) =>
      (await liaison.context.concerns.auditTrail(id))
        .filter((e) => !e.type.startsWith("card-") && !e.type.startsWith("delivery-"))
        .map((e) => [e.type, e.actor.displayName]);
    expect(await trail(second.concernId)).toEqual([
      ["created", "A Nurse"],
      ["routed", "A Nurse"],
      ["linked-as-repeat", "Liaison"],
      ["acknowledged", "Pat Morgan"],
      ["merged-into", "Pat Morgan"],
    ]);
    expect(await trail(first.concernId)).toEqual([
      ["created", "A Nurse"],
      ["routed", "A Nurse"],
      ["repeated", "Liaison"],
      ["merged-from", "Pat Morgan"],
    ]);
  });
});
