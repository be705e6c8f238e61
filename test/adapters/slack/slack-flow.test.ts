import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningLiaison } from "../../../src/main.ts";
import type { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { HOSTILE, slackMarkupLeaks } from "../../support/markup-probes.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import {
  blockActionPayload,
  interactionBody,
  postToSlackEndpoint,
  slackSignature,
  slashCommandBody,
  viewSubmissionPayload,
} from "../../support/slack-requests.ts";
import {
  SLACK_NURSE as NURSE,
  SLACK_RESPONDER as RESPONDER,
  SLACK_HEAD as HEAD,
  SLACK_BILLING as BILLING,
} from "../../support/slack-people.ts";

const FORM = "application/x-www-form-urlencoded";

const CONCERN = {
  unit: "4W",
  room: "412",
  patientReference: "E20260417",
  category: "pain",
  severity: "high",
  description: "Pain not controlled 2h after PRN dose; asking for charge nurse.",
  grievance: [],
};

describe("Slack, end to end over HTTP", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let baseUrl: string;
  const post = (body: string, contentType = FORM, options = {}) =>
    postToSlackEndpoint(baseUrl, body, contentType, options);
  const interact = (payload: unknown) => post(interactionBody(payload));

  beforeAll(async () => {
    ({ liaison, slack, baseUrl } = await startSlackLiaison());
  });
  afterAll(async () => {
    await liaison?.stop();
    await slack?.stop();
  });

  /** The text modal Liaison opened for this concern (earlier tests opened others). */
  const modalFor = (callbackId: string, concernId: string) =>
    waitFor(() =>
      slack.callsTo("views.open").find((c) => {
        const view = c.args.view as { callback_id: string; private_metadata: string };
        return view.callback_id === callbackId && view.private_metadata.includes(concernId);
      }),
    );

  /** A person presses one of a card's buttons; Slack's answer to them goes to /response/<tag>. */
  const press = (
    who: { id: string; name: string },
    actionId: string,
    card: { concernId: string; ts: string; channel?: string },
    tag: string,
  ) =>
    interact(
      blockActionPayload(
        who,
        actionId,
        card.concernId,
        { channel: card.channel ?? "C04NURS4W01", ts: card.ts },
        `${slack.responseUrlBase}${tag}`,
      ),
    );

  /** Waits for the modal a press opened, then submits it with `values`; returns the metadata and answer. */
  async function fillModal(
    who: { id: string; name: string },
    modalId: string,
    concernId: string,
    values: Record<string, string | undefined>,
  ) {
    const modal = await modalFor(modalId, concernId);
    const meta = (modal.args.view as { private_metadata: string }).private_metadata;
    return { meta, answer: await interact(viewSubmissionPayload(who, modalId, values, meta)) };
  }

  /** The first message Liaison posted that matches. */
  const posted = (match: (args: Record<string, unknown>) => boolean) =>
    waitFor(() => slack.callsTo("chat.postMessage").find((c) => match(c.args)));
  const inThread = (ts: string, start: string) => (args: Record<string, unknown>) =>
    args.thread_ts === ts && String(args.text).startsWith(start);

  /** Raises a concern through the modal and returns its card as posted to the channel. */
  async function raise(
    values: Record<string, string | string[] | undefined> = CONCERN,
    channel = "C04NURS4W01",
  ) {
    const before = slack.callsTo("chat.postMessage").length;
    const res = await interact(viewSubmissionPayload(NURSE, "liaison_concern", values));
    expect(res.status).toBe(200);
    const card = await waitFor(
      () =>
        slack
          .callsTo("chat.postMessage")
          .slice(before)
          .find((c) => c.args.channel === channel && !c.args.thread_ts),
      8000,
      `the card in ${channel}; calls: ${JSON.stringify(slack.calls.slice(-4).map((c) => [c.method, c.args.channel]))}`,
    );
    const blocks = card.args.blocks as { type: string; elements?: { value?: string }[] }[];
    const concernId = blocks.find((b) => b.type === "actions")!.elements![0]!.value!;
    const posted = await waitFor(async () => {
      const c = await liaison.context.concerns.findById(concernId as never);
      return c?.cards.find((x) => x.platform === "slack");
    });
    return { card, concernId, ts: posted.messageId };
  }

  it("/concern opens the form at once, pre-filled from what was typed", async () => {
    const res = await post(
      slashCommandBody(NURSE, "rm 412 high pain not controlled 2h", `${slack.responseUrlBase}1`),
    );
    expect(res.status).toBe(200);
    const open = await waitFor(() => slack.callsTo("views.open").at(-1));
    const view = open.args.view as {
      callback_id: string;
      blocks: { block_id: string; element: Record<string, unknown> }[];
    };
    expect(view.callback_id).toBe("liaison_concern");
    const element = (id: string) => view.blocks.find((b) => b.block_id === id)!.element;
    expect(element("room").initial_value).toBe("412");
    expect(element("severity").initial_option).toMatchObject({ value: "high" });
    expect(element("category").initial_option).toMatchObject({ value: "pain" });
    expect(element("description").initial_value).toBe("rm 412 high pain not controlled 2h");
  });

  it("the unit is a menu of the directory's units; words naming one pre-select it, an unknown one is said", async () => {
    await post(slashCommandBody(NURSE, "4 west rm 412 high pain", `${slack.responseUrlBase}u1`));
    const known = await waitFor(() =>
      slack.callsTo("views.open").find((c) => JSON.stringify(c.args.view).includes("4 west rm 412")),
    );
    const blocks = (known.args.view as { blocks: { block_id?: string; element?: Record<string, unknown> }[] })
      .blocks;
    const unit = blocks.find((b) => b.block_id === "unit")!.element!;
    expect(unit).toMatchObject({
      type: "static_select",
      initial_option: { value: "4w", text: { text: "4 West" } },
    });
    expect((unit.options as { value: string }[]).map((o) => o.value)).toContain("icu");

    await post(slashCommandBody(NURSE, "unit 9X rm 3 pain", `${slack.responseUrlBase}u2`));
    const unknown = await waitFor(() =>
      slack.callsTo("views.open").find((c) => JSON.stringify(c.args.view).includes("unit 9X rm 3")),
    );
    expect(JSON.stringify(unknown.args.view)).toContain("There is no unit “9X” in Liaison's directory.");
  });

  it("raise → card in the department channel → acknowledge → resolve, with the card updated in place", async () => {
    const { card, concernId, ts } = await raise();
    const blocks = JSON.stringify(card.args.blocks);
    expect(blocks).toContain("PR-2026-");
    expect(blocks).toContain("•••417"); // masked patient reference
    expect(blocks).not.toContain("E20260417");
    for (const label of ["Acknowledge", "Resolve", "Reassign", "Escalate now", "Add note"])
      expect(blocks).toContain(label);
    const confirmation = await waitFor(() =>
      slack.callsTo("chat.postMessage").find((c) => c.args.channel === NURSE.id),
    );
    expect(String(confirmation.args.text)).toMatch(
      /was sent to Nursing 4 West\. It must be acknowledged by \d\d:\d\d\.$/,
    );
    expect(JSON.stringify(confirmation.args.blocks)).toContain(
      `<https://slack.com/archives/C04NURS4W01/p${ts.replace(".", "")}|Open the card>`,
    );

    const updatesBefore = slack.callsTo("chat.update").length;
    const ack = await press(RESPONDER, "liaison_acknowledge", { concernId, ts }, "ack");
    expect(ack.status).toBe(200);
    const update = await waitFor(() =>
      slack
        .callsTo("chat.update")
        .slice(updatesBefore)
        .find((c) => c.args.ts === ts),
    );
    expect(JSON.stringify(update.args.blocks)).toContain("Acknowledged by Sam Rivera at");
    await posted(inThread(ts, "Acknowledged by Sam Rivera"));
    await posted(
      (args) => args.channel === NURSE.id && String(args.text).includes("acknowledged by Sam Rivera"),
    );

    await press(RESPONDER, "liaison_resolve", { concernId, ts }, "res");
    await fillModal(RESPONDER, "liaison_resolve_modal", concernId, { text: "Pain team adjusted the plan." });
    await waitFor(() =>
      slack
        .callsTo("chat.update")
        .find((c) => c.args.ts === ts && JSON.stringify(c.args.blocks).includes("Resolved by Sam Rivera")),
    );
    const stored = await liaison.context.concerns.findById(concernId as never);
    expect(stored).toMatchObject({ status: "resolved", resolutionNote: "Pain team adjusted the plan." });
  });

  it("a form with bad fields answers with errors on those fields (Slack keeps what was typed)", async () => {
    const res = await interact(
      viewSubmissionPayload(NURSE, "liaison_concern", { ...CONCERN, unit: "", patientReference: "Jane Doe" }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      response_action: "errors",
      errors: {
        unit: "Please enter the unit.",
        patientReference:
          "Use an encounter or account number (letters, digits and dashes, no spaces), not the patient's name.",
      },
    });
  });

  it("a grievance is resolved with its written notice's four elements: the modal marks each one missing, then the card links the drafted letter and offers Mark notice sent", async () => {
    const { concernId, ts } = await raise(
      {
        ...CONCERN,
        category: "patient-rights",
        description: "Refused interpreter",
      },
      "C04PTRELS03",
    );
    const pat = { id: "U04PMORGN07", name: "pat" };
    await press(pat, "liaison_resolve", { concernId, ts, channel: "C04PTRELS03" }, "g");
    const modal = await modalFor("liaison_resolve_modal", concernId);
    const blocks = (modal.args.view as { blocks: { block_id?: string; element?: Record<string, unknown> }[] })
      .blocks;
    const element = (id: string) => blocks.find((b) => b.block_id === id)?.element;
    expect(element("contact")).toMatchObject({
      type: "plain_text_input",
      multiline: false,
      initial_value: "Pat Morgan",
    });
    expect(element("completedOn")).toMatchObject({
      type: "datepicker",
      initial_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(element("language")).toMatchObject({ type: "static_select", initial_option: { value: "en" } });
    // Slack sends every input block of the modal, the empty ones as null.
    const { meta, answer } = await fillModal(pat, "liaison_resolve_modal", concernId, {
      contact: "Pat Morgan",
      steps: "",
      results: undefined,
      completedOn: undefined,
      language: undefined,
    });
    expect(JSON.parse(meta), meta).toMatchObject({ concernId, isGrievance: true });
    expect(await answer.json()).toEqual({
      response_action: "errors",
      errors: {
        steps: "Please enter the steps taken to investigate the grievance.",
        results: "Please enter the results of the grievance process.",
        completedOn: "Please choose the date the grievance process was completed.",
        language: "Please choose the language of the letter.",
      },
    });
    const today = String(element("completedOn")!.initial_date);
    const done = await interact(
      viewSubmissionPayload(
        pat,
        "liaison_resolve_modal",
        {
          contact: "Pat Morgan, (217) 555-0100",
          steps: "Spoke with the interpreter service and the charge nurse.",
          results: "An interpreter is now booked at admission for every patient who asks.",
          completedOn: today,
          language: "es",
        },
        meta,
      ),
    );
    expect(done.status).toBe(200);
    const update = await waitFor(() =>
      slack.callsTo("chat.update").find((c) => JSON.stringify(c.args.blocks).includes("/letters/")),
    );
    const card = JSON.stringify(update.args.blocks);
    expect(card).toContain("Written notice (PDF)");
    expect(card).toContain("liaison_notice_sent");
    const url = /"url":"(http[^"]+\/letters\/[A-Za-z0-9_-]{22}\.pdf)"/.exec(card)![1]!;
    const pdf = await fetch(url.replace(/^http:\/\/localhost:\d+/, baseUrl));
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect((await pdf.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("Patient/family updated: the modal asks how and what they were told, marks what is missing, then the card and its thread show who updated them", async () => {
    const { concernId, ts } = await raise({ ...CONCERN, severity: "moderate" });
    await press(RESPONDER, "liaison_acknowledge", { concernId, ts }, "pu-ack");
    const acked = await waitFor(() =>
      slack
        .callsTo("chat.update")
        .find((c) => JSON.stringify(c.args.blocks).includes("Patient/family update due by")),
    );
    expect(JSON.stringify(acked.args.blocks)).toContain("liaison_patient_updated");
    await press(RESPONDER, "liaison_patient_updated", { concernId, ts }, "pu");
    const modal = await modalFor("liaison_patient_updated_modal", concernId);
    const blocks = (modal.args.view as { blocks: { block_id?: string; element?: Record<string, unknown> }[] })
      .blocks;
    expect(blocks.find((b) => b.block_id === "method")?.element).toMatchObject({ type: "static_select" });
    const { meta, answer } = await fillModal(RESPONDER, "liaison_patient_updated_modal", concernId, {
      method: undefined,
      note: `Told her daughter the plan: ${HOSTILE.slack}`,
    });
    expect(await answer.json()).toEqual({
      response_action: "errors",
      errors: { method: "Please choose how the patient or family was updated." },
    });
    const done = await interact(
      viewSubmissionPayload(
        RESPONDER,
        "liaison_patient_updated_modal",
        { method: "phone", note: `Told her daughter the plan: ${HOSTILE.slack}` },
        meta,
      ),
    );
    expect(done.status).toBe(200);
    const update = await waitFor(() =>
      slack
        .callsTo("chat.update")
        .find((c) => JSON.stringify(c.args.blocks).includes("Patient/family updated ")),
    );
    expect(JSON.stringify(update.args.blocks)).toMatch(
      /Patient\/family updated .* by Sam Rivera \(phone\) · next update due by/,
    );
    const reply = await posted(inThread(ts, "Patient/family updated (phone) by"));
    // The note is quoted as words: the channel is not pinged.
    expect(slackMarkupLeaks(reply.args)).toEqual([]);
    const trail = await liaison.context.concerns.auditTrail(concernId as never);
    expect(trail.find((e) => e.type === "patient-updated")).toMatchObject({
      actor: { displayName: "Sam Rivera", platform: "slack" },
      detail: { method: "phone", note: `Told her daughter the plan: ${HOSTILE.slack}` },
    });
  });

  it("a resolve modal opened before the four elements were asked (its metadata from then) is closed, and the person gets the reasons and their text", async () => {
    const { concernId } = await raise();
    const pat = { id: "U04PMORGN07", name: "pat" };
    const before = slack.callsTo("chat.postMessage").length;
    const legacy = JSON.stringify({ concernId, required: true });
    const res = await interact(
      viewSubmissionPayload(pat, "liaison_resolve_modal", { text: "Called the daughter back." }, legacy),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const dm = await waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .slice(before)
        .find((c) => c.args.channel === pat.id && String(c.args.text).includes("NOT saved")),
    );
    expect(String(dm.args.text)).toContain("Please enter the hospital contact person");
    expect(String(dm.args.text)).toContain("Called the daughter back.");
  });

  it("someone outside the department is told who may act, and nothing changes", async () => {
    // Another patient: no repeat link redraws any card while this test counts updates.
    const { concernId, ts } = await raise({ ...CONCERN, patientReference: "E20269001" });
    const updates = slack.callsTo("chat.update").length;
    await press(BILLING, "liaison_acknowledge", { concernId, ts }, "deny");
    const reply = await waitFor(() => slack.responses.find((r) => r.path === "/response/deny"));
    expect(reply.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(reply.body.text)).toContain(
      "Only Nursing 4 West's responders (and members of its Slack user group), head or manager",
    );
    expect((await liaison.context.concerns.findById(concernId as never))!.status).toBe("open");
    expect(slack.callsTo("chat.update").length).toBe(updates);
  });

  it("two people press Acknowledge together: one wins, the other is told who did", async () => {
    const { concernId, ts } = await raise();
    await Promise.all([
      press(RESPONDER, "liaison_acknowledge", { concernId, ts }, "a1"),
      press(HEAD, "liaison_acknowledge", { concernId, ts }, "a2"),
    ]);
    const told = await waitFor(() =>
      slack.responses.find((r) => r.path === "/response/a1" || r.path === "/response/a2"),
    );
    expect(String(told.body.text)).toMatch(/was already acknowledged by (Sam Rivera|Jo Kim) at \d\d:\d\d\./);
    const trail = await liaison.context.concerns.auditTrail(concernId as never);
    expect(trail.filter((e) => e.type === "acknowledged")).toHaveLength(1);
  });

  it("Escalate now messages the next level directly and says so in the card's thread", async () => {
    const { concernId, ts } = await raise();
    await press(RESPONDER, "liaison_escalate", { concernId, ts }, "esc");
    const dm = await waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .find((c) => c.args.channel === HEAD.id && String(c.args.text).includes("escalated it to you")),
    );
    expect(String(dm.args.text)).toContain(
      "Sam Rivera escalated it to you. You are its department head for Nursing 4 West.",
    );
    // The card comes with it, and a visible link to the live one; no buttons, which would go stale.
    const blocks = dm.args.blocks as { type: string }[];
    expect(JSON.stringify(blocks)).toContain("Pain not controlled 2h after PRN dose");
    expect(JSON.stringify(blocks)).toContain(`|Open the card>`);
    expect(blocks.filter((b) => b.type === "actions")).toEqual([]);
    await waitFor(() =>
      slack
        .callsTo("chat.postMessage")
        .find(
          (c) =>
            c.args.thread_ts === ts &&
            String(c.args.text).startsWith("Escalated to Jo Kim (department head)"),
        ),
    );
  });

  it("Reassign posts the card in the new department and marks the old card as moved", async () => {
    const { concernId, ts } = await raise();
    await press(RESPONDER, "liaison_reassign", { concernId, ts }, "re");
    await fillModal(RESPONDER, "liaison_reassign_modal", concernId, {
      department: "patient-relations",
      reason: "Family asked for the liaison",
    });
    await posted((args) => args.channel === "C04PTRELS03" && JSON.stringify(args.blocks).includes(concernId));
    await waitFor(() =>
      slack
        .callsTo("chat.update")
        .find(
          (c) => c.args.ts === ts && JSON.stringify(c.args.blocks).includes("Moved to Patient Relations"),
        ),
    );
    const stored = await liaison.context.concerns.findById(concernId as never);
    expect(stored!.departmentId).toBe("patient-relations");
    await waitFor(async () =>
      (await liaison.context.concerns.findById(concernId as never))!.cards.find((c) => c.state === "moved"),
    );
  });

  it("Add note leaves a line in the card's thread, so the channel keeps the history", async () => {
    const { concernId, ts } = await raise();
    await press(RESPONDER, "liaison_add_note", { concernId, ts }, "note");
    await fillModal(RESPONDER, "liaison_note_modal", concernId, {
      text: "Daughter at bedside; pain team paged.",
    });
    const reply = await posted(inThread(ts, "Note from Sam Rivera"));
    expect(String(reply.args.text)).toMatch(
      /^Note from Sam Rivera at \d\d:\d\d: Daughter at bedside; pain team paged\.$/,
    );
  });

  it("a note that tries to ping the channel or disguise a link is posted as plain words", async () => {
    const { concernId, ts } = await raise({ ...CONCERN, description: HOSTILE.slack, room: "<!here>" });
    await press(RESPONDER, "liaison_add_note", { concernId, ts }, "n2");
    await fillModal(RESPONDER, "liaison_note_modal", concernId, { text: HOSTILE.slack });
    const reply = await posted(inThread(ts, "Note from Sam Rivera"));
    expect(slackMarkupLeaks(reply.args)).toEqual([]);
    expect(JSON.stringify(reply.args.blocks)).toContain("<!channel> <!everyone> <@U04SAMRVR02>");
    const card = slack
      .callsTo("chat.postMessage")
      .find(
        (c) =>
          c.args.channel === "C04NURS4W01" &&
          !c.args.thread_ts &&
          JSON.stringify(c.args.blocks).includes(concernId),
      );
    expect(slackMarkupLeaks(card!.args)).toEqual([]);
    const updates = slack.callsTo("chat.update").filter((c) => c.args.ts === ts);
    for (const update of updates) expect(slackMarkupLeaks(update.args)).toEqual([]);
  });

  it("Reopen pressed on a stale card is refused at once, before anyone types a reason", async () => {
    const { concernId, ts } = await raise();
    const opened = slack.callsTo("views.open").length;
    await press(RESPONDER, "liaison_reopen", { concernId, ts }, "stale");
    const told = await waitFor(() => slack.responses.find((r) => r.path === "/response/stale"));
    expect(String(told.body.text)).toContain("Only a resolved concern can be reopened");
    expect(slack.callsTo("views.open").length).toBe(opened);
  });

  it("a submission the core refuses after the modal closed comes back as a DM: why, and what was typed", async () => {
    const { concernId } = await raise();
    // A reopen modal opened while the concern was resolved, submitted after someone else reopened it.
    const meta = JSON.stringify({ concernId, reference: "", departmentId: "nursing-4w", isGrievance: false });
    const typed = "Pain back at 8/10 after the night shift.";
    const res = await interact(
      viewSubmissionPayload(RESPONDER, "liaison_reopen_modal", { text: typed }, meta),
    );
    expect(res.status).toBe(200);
    const dm = await posted(
      (args) => args.channel === RESPONDER.id && String(args.text).includes("reopening was NOT saved"),
    );
    expect(String(dm.args.text)).toContain("Only a resolved concern can be reopened");
    expect(String(dm.args.text)).toContain(`What you typed:\n${typed}`);
  });

  it("/concern status, mine and help answer privately", async () => {
    const { concernId } = await raise();
    const concern = (await liaison.context.concerns.findById(concernId as never))!;
    await post(
      slashCommandBody(NURSE, `status ${concern.reference.toLowerCase()}`, `${slack.responseUrlBase}status`),
    );
    const status = await waitFor(() => slack.responses.find((r) => r.path === "/response/status"));
    expect(status.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(status.body.text)).toContain(concern.reference);
    expect(JSON.stringify(status.body.blocks)).toContain('"text":"open card"');

    await post(slashCommandBody(NURSE, "status PR-1999-00001", `${slack.responseUrlBase}missing`));
    const missing = await waitFor(() => slack.responses.find((r) => r.path === "/response/missing"));
    expect(String(missing.body.text)).toBe(
      "No concern PR-1999-00001 was found. Check the reference; it looks like PR-2026-00042.",
    );

    await post(slashCommandBody(NURSE, "mine", `${slack.responseUrlBase}mine`));
    const mine = await waitFor(() => slack.responses.find((r) => r.path === "/response/mine"));
    expect(JSON.stringify(mine.body.blocks)).toContain(concern.reference);

    await post(slashCommandBody(NURSE, "help", `${slack.responseUrlBase}help`));
    const help = await waitFor(() => slack.responses.find((r) => r.path === "/response/help"));
    expect(String(help.body.text)).toContain("/concern status PR-2026-00042");
  });

  describe("request verification", () => {
    const body = () => slashCommandBody(NURSE, "help", `${slack.responseUrlBase}verify`);
    const now = () => Math.floor(Date.now() / 1000);

    it("a bad signature is refused with 401", async () => {
      const res = await post(body(), FORM, { secret: "not-the-signing-secret" });
      expect(res.status).toBe(401);
    });

    it("a timestamp more than 5 minutes old is refused", async () => {
      expect((await post(body(), FORM, { timestamp: now() - 6 * 60 })).status).toBe(401);
    });

    it("a timestamp more than 5 minutes in the future is refused too", async () => {
      expect((await post(body(), FORM, { timestamp: now() + 6 * 60 })).status).toBe(401);
    });

    it("the signing helper matches Slack's published test vector", () => {
      const raw =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
      expect(slackSignature("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, raw)).toBe(
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
      );
    });

    it("an Events API retry of the same event is handled once", async () => {
      const event = JSON.stringify({
        token: "verification-token",
        team_id: "T0HOSPITAL",
        api_app_id: "A0LIAISON1",
        type: "event_callback",
        event_id: "Ev0RETRY0001",
        event_time: now(),
        event: {
          type: "app_mention",
          user: NURSE.id,
          text: "<@U0LIAISON1> help",
          ts: "1700000000.999900",
          channel: "C04NURS4W01",
          event_ts: "1700000000.999900",
        },
      });
      const replies = () =>
        slack.callsTo("chat.postMessage").filter((c) => c.args.thread_ts === "1700000000.999900").length;
      expect((await post(event, "application/json")).status).toBe(200);
      await waitFor(
        () => replies() === 1 || undefined,
        3000,
        `a reply; calls: ${JSON.stringify(slack.calls.slice(-3))}`,
      );
      const retry = await post(event, "application/json", {
        headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
      });
      expect(retry.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(replies()).toBe(1);
    });
  });
});
