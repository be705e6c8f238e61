import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../../src/main.ts";
import type { FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { startTeamsLiaison, TEAMS_FORM, type InvokeAnswer } from "../../support/teams-liaison.ts";
import { waitFor } from "../../support/slack-liaison.ts";
import { LEE, NURSE } from "../../support/teams-activities.ts";

const text = (card: unknown) => JSON.stringify(card);

/** The first element of a card with this id (an input, wherever it sits). */
function inputOf(answer: InvokeAnswer, id: string): Record<string, unknown> | undefined {
  const found: Record<string, unknown>[] = [];
  JSON.stringify(answer.value, (_k, v: unknown) => {
    if (v && typeof v === "object" && (v as { id?: unknown }).id === id)
      found.push(v as Record<string, unknown>);
    return v;
  });
  return found[0];
}

/** The buttons of a card: their verbs, and those shown in the "…" overflow. */
function buttonsOf(answer: InvokeAnswer) {
  const actions = ((answer.value as { actions?: { verb?: string; mode?: string }[] }).actions ?? []).filter(
    (a) => a.verb,
  );
  return {
    shown: actions.filter((a) => a.mode !== "secondary").map((a) => a.verb),
    overflow: actions.filter((a) => a.mode === "secondary").map((a) => a.verb),
  };
}

describe("Teams over /api/messages: the patient's satisfaction", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  let liaison: RunningLiaison;
  let connector: FakeBotConnector;
  let baseUrl: string;
  const invoke = (verb: string, data: Record<string, unknown>) => rig.invoke(LEE, verb, data);

  beforeAll(async () => {
    rig = await startTeamsLiaison();
    ({ liaison, connector, baseUrl } = rig);
  });
  afterAll(async () => {
    await rig?.stop();
  });

  /** A concern raised on 4 West and resolved by Lee Chen: the card Lee sees then. */
  async function resolved() {
    const answer = await rig.invoke(NURSE, "liaison.raise", TEAMS_FORM);
    const reference = /PR-\d{4}-\d{5}/.exec(text(answer.value))![0];
    const concern = (await liaison.context.concerns.findByReference(reference))!;
    const card = await waitFor(async () =>
      (await liaison.context.concerns.findById(concern.id))?.cards.find((c) => c.platform === "teams"),
    );
    const done = await invoke("liaison.resolve.submit", { concernId: concern.id, text: "Plan changed." });
    return { concernId: concern.id as string, messageId: card.messageId, card: done };
  }

  const cardUpdate = (messageId: string, words: string) =>
    waitFor(() =>
      connector.calls.find(
        (c) =>
          c.method === "PUT" && c.path.endsWith(`/activities/${messageId}`) && text(c.body).includes(words),
      ),
    );

  it("the resolved card keeps at most five buttons in view: Record satisfaction and Send survey link are in the overflow", async () => {
    const { card } = await resolved();
    const buttons = buttonsOf(card);
    expect(buttons.shown.length).toBeLessThanOrEqual(5);
    expect(buttons.overflow).toEqual(expect.arrayContaining(["liaison.satisfaction", "liaison.surveyLink"]));
  });

  it("Record satisfaction: an input card; a missing rating is said with the comment kept; then the card shows the rating", async () => {
    const { concernId, messageId } = await resolved();
    const asked = await invoke("liaison.satisfaction", { concernId });
    expect(inputOf(asked, "rating")).toMatchObject({ type: "Input.ChoiceSet" });
    expect(text(inputOf(asked, "rating"))).toContain('"title":"5 Very satisfied","value":"5"');
    expect(inputOf(asked, "askedHow")).toMatchObject({ value: "in-person" });
    const missing = await invoke("liaison.satisfaction.submit", {
      concernId,
      comment: "Lee listened [to us](https://phish.example)",
      askedHow: "phone",
    });
    expect(text(missing.value)).toContain("Please choose how satisfied the patient is, from 1 to 5.");
    expect(inputOf(missing, "comment")).toMatchObject({
      value: "Lee listened [to us](https://phish.example)",
    });
    const done = await invoke("liaison.satisfaction.submit", {
      concernId,
      rating: "4",
      comment: "",
      askedHow: "phone",
    });
    expect(text(done.value)).toContain("Patient satisfaction: 4/5 (Satisfied)");
    expect(buttonsOf(done).overflow).not.toContain("liaison.satisfaction");
    await cardUpdate(messageId, "Patient satisfaction: 4/5 (Satisfied)");
  });

  it("Send survey link: the link reaches Lee alone; the patient's answer shows on the card", async () => {
    const { concernId, messageId } = await resolved();
    const before = connector.calls.length;
    const pressed = await invoke("liaison.surveyLink", { concernId });
    expect(text(pressed.value)).toContain("The survey link is in your direct messages with Liaison");
    const dm = await waitFor(() =>
      connector.calls.slice(before).find((c) => text(c.body).includes("/survey/")),
    );
    expect(dm.path).not.toContain("thread.tacv2");
    const url = /(http[^"\s\\]+\/survey\/[A-Za-z0-9_-]{22})/.exec(text(dm.body))![1]!;
    await cardUpdate(messageId, "Survey link sent by Lee Chen");
    const channel = connector.calls.filter((c) => c.path.includes("thread.tacv2"));
    expect(text(channel.map((c) => c.body))).not.toContain("/survey/");

    const local = url.replace(/^http:\/\/localhost:\d+/, baseUrl);
    const sent = await fetch(local, {
      method: "POST",
      body: new URLSearchParams({ rating: "2", comment: "Waited too long." }),
      redirect: "manual",
    });
    expect(sent.status).toBe(303);
    await cardUpdate(messageId, "Patient satisfaction: 2/5 (Dissatisfied)");
    const stored = await liaison.context.concerns.findById(concernId as never);
    expect(stored?.satisfaction).toMatchObject({ rating: 2, source: "survey", comment: "Waited too long." });
  });
});
