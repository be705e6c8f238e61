import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLiaison, type RunningLiaison } from "../../../src/main.ts";
import { cardOf, type FakeBotConnector } from "../../support/fake-bot-connector.ts";
import { startTeamsLiaison, TEAMS_FORM, type InvokeAnswer } from "../../support/teams-liaison.ts";
import { HOSTILE, teamsMarkupLeaks } from "../../support/markup-probes.ts";
import { waitFor } from "../../support/slack-liaison.ts";
import { testConfig } from "../../support/test-config.ts";
import {
  channelMention,
  LEE,
  JO,
  NURSE,
  personalMessage,
  postActivity,
  PRIYA,
} from "../../support/teams-activities.ts";

const NURSING_CHANNEL = "19:4a8f2c6e9b1d4e7fa3c5d8b2e6f0a9c1@thread.tacv2";
const text = (card: unknown) => JSON.stringify(card);

describe("Teams, end to end over /api/messages (local mode, connector played by a local server)", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;
  let liaison: RunningLiaison;
  let connector: FakeBotConnector;
  let baseUrl: string;
  const invoke = (from: typeof LEE, verb: string, data: Record<string, unknown>) =>
    rig.invoke(from, verb, data);

  beforeAll(async () => {
    rig = await startTeamsLiaison();
    ({ liaison, connector, baseUrl } = rig);
  });
  afterAll(async () => {
    await rig?.stop();
  });

  /** Raises a concern through the form's Action.Execute and returns its id and channel message id. */
  async function raise(form: Record<string, unknown> = TEAMS_FORM) {
    const answer = await invoke(NURSE, "liaison.raise", form);
    const reference = /PR-\d{4}-\d{5}/.exec(text(answer.value))![0];
    const concern = (await liaison.context.concerns.findByReference(reference))!;
    const card = await waitFor(async () =>
      (await liaison.context.concerns.findById(concern.id))?.cards.find((c) => c.platform === "teams"),
    );
    return { concernId: concern.id as string, reference, messageId: card.messageId };
  }

  it("/healthz says Teams is on and that local mode is unauthenticated", async () => {
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as {
      platforms: { teams: Record<string, unknown> };
    };
    expect(health.platforms.teams).toMatchObject({ enabled: true, mode: "local-unauthenticated" });
    expect(String(health.platforms.teams.warning)).toContain("not authenticated");
  });

  it("`concern` in a personal chat answers with the form, pre-filled from what was typed", async () => {
    const before = connector.sent().length;
    expect(
      (
        await postActivity(
          baseUrl,
          personalMessage(connector.url, NURSE, "concern 4-west rm 412 high pain not controlled"),
        )
      ).status,
    ).toBe(200);
    const reply = await waitFor(() =>
      connector
        .sent()
        .slice(before)
        .find((c) => cardOf(c.body)),
    );
    const form = text(cardOf(reply.body));
    // The unit is a type-ahead list of the directory's units, "4-west" already chosen as 4 West.
    expect(form).toContain('"type":"Input.ChoiceSet","id":"unit"');
    expect(form).toMatch(/"id":"unit"[^}]*"style":"filtered"[^}]*"value":"4w"/);
    expect(form).toContain('{"title":"4 West","value":"4w"}');
    expect(form).toContain('"value":"412"');
    expect(form).toContain("rm 412 high pain not controlled");
  });

  it("`@Liaison concern …` in a channel answers in the thread with the pre-filled form", async () => {
    const before = connector.sent().length;
    const res = await postActivity(
      baseUrl,
      channelMention(connector.url, LEE, "concern rm 418 critical fall risk"),
    );
    expect(res.status).toBe(200);
    const reply = await waitFor(() =>
      connector
        .sent()
        .slice(before)
        .find((c) => cardOf(c.body)),
    );
    expect(reply.path).toContain("19:4a8f2c6e9b1d4e7fa3c5d8b2e6f0a9c1@thread.tacv2;messageid=1767765488000");
    const form = text(cardOf(reply.body));
    expect(form).toContain('"value":"418"');
    expect(form).toContain('"value":"critical"');
    expect(form).not.toContain("<at>");
  });

  it("an invalid form comes back with the errors next to the fields and everything typed kept", async () => {
    const answer = await invoke(NURSE, "liaison.raise", {
      ...TEAMS_FORM,
      unit: "",
      patientReference: "Jane Doe",
    });
    expect(answer).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    const card = text(answer.value);
    expect(card).toContain("Please enter the unit.");
    expect(card).toContain("not the patient's name");
    expect(card).toContain("Call light ignored 40 minutes.");
  });

  it("raise → card posted proactively in the department channel → acknowledge → resolve, updated in place", async () => {
    const { concernId, reference, messageId } = await raise();
    const post = connector.calls.find(
      (c) => c.path === "/v3/conversations" && text(c.body).includes(reference),
    )!;
    expect(post.body).toMatchObject({ isGroup: true, channelData: { channel: { id: NURSING_CHANNEL } } });
    const card = cardOf(post.body)!;
    expect(card.version).toBe("1.5");
    expect(text(card)).toContain("•••417");
    expect(text(card)).not.toContain("E20260417");
    for (const verb of [
      "liaison.acknowledge",
      "liaison.resolve",
      "liaison.reassign",
      "liaison.escalate",
      "liaison.addNote",
    ]) {
      expect(text(card)).toContain(`"verb":"${verb}"`);
    }

    // The reporter's confirmation links to the channel card.
    const confirmation = await waitFor(() =>
      connector.sent().find((c) => text(c.body).includes(`${reference} was sent to Nursing 4 West`)),
    );
    expect(text(confirmation.body)).toContain(
      `https://teams.microsoft.com/l/message/${encodeURIComponent(NURSING_CHANNEL)}/${messageId}`,
    );

    const acked = await invoke(LEE, "liaison.acknowledge", { concernId });
    expect(text(acked.value)).toContain("Acknowledged by Lee Chen at");
    const update = await waitFor(() =>
      connector.calls.find(
        (c) =>
          c.method === "PUT" &&
          c.path.endsWith(`/activities/${messageId}`) &&
          text(c.body).includes("Acknowledged by Lee Chen"),
      ),
    );
    expect(update.path).toContain(`${NURSING_CHANNEL};messageid=${messageId}`);

    const ask = await invoke(LEE, "liaison.resolve", { concernId });
    expect(text(ask.value)).toContain('"verb":"liaison.resolve.submit"');
    const resolved = await invoke(LEE, "liaison.resolve.submit", {
      concernId,
      text: "Nurse assigned; light answered.",
    });
    expect(text(resolved.value)).toContain("Resolved by Lee Chen");
    await waitFor(() =>
      connector.calls.find(
        (c) =>
          c.method === "PUT" &&
          c.path.endsWith(`/activities/${messageId}`) &&
          text(c.body).includes("Resolved by Lee Chen"),
      ),
    );
    expect((await liaison.context.concerns.findById(concernId as never))!.resolutionNote).toBe(
      "Nurse assigned; light answered.",
    );
  });

  it("someone outside the department sees who may act, and nothing changes", async () => {
    const { concernId } = await raise();
    const answer = await invoke(PRIYA, "liaison.acknowledge", { concernId });
    expect(text(answer.value)).toContain(
      "Only Nursing 4 West's responders (and members of its Teams team), head or manager",
    );
    expect((await liaison.context.concerns.findById(concernId as never))!.status).toBe("open");
  });

  it("two people press Acknowledge together: one wins, the other sees who did", async () => {
    const { concernId } = await raise();
    const [a, b] = await Promise.all([
      invoke(LEE, "liaison.acknowledge", { concernId }),
      invoke(JO, "liaison.acknowledge", { concernId }),
    ]);
    const notices = [a, b].map((r) => text(r.value)).filter((t) => t.includes("was already acknowledged by"));
    expect(notices).toHaveLength(1);
  });

  it("a description and a display name written as Markdown links reach the channel as plain words", async () => {
    const phisher = { ...NURSE, name: HOSTILE.teams };
    const answer = await invoke(phisher, "liaison.raise", { ...TEAMS_FORM, description: HOSTILE.teams });
    const reference = /PR-\d{4}-\d{5}/.exec(text(answer.value))![0];
    const post = await waitFor(() =>
      connector.calls.find((c) => c.path === "/v3/conversations" && text(c.body).includes(reference)),
    );
    expect(teamsMarkupLeaks(post.body)).toEqual([]);
    expect(text(cardOf(post.body))).toContain(JSON.stringify(HOSTILE.teams).slice(1, -1));
    const concern = (await liaison.context.concerns.findByReference(reference))!;
    await invoke(LEE, "liaison.addNote.submit", { concernId: concern.id, text: HOSTILE.teams });
    const reply = await waitFor(() =>
      connector.sent().find((c) => text(c.body).includes("Note from Lee Chen")),
    );
    expect(teamsMarkupLeaks(reply.body)).toEqual([]);
    for (const call of connector.calls) expect(teamsMarkupLeaks(call.body)).toEqual([]);
  });

  it("a grievance's Resolve asks for the four elements of its written notice; missing ones are said by their fields with what was typed kept, then the card links the letter", async () => {
    const answer = await invoke(NURSE, "liaison.raise", { ...TEAMS_FORM, category: "patient-rights" });
    const reference = /PR-\d{4}-\d{5}/.exec(text(answer.value))![0];
    const concern = (await liaison.context.concerns.findByReference(reference))!;
    const pat = { id: "29:pat", name: "Pat Morgan", aadObjectId: "5d8c2e71-9f4a-4b3d-a6e2-0c7b9f1d3e58" };
    const asked = await invoke(pat, "liaison.resolve", { concernId: concern.id });
    expect(inputOf(asked, "contact")).toMatchObject({
      type: "Input.Text",
      value: "Pat Morgan",
      isMultiline: false,
    });
    expect(inputOf(asked, "completedOn")).toMatchObject({ type: "Input.Date", isRequired: true });
    expect(inputOf(asked, "language")).toMatchObject({ type: "Input.ChoiceSet", value: "en" });
    const today = String(inputOf(asked, "completedOn")!.value);
    const typed = {
      contact: "Pat Morgan",
      results: "An interpreter is booked at admission.",
      completedOn: today,
      language: "es",
    };
    const refused = await invoke(pat, "liaison.resolve.submit", {
      concernId: concern.id,
      ...typed,
      steps: " ",
    });
    expect(text(refused.value)).toContain("Please enter the steps taken to investigate the grievance.");
    expect(inputOf(refused, "results")).toMatchObject({ value: typed.results });
    expect((await liaison.context.concerns.findById(concern.id))!.status).toBe("open");
    const done = await invoke(pat, "liaison.resolve.submit", {
      concernId: concern.id,
      ...typed,
      steps: "Spoke with the interpreter service.",
    });
    expect(text(done.value)).toContain("Open written notice (PDF)");
    expect(text(done.value)).toContain('"verb":"liaison.noticeSent"');
    const sent = await invoke(pat, "liaison.noticeSent.submit", {
      concernId: concern.id,
      method: "hand-delivered",
      sentOn: today,
    });
    expect(text(sent.value)).toContain("Written notice sent (hand-delivered)");
    expect(text(sent.value)).not.toContain('"verb":"liaison.noticeSent"');
  });

  it("Patient/family updated asks how and what they were told; what is missing is said by its field with the note kept; the card then shows who updated them", async () => {
    const { concernId, messageId } = await raise({ ...TEAMS_FORM, severity: "moderate" });
    const acked = await invoke(LEE, "liaison.acknowledge", { concernId });
    expect(text(acked.value)).toContain("Patient/family update due by");
    expect(text(acked.value)).toContain('"verb":"liaison.patientUpdated"');
    const asked = await invoke(LEE, "liaison.patientUpdated", { concernId });
    expect(inputOf(asked, "method")).toMatchObject({ type: "Input.ChoiceSet", label: "How" });
    expect(inputOf(asked, "note")).toMatchObject({ type: "Input.Text", isMultiline: true, maxLength: 500 });
    const note = `Told her son the plan: ${HOSTILE.teams}`;
    const again = await invoke(LEE, "liaison.patientUpdated.submit", { concernId, note });
    expect(text(again.value)).toContain("Please choose how the patient or family was updated.");
    expect(inputOf(again, "note")).toMatchObject({ value: note });
    const done = await invoke(LEE, "liaison.patientUpdated.submit", { concernId, method: "in-person", note });
    expect(text(done.value)).toMatch(
      /Patient\/family updated .* by Lee Chen \(in person\) · next update due by/,
    );
    const thread = await waitFor(() =>
      connector.sent().find((c) => text(c.body).includes("Patient/family updated (in person) by Lee Chen")),
    );
    expect(teamsMarkupLeaks(thread.body)).toEqual([]);
    await waitFor(() =>
      connector.calls.find(
        (c) =>
          c.method === "PUT" &&
          c.path.endsWith(`/activities/${messageId}`) &&
          text(c.body).includes("(in person)"),
      ),
    );
  });

  /** The inputs of an invoke's answer card, by id. */
  const inputOf = (answer: InvokeAnswer, id: string) => {
    const found: Record<string, unknown>[] = [];
    JSON.stringify(answer.value, (_k, v: unknown) => {
      if (v && typeof v === "object" && (v as { id?: unknown }).id === id)
        found.push(v as Record<string, unknown>);
      return v;
    });
    return found[0];
  };

  it("Reassign asks with a picker labelled New department; without a choice, the typed reason comes back", async () => {
    const { concernId } = await raise();
    const asked = await invoke(LEE, "liaison.reassign", { concernId });
    expect(inputOf(asked, "department")).toMatchObject({ type: "Input.ChoiceSet", label: "New department" });
    expect(inputOf(asked, "reason")).toMatchObject({ type: "Input.Text", label: "Reason (optional)" });
    const again = await invoke(LEE, "liaison.reassign.submit", { concernId, reason: "Needs the pain team." });
    expect(inputOf(again, "reason")).toMatchObject({ value: "Needs the pain team." });
    expect(text(again.value)).toContain("Please choose the department to reassign to.");
    expect((await liaison.context.concerns.findById(concernId as never))!.departmentId).toBe("nursing-4w");
  });

  it("a submission refused for the whole form says why at the top and keeps what was typed", async () => {
    const { concernId } = await raise();
    // Reopening an open concern is refused by the state machine, after the form was filled in.
    const answer = await invoke(LEE, "liaison.reopen.submit", { concernId, text: "Pain is back at 8/10." });
    expect(inputOf(answer, "text")).toMatchObject({ value: "Pain is back at 8/10." });
    const top = JSON.stringify((answer.value.body as unknown[]).slice(0, 3));
    expect(top).toContain("Only a resolved concern can be reopened");
    expect(top).toContain("Your reopening was NOT saved.");
  });

  it("status, mine and help answer in the chat", async () => {
    const { reference } = await raise();
    const before = connector.sent().length;
    await postActivity(baseUrl, personalMessage(connector.url, NURSE, `status ${reference}`));
    // The reply is the concern's card (the nurse's confirmation, also a card, names the reference too).
    const status = await waitFor(() =>
      connector
        .sent()
        .slice(before)
        .find((c) => {
          const card = text(cardOf(c.body) ?? {});
          return card.includes(reference) && card.includes("Acknowledge by");
        }),
    );
    expect(text(cardOf(status.body))).toContain('"verb":"liaison.acknowledge"');
    await postActivity(baseUrl, personalMessage(connector.url, NURSE, "help"));
    await waitFor(() =>
      connector.sent().find((c) => String(c.body.text ?? "").includes("status PR-2026-00042")),
    );
  });
});

describe("Teams with an app id", () => {
  it("rejects an unsigned request with 401", async () => {
    const liaison = await startLiaison(
      testConfig({
        MICROSOFT_APP_ID: "6f1c2a8e-5b7d-4c3e-9a10-2b4d6e8f0a1c",
        MICROSOFT_APP_PASSWORD: "not-a-real-secret",
        MICROSOFT_APP_TENANT_ID: "56653e9d-2158-46ee-90d7-675c39642038",
      }),
    );
    try {
      const res = await postActivity(
        `http://127.0.0.1:${liaison.port}`,
        personalMessage("https://smba.trafficmanager.net/amer/", NURSE, "help"),
      );
      expect(res.status).toBe(401);
      const forged = await postActivity(
        `http://127.0.0.1:${liaison.port}`,
        personalMessage("https://smba.trafficmanager.net/amer/", NURSE, "help"),
        {
          authorization: "Bearer made.up.token",
        },
      );
      expect(forged.status).toBe(401);
    } finally {
      await liaison.stop();
    }
  });
});
