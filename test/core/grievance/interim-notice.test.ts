import { describe, expect, it } from "vitest";
import { addDays } from "../../../src/core/escalation/business-time.ts";
import { clickCardAction, submitCardAction } from "../../../src/core/use-cases/card-action-dialogue.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { sweepDueConcerns } from "../../../src/core/use-cases/sweep-due-concerns.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";

const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
const NIA = { platform: "slack", userId: "U04NIAOKF01", displayName: "Nia Okafor" } as const;
const WEEKDAYS = { days: ["mon", "tue", "wed", "thu", "fri"] as const, start: "08:00", end: "17:00" };
const CHICAGO = "America/Chicago";

/** A rights grievance raised Tuesday 24 November 14:00 Chicago time; its interim notice is due 1 December. */
async function grievance() {
  const core = coreContext("2026-11-24T20:00:00Z");
  const concern = await raiseConcern(core.ctx, { ...PAIN_DRAFT, category: "patient-rights" }, NIA);
  return { ...core, concern };
}

const INTERIM = {
  contact: "Pat Morgan, Patient Relations, (217) 555-0100",
  progress: "Pharmacy is reviewing the medication record; we meet the family again on 8 December.",
  language: "es",
  method: "mail",
};

describe("a grievance that cannot be closed in time gets an interim notice", () => {
  it("two days before it is due the liaisons are reminded, told they may send an interim notice", async () => {
    const { ctx, clock, concern, concerns } = await grievance();
    clock.advanceMinutes(5 * 24 * 60 + 1);
    await sweepDueConcerns(ctx);
    const reminder = concerns.outboxRows.find(
      (m) => m.message.kind === "direct" && m.message.purpose === "grievance-reminder",
    );
    expect(reminder?.message).toMatchObject({
      text: expect.stringContaining(
        'If it cannot be closed by then, press "Send interim notice" on the card.',
      ),
    });
    expect((await concerns.findById(concern.id))?.grievanceNoticeBy).toEqual(
      new Date("2026-12-01T20:00:00Z"),
    );
  });

  it("Send interim notice promises the final response 21 business days out; the letter says what is being done and by when; the clock runs to that day", async () => {
    const { ctx, clock, concern, concerns, letters } = await grievance();
    clock.advanceMinutes(5 * 24 * 60); // Sunday 29 November
    const form = await clickCardAction(ctx, concern.id, "send-interim-notice", PAT);
    if (form.kind !== "form") throw new Error(`expected the form, got ${form.kind}`);
    expect(form.form.fields.map((f) => f.id)).toEqual([
      "contact",
      "progress",
      "followUpOn",
      "language",
      "method",
    ]);
    // 21 business days after Sunday 29 November, weekends skipped (Liaison knows no holidays): 28 December.
    expect(form.form.values).toEqual({ contact: "Pat Morgan", followUpOn: "2026-12-28", language: "en" });

    const reply = await submitCardAction(
      ctx,
      concern.id,
      "send-interim-notice",
      { ...INTERIM, followUpOn: "2026-12-15" },
      PAT,
    );
    if (reply.kind !== "card") throw new Error(`expected the card, got ${reply.kind}`);
    expect(letters.drawn[0]).toMatchObject({
      title: "Aviso provisional sobre su queja formal",
      elements: [
        { heading: "Su persona de contacto en el hospital", text: INTERIM.contact },
        { heading: "Lo que estamos haciendo", text: INTERIM.progress },
        {
          heading: "Cuándo tendrá nuestra respuesta",
          text: "Le enviaremos nuestra respuesta por escrito a más tardar el 15 de diciembre de 2026.",
        },
      ],
      fileName: `${concern.reference}-interim-notice-es.pdf`,
    });
    expect(letters.letters[0]).toMatchObject({ kind: "interim", language: "es" });
    expect(reply.view.grievanceLine).toBe("Grievance: final response promised by December 15, 2026");
    expect(reply.view.noticeLine).toBe(
      "Interim notice sent (mail) on November 29, 2026, recorded by Pat Morgan.",
    );
    expect(reply.view.letterUrl).toBe(`https://liaison.example.org/letters/${letters.letters[0]!.token}.pdf`);
    expect(reply.view.actions).not.toContain("send-interim-notice");

    const stored = (await concerns.findById(concern.id))!;
    expect(stored.grievanceNoticeBy).toEqual(new Date("2026-12-16T05:59:59.999Z"));
    expect(stored.escalation.grievanceRemindedAt).toBeUndefined();
    const trail = await concerns.auditTrail(concern.id);
    expect(trail.find((e) => e.type === "interim-notice-sent")?.detail).toMatchObject({
      followUpOn: "2026-12-15",
      method: "mail",
      sentOn: "2026-11-29",
      interim: { progress: INTERIM.progress },
    });
    expect(trail.find((e) => e.type === "letter-produced")?.detail).toMatchObject({ kind: "interim" });

    // The 1 December deadline no longer escalates; two days before the promised day, the reminder does.
    clock.set(new Date("2026-12-02T12:00:00Z"));
    await sweepDueConcerns(ctx);
    expect(
      concerns.outboxRows.some(
        (m) => m.message.kind === "direct" && m.message.purpose === "grievance-overdue",
      ),
    ).toBe(false);
    clock.set(new Date("2026-12-14T12:00:00Z"));
    await sweepDueConcerns(ctx);
    const reminder = concerns.outboxRows.find(
      (m) => m.message.kind === "direct" && m.message.purpose === "grievance-reminder",
    );
    expect(reminder?.message).toMatchObject({
      text: expect.stringContaining("promised final response is due by"),
    });
  });

  it("a second interim notice is refused: one notice moves the clock once", async () => {
    const { ctx, clock, concern, concerns } = await grievance();
    clock.advanceMinutes(5 * 24 * 60);
    await submitCardAction(
      ctx,
      concern.id,
      "send-interim-notice",
      { ...INTERIM, followUpOn: "2026-12-15" },
      PAT,
    );
    const again = await submitCardAction(
      ctx,
      concern.id,
      "send-interim-notice",
      { ...INTERIM, followUpOn: "2027-01-15" },
      PAT,
    );
    expect(JSON.stringify(again)).toContain(
      "interim notice was already recorded on 2026-11-29 by Pat Morgan",
    );
    expect((await concerns.findById(concern.id))?.grievanceInterim?.followUpOn).toBe("2026-12-15");
  });

  it("the promised day must be after today, and every field is asked for", async () => {
    const { ctx, clock, concern } = await grievance();
    clock.advanceMinutes(5 * 24 * 60);
    const reply = await submitCardAction(
      ctx,
      concern.id,
      "send-interim-notice",
      { followUpOn: "2026-11-29" },
      PAT,
    );
    expect(reply.kind === "form" && reply.form.errors).toEqual({
      contact: "Please enter the hospital contact person the patient can reach about this grievance.",
      progress: "Please enter what is being done to resolve the grievance.",
      followUpOn: "The final response must be promised for a day after today.",
      language: "Please choose the language of the letter.",
      method: "Please choose how the letter is sent.",
    });
  });

  it("only a grievance has an interim notice: a routine concern's card has no such button, and the core refuses one", async () => {
    const core = coreContext("2026-11-24T20:00:00Z");
    const routine = await raiseConcern(core.ctx, PAIN_DRAFT, NIA);
    const card = await clickCardAction(core.ctx, routine.id, "acknowledge", PAT);
    expect(card.kind === "card" && card.view.actions).not.toContain("send-interim-notice");
    const refused = await submitCardAction(
      core.ctx,
      routine.id,
      "send-interim-notice",
      { ...INTERIM, followUpOn: "2026-12-15" },
      PAT,
    );
    expect(JSON.stringify(refused)).toContain("is not a grievance; only a grievance has an interim notice.");
  });
});

describe("the hospital's own grievance clocks", () => {
  it("5 business days skip the weekend; 7 calendar days do not; the local time of day is kept", () => {
    const tuesday = new Date("2026-11-24T20:00:00Z"); // 14:00 in Chicago
    expect(addDays(tuesday, 5, "business", WEEKDAYS, CHICAGO)).toEqual(new Date("2026-12-01T20:00:00Z"));
    expect(addDays(tuesday, 7, "calendar", WEEKDAYS, CHICAGO)).toEqual(new Date("2026-12-01T20:00:00Z"));
    const friday = new Date("2026-11-27T20:00:00Z");
    expect(addDays(friday, 1, "business", WEEKDAYS, CHICAGO)).toEqual(new Date("2026-11-30T20:00:00Z"));
    expect(addDays(friday, 21, "business", WEEKDAYS, CHICAGO)).toEqual(new Date("2026-12-28T20:00:00Z"));
  });
});
