import { describe, expect, it } from "vitest";
import { clickCardAction, submitCardAction } from "../../../src/core/use-cases/card-action-dialogue.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";

/** Pat Morgan, the hospital's patient relations liaison, on Slack. */
const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
const NIA = { platform: "slack", userId: "U04NIAOKF01", displayName: "Nia Okafor" } as const;

const FOUR_ELEMENTS = {
  contact: "Pat Morgan, Patient Relations, (217) 555-0100",
  steps: "Interviewed the night nurses and reviewed the call-light log for 23-24 November.",
  results: "Call-light response on 4 West is now audited every shift; the night team was re-trained.",
  completedOn: "2026-11-27",
  language: "es",
};

/** A rights grievance raised on 24 November, five days before the liaison closes it. */
async function grievance() {
  const core = coreContext("2026-11-24T20:00:00Z");
  const concern = await raiseConcern(core.ctx, { ...PAIN_DRAFT, category: "patient-rights" }, NIA);
  core.clock.advanceMinutes(5 * 24 * 60);
  return { ...core, concern };
}

describe("a grievance is closed in writing (42 CFR 482.13(a)(2)(iii))", () => {
  it("Resolve asks for the four elements of the written notice, with the liaison, today and English filled in", async () => {
    const { ctx, concern } = await grievance();
    const reply = await clickCardAction(ctx, concern.id, "resolve", PAT);
    if (reply.kind !== "form") throw new Error(`expected the form, got ${reply.kind}`);
    expect(reply.form.fields.map((f) => [f.id, f.kind, f.label])).toEqual([
      ["contact", "text", "Hospital contact person"],
      ["steps", "text", "Steps taken to investigate"],
      ["results", "text", "Results of the grievance process"],
      ["completedOn", "date", "Date of completion"],
      ["language", "choice", "Language of the letter"],
    ]);
    expect(reply.form.values).toEqual({ contact: "Pat Morgan", completedOn: "2026-11-29", language: "en" });
  });

  it("is refused until all four are present, each missing one said by its field, and nothing typed is lost", async () => {
    const { ctx, concern, concerns } = await grievance();
    const typed = { ...FOUR_ELEMENTS, steps: "  ", completedOn: "" };
    const reply = await submitCardAction(ctx, concern.id, "resolve", typed, PAT);
    if (reply.kind !== "form") throw new Error(`expected the form back, got ${reply.kind}`);
    expect(reply.form.errors).toEqual({
      steps: "Please enter the steps taken to investigate the grievance.",
      completedOn: "Please choose the date the grievance process was completed.",
    });
    expect(reply.form.values).toEqual(typed);
    expect((await concerns.findById(concern.id))?.status).toBe("open");
  });

  it("a date of completion after today is refused", async () => {
    const { ctx, concern } = await grievance();
    const reply = await submitCardAction(
      ctx,
      concern.id,
      "resolve",
      { ...FOUR_ELEMENTS, completedOn: "2026-11-30" },
      PAT,
    );
    expect(reply.kind === "form" && reply.form.errors).toEqual({
      completedOn: "The date of completion cannot be after today.",
    });
  });

  it("the core refuses a grievance resolved without its elements, whatever a client sends", async () => {
    const { ctx, concern } = await grievance();
    await expect(
      actOnConcern(ctx, concern.id, { type: "resolve", resolutionNote: "Sorted." }, PAT),
    ).rejects.toThrow(/Please enter the hospital contact person/);
  });

  it("resolved with all four: the letter is drafted in Spanish, linked from the card, the liaison asked to review and send it, and every step audited", async () => {
    const { ctx, concern, concerns, letters } = await grievance();
    const reply = await submitCardAction(ctx, concern.id, "resolve", FOUR_ELEMENTS, PAT);
    if (reply.kind !== "card") throw new Error(`expected the card, got ${reply.kind}`);
    const [letter] = letters.drawn;
    expect(letter).toMatchObject({
      language: "es",
      title: "Aviso por escrito de la resolución de su queja formal",
      letterhead: { name: "St. Example Medical Center" },
      date: "29 de noviembre de 2026",
      reference: `Referencia de la queja: ${concern.reference}`,
      elements: [
        { heading: "Su persona de contacto en el hospital", text: FOUR_ELEMENTS.contact },
        { heading: "Medidas tomadas para investigar su queja", text: FOUR_ELEMENTS.steps },
        { heading: "Resultados del proceso de queja", text: FOUR_ELEMENTS.results },
        { heading: "Fecha en que se completó", text: "27 de noviembre de 2026" },
      ],
    });
    expect(letter!.paragraphs[0]).toContain("recibió su queja formal el 24 de noviembre de 2026");
    expect(letters.letters).toHaveLength(1);
    expect(reply.view.letterUrl).toBe(`https://liaison.example.org/letters/${letters.letters[0]!.token}.pdf`);
    expect(reply.view.noticeLine).toMatch(
      /^Written notice drafted .*: review it, send it to the patient, then press Mark notice sent\.$/,
    );
    expect(reply.view.actions).toEqual([
      "reopen",
      "mark-notice-sent",
      "record-satisfaction",
      "send-survey-link",
      "add-note",
    ]);

    const trail = await concerns.auditTrail(concern.id);
    const resolved = trail.find((e) => e.type === "resolved");
    expect(resolved?.detail).toMatchObject({
      grievance: {
        contactPerson: FOUR_ELEMENTS.contact,
        investigationSteps: FOUR_ELEMENTS.steps,
        results: FOUR_ELEMENTS.results,
        completedOn: "2026-11-27",
        language: "es",
      },
    });
    expect(trail.find((e) => e.type === "letter-produced")?.detail).toEqual({
      letterId: letters.letters[0]!.id,
      kind: "final",
      language: "es",
    });
    const dm = concerns.outboxRows.find(
      (m) => m.message.kind === "direct" && m.message.purpose === "grievance-letter",
    );
    expect(dm?.message).toMatchObject({ personId: "pat.liaison", withCard: true });
  });

  it("Mark notice sent records how and when; the card says so and offers it no more", async () => {
    const { ctx, concern, concerns } = await grievance();
    await submitCardAction(ctx, concern.id, "resolve", { ...FOUR_ELEMENTS, language: "en" }, PAT);
    const form = await clickCardAction(ctx, concern.id, "mark-notice-sent", PAT);
    expect(form.kind === "form" && form.form.values).toEqual({ sentOn: "2026-11-29" });
    const refused = await submitCardAction(
      ctx,
      concern.id,
      "mark-notice-sent",
      { sentOn: "2026-11-29" },
      PAT,
    );
    expect(refused.kind === "form" && refused.form.errors).toEqual({
      method: "Please choose how the letter was sent.",
    });
    const reply = await submitCardAction(
      ctx,
      concern.id,
      "mark-notice-sent",
      { method: "mail", sentOn: "2026-11-29" },
      PAT,
    );
    if (reply.kind !== "card") throw new Error(`expected the card, got ${reply.kind}`);
    expect(reply.view.noticeLine).toBe(
      "Written notice sent (mail) on November 29, 2026, recorded by Pat Morgan.",
    );
    expect(reply.view.actions).toEqual(["reopen", "record-satisfaction", "send-survey-link", "add-note"]);
    const sent = (await concerns.auditTrail(concern.id)).find((e) => e.type === "notice-sent");
    expect(sent).toMatchObject({
      actor: { displayName: "Pat Morgan" },
      detail: { method: "mail", sentOn: "2026-11-29" },
    });
  });

  it("a reopened grievance needs a new notice: resolving it again drafts a second letter, the first stays on record", async () => {
    const { ctx, concern, letters } = await grievance();
    await submitCardAction(ctx, concern.id, "resolve", FOUR_ELEMENTS, PAT);
    const reopened = await submitCardAction(
      ctx,
      concern.id,
      "reopen",
      { text: "Family says it happened again." },
      PAT,
    );
    expect(reopened.kind === "card" && reopened.view.noticeLine).toBeUndefined();
    await submitCardAction(ctx, concern.id, "resolve", { ...FOUR_ELEMENTS, language: "en" }, PAT);
    expect(letters.letters.map((l) => l.language)).toEqual(["es", "en"]);
  });
});

describe("quality of care and premature discharge: the QIO", () => {
  it("a discharge concern's card says the QIO may review it; once resolved, Referred to QIO records the day", async () => {
    const core = coreContext("2026-11-24T20:00:00Z");
    const concern = await raiseConcern(core.ctx, { ...PAIN_DRAFT, category: "discharge" }, NIA);
    const open = await clickCardAction(core.ctx, concern.id, "acknowledge", PAT);
    expect(open.kind === "card" && open.view.qioLine).toBe(
      "Quality of care or discharge: a Medicare patient may ask the QIO (Quality Improvement Organization) to review it.",
    );
    const resolved = await submitCardAction(
      core.ctx,
      concern.id,
      "resolve",
      { text: "Follow-up visit booked." },
      PAT,
    );
    expect(resolved.kind === "card" && resolved.view.actions).toContain("record-qio-referral");
    const asked = await clickCardAction(core.ctx, concern.id, "record-qio-referral", PAT);
    expect(asked.kind === "form" && asked.form.values).toEqual({ referredOn: "2026-11-24" });
    const recorded = await submitCardAction(
      core.ctx,
      concern.id,
      "record-qio-referral",
      { referredOn: "2026-11-24" },
      PAT,
    );
    if (recorded.kind !== "card") throw new Error(`expected the card, got ${recorded.kind}`);
    expect(recorded.view.qioLine).toBe("Referred to the QIO on November 24, 2026, recorded by Pat Morgan.");
    expect(recorded.view.actions).not.toContain("record-qio-referral");
    const trail = await core.concerns.auditTrail(concern.id);
    expect(trail.find((e) => e.type === "qio-referred")?.detail).toEqual({
      from: "resolved",
      referredOn: "2026-11-24",
    });
    const again = await submitCardAction(
      core.ctx,
      concern.id,
      "record-qio-referral",
      { referredOn: "2026-11-24" },
      PAT,
    );
    expect(JSON.stringify(again)).toContain(
      "was already recorded as referred to the QIO on 2026-11-24 by Pat Morgan.",
    );
  });

  it("a safety grievance's letter tells the patient about the QIO; a rights grievance's does not", async () => {
    const { ctx, concern, letters } = await grievance();
    await submitCardAction(ctx, concern.id, "resolve", FOUR_ELEMENTS, PAT);
    expect(letters.drawn[0]!.paragraphs).toHaveLength(1);
    const core = coreContext("2026-11-24T20:00:00Z");
    const safety = await raiseConcern(core.ctx, { ...PAIN_DRAFT, category: "safety" }, NIA);
    await submitCardAction(
      core.ctx,
      safety.id,
      "resolve",
      { ...FOUR_ELEMENTS, completedOn: "2026-11-24", language: "en" },
      PAT,
    );
    expect(core.letters.drawn[0]!.paragraphs[1]).toContain(
      "you may ask the Quality Improvement Organization to review it",
    );
  });
});

describe("what the letter is given is checked before it is drafted", () => {
  it("a name the letter's font cannot print is refused on its field, saying which characters", async () => {
    const { ctx, concern } = await grievance();
    const reply = await submitCardAction(
      ctx,
      concern.id,
      "resolve",
      { ...FOUR_ELEMENTS, contact: "Nguyễn Văn An, 李华" },
      PAT,
    );
    expect(reply.kind === "form" && reply.form.errors).toEqual({
      contact:
        "The letter cannot print “ễ” “ă” “李” “华”: please write it in Latin letters (a transliteration of a name is fine).",
    });
  });

  it("a date that is not on the calendar is refused (31 February)", async () => {
    const { ctx, concern } = await grievance();
    const reply = await submitCardAction(
      ctx,
      concern.id,
      "resolve",
      { ...FOUR_ELEMENTS, completedOn: "2026-02-31" },
      PAT,
    );
    expect(reply.kind === "form" && reply.form.errors).toEqual({
      completedOn: "Please choose the date the grievance process was completed.",
    });
  });

  it("a second Mark notice sent (a stale card, a second modal) is refused and the first record kept", async () => {
    const { ctx, concern, concerns } = await grievance();
    await submitCardAction(ctx, concern.id, "resolve", FOUR_ELEMENTS, PAT);
    await submitCardAction(
      ctx,
      concern.id,
      "mark-notice-sent",
      { method: "mail", sentOn: "2026-11-29" },
      PAT,
    );
    const again = await submitCardAction(
      ctx,
      concern.id,
      "mark-notice-sent",
      { method: "email", sentOn: "2026-11-29" },
      PAT,
    );
    expect(JSON.stringify(again)).toContain(
      "written notice was already marked sent (mail, 2026-11-29) by Pat Morgan.",
    );
    expect((await concerns.findById(concern.id))?.grievanceLetter?.sent?.method).toBe("mail");
  });
});
