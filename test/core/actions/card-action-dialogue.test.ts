import { describe, expect, it, vi } from "vitest";
import { asConcernId } from "../../../src/core/ids.ts";
import { CARD_ACTION_SPECS } from "../../../src/core/actions/card-action-specs.ts";
import { CARD_ACTIONS, cardActionsFor } from "../../../src/core/actions/card-actions.ts";
import { LEGAL_FROM } from "../../../src/core/concern/concern-state-machine.ts";
import type { PolicySnapshot } from "../../../src/core/escalation/policy-snapshot.ts";
import {
  actionForm,
  clickCardAction,
  readActionForm,
  submitCardAction,
  whyNotSaved,
  type ActionReply,
} from "../../../src/core/use-cases/card-action-dialogue.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

/** The form a reply asks with, or a failure that names what came instead. */
function formOf(reply: ActionReply) {
  if (reply.kind !== "form") throw new Error(`expected a form, got ${JSON.stringify(reply)}`);
  return reply.form;
}

async function painConcern(overrides: Partial<typeof PAIN_DRAFT & { grievance: boolean }> = {}) {
  const world = coreContext("2026-11-24T20:00:00Z");
  const concern = await raiseConcern(world.ctx, { ...PAIN_DRAFT, ...overrides }, SLACK.nurse);
  return { ...world, concern };
}

describe("what a click on a concern's card does, decided once for both platforms", () => {
  it("Acknowledge acts at once; a second press is told who did it first and when", async () => {
    const { ctx, concern } = await painConcern();
    const first = await clickCardAction(ctx, concern.id, "acknowledge", SLACK.responder);
    expect(first).toMatchObject({ kind: "card", changed: true, view: { status: "acknowledged" } });
    const second = await clickCardAction(ctx, concern.id, "acknowledge", SLACK.head);
    expect(second).toMatchObject({
      kind: "card",
      changed: false,
      notice: "PR-2026-00001 was already acknowledged by Sam Rivera at 14:00.",
    });
  });

  it("Resolve or Reopen pressed on a stale card is answered at once, before a form opens", async () => {
    const { ctx, concern } = await painConcern();
    await submitCardAction(ctx, concern.id, "resolve", {}, SLACK.responder);
    expect(await clickCardAction(ctx, concern.id, "resolve", SLACK.head)).toMatchObject({
      kind: "card",
      notice: "PR-2026-00001 was already resolved by Sam Rivera at 14:00.",
    });
    await submitCardAction(ctx, concern.id, "reopen", { text: "Pain is back." }, SLACK.responder);
    const reopenAgain = await clickCardAction(ctx, concern.id, "reopen", SLACK.head);
    expect(reopenAgain.kind === "card" && reopenAgain.notice).toMatch(
      /^Cannot reopen: Only a resolved concern can be reopened/,
    );
  });

  it("a grievance's Resolve asks for its written notice's four elements (the contact defaulting to the hospital's liaison); empty, the form comes back and nothing changes", async () => {
    const { ctx, concerns, concern } = await painConcern({ grievance: true });
    const form = formOf(await clickCardAction(ctx, concern.id, "resolve", SLACK.responder));
    expect(form).toMatchObject({ title: "Resolve concern", submitLabel: "Resolve" });
    expect(form.fields.map((f) => f.id)).toEqual(["contact", "steps", "results", "completedOn", "language"]);
    expect(form.values.contact).toBe("Pat Morgan");
    const again = formOf(
      await submitCardAction(ctx, concern.id, "resolve", { contact: "  " }, SLACK.responder),
    );
    expect(Object.keys(again.errors)).toEqual(["contact", "steps", "results", "completedOn", "language"]);
    expect((await concerns.findById(concern.id))!.status).toBe("open");
    const done = await submitCardAction(
      ctx,
      concern.id,
      "resolve",
      {
        contact: "Pat Morgan",
        steps: "Met the family.",
        results: "Pain plan changed.",
        completedOn: "2026-11-24",
        language: "en",
      },
      SLACK.responder,
    );
    expect(done).toMatchObject({ kind: "card", changed: true, view: { status: "resolved" } });
  });

  it("a routine Resolve's note is optional: submitted empty, the concern is resolved", async () => {
    const { ctx, concern } = await painConcern();
    const form = formOf(await clickCardAction(ctx, concern.id, "resolve", SLACK.responder));
    expect(form.fields[0]).toMatchObject({ required: false });
    expect(form.fields[0]).not.toHaveProperty("hint");
    expect(await submitCardAction(ctx, concern.id, "resolve", {}, SLACK.responder)).toMatchObject({
      kind: "card",
      changed: true,
    });
  });

  it("Reassign offers every other department, and without one keeps the typed reason", async () => {
    const { ctx, directory, concern } = await painConcern();
    const form = formOf(await clickCardAction(ctx, concern.id, "reassign", SLACK.responder));
    const picker = form.fields.find((f) => f.kind === "choice")!;
    expect(picker.label).toBe("New department");
    expect(picker.kind === "choice" && picker.options.map((o) => o.value)).toEqual(
      directory.directory.departments.filter((d) => d.id !== "nursing-4w").map((d) => d.id),
    );
    const typed = { reason: "Needs the pain team." };
    const again = formOf(await submitCardAction(ctx, concern.id, "reassign", typed, SLACK.responder));
    expect(again.values).toEqual(typed);
    expect(again.errors).toEqual({ department: "Please choose the department to reassign to." });
    const moved = await submitCardAction(
      ctx,
      concern.id,
      "reassign",
      { ...typed, department: "patient-relations" },
      SLACK.responder,
    );
    expect(moved).toMatchObject({ kind: "card", changed: true, view: { department: "Patient Relations" } });
  });

  it("someone outside the department is told who may act, on the card as it is, before any form opens", async () => {
    const { ctx, concern } = await painConcern();
    const reply = await clickCardAction(ctx, concern.id, "add-note", SLACK.billingResponder);
    expect(reply).toMatchObject({ kind: "card", changed: false, view: { status: "open" } });
    expect(reply.kind === "card" && reply.notice).toMatch(/^Only Nursing 4 West's responders/);
  });

  it("while the store is down, a submitted note comes back with the text and says it was NOT saved", async () => {
    const { ctx, concerns, logger, concern } = await painConcern();
    vi.spyOn(concerns, "findById").mockRejectedValue(new Error("connection refused"));
    const form = formOf(
      await submitCardAction(ctx, concern.id, "add-note", { text: "Son called at 14:05." }, SLACK.responder),
    );
    expect(form.values).toEqual({ text: "Son called at 14:05." });
    expect(form.errors.form).toMatch(/^Your note was NOT saved/);
    expect(whyNotSaved(form)).toBe(form.errors.form);
    expect(logger.lines.some((l) => l.message === "card action not saved")).toBe(true);
    expect(await clickCardAction(ctx, concern.id, "acknowledge", SLACK.responder)).toEqual({
      kind: "message",
      text: expect.stringMatching(/^Your acknowledgement was NOT saved/),
    });
  });

  it("a card naming an id that is not a concern's says the concern no longer exists", async () => {
    const { ctx } = coreContext();
    for (const reply of [
      await clickCardAction(ctx, "not-a-uuid", "acknowledge", SLACK.responder),
      await submitCardAction(
        ctx,
        "3f0c9a4e-1111-4222-8333-944455556666",
        "add-note",
        { text: "x" },
        SLACK.responder,
      ),
    ])
      expect(reply).toEqual({ kind: "message", text: "That concern no longer exists." });
  });
});

describe("the action table", () => {
  it("every card action has words, and each input action's form reads back into its own action", () => {
    const { directory } = coreContext();
    const subject = { id: "c", reference: "PR-2026-00001", departmentId: "nursing-4w", isGrievance: true };
    const typed = {
      text: "Because.",
      department: "patient-relations",
      reason: "Because.",
      contact: "Pat Liaison",
      steps: "Spoke with the charge nurse.",
      results: "Pain plan changed.",
      completedOn: "2026-11-24",
      language: "es",
      method: "mail",
      sentOn: "2026-11-24",
      progress: "Pharmacy review.",
      followUpOn: "2026-12-15",
      referredOn: "2026-11-24",
      rating: "4",
      comment: "Kind nurses.",
      askedHow: "phone",
      note: "Told her daughter the pain team comes at 15:00.",
      into: "7c1f0b8e-3a2d-4f5e-9b6c-1d2e3f4a5b6c",
    };
    // The same field id means the same kind of answer in each form: how a letter went, how a family was told.
    const ownAnswers: Partial<Record<(typeof CARD_ACTIONS)[number], Partial<typeof typed>>> = {
      "record-patient-update": { method: "phone" },
    };
    for (const action of CARD_ACTIONS) {
      expect(CARD_ACTION_SPECS[action].label.length).toBeGreaterThan(0);
      if (!CARD_ACTION_SPECS[action].input) continue;
      const form = actionForm(directory, action, subject);
      expect(form.fields.length).toBeGreaterThan(0);
      const values = { ...typed, ...ownAnswers[action] };
      expect(readActionForm(directory, action, subject, values, new Date("2026-11-25T12:00:00Z"))).toEqual({
        action: expect.objectContaining({ type: action }),
      });
    }
  });

  it("a card offers exactly the actions the state machine accepts from its status", () => {
    for (const status of ["open", "acknowledged", "resolved", "reopened"] as const) {
      expect(cardActionsFor({ status })).toEqual(
        CARD_ACTIONS.filter(
          (a) =>
            LEGAL_FROM[a].includes(status) &&
            ![
              "mark-notice-sent",
              "send-interim-notice",
              "record-qio-referral",
              "record-patient-update",
              "merge",
            ].includes(a),
        ),
      );
    }
    expect(cardActionsFor({ status: "open" })).toEqual([
      "acknowledge",
      "resolve",
      "reassign",
      "escalate",
      "add-note",
    ]);
    expect(cardActionsFor({ status: "resolved" })).toEqual([
      "reopen",
      "record-satisfaction",
      "send-survey-link",
      "add-note",
    ]);
  });

  it("Patient/family updated is offered while the concern is active, only where its policy asks for updates", () => {
    const policy = { updatePatient: { withinMinutes: 120, escalateAfterMinutes: 30 } } as PolicySnapshot;
    expect(cardActionsFor({ status: "acknowledged", policy })).toEqual([
      "record-patient-update",
      "resolve",
      "reassign",
      "escalate",
      "add-note",
    ]);
    expect(cardActionsFor({ status: "open", policy })).toContain("record-patient-update");
    expect(cardActionsFor({ status: "resolved", policy })).not.toContain("record-patient-update");
    expect(
      cardActionsFor({ status: "acknowledged", policy: { ...policy, updatePatient: undefined } }),
    ).not.toContain("record-patient-update");
  });

  it("'Merge into…' appears on a concern with a linked repeat with a linked repeat, and a merged card offers nothing", () => {
    const link = {
      id: asConcernId("7c1f0b8e-3a2d-4f5e-9b6c-1d2e3f4a5b6c"),
      reference: "PR-2026-00031",
      raisedAt: new Date(),
    };
    expect(cardActionsFor({ status: "acknowledged", repeatOf: [link] })).toEqual([
      "resolve",
      "reassign",
      "merge",
      "escalate",
      "add-note",
    ]);
    expect(cardActionsFor({ status: "resolved", repeatedBy: [link] })).toEqual([
      "reopen",
      "record-satisfaction",
      "send-survey-link",
      "add-note",
    ]);
    // Before anyone owns it, and beside a grievance's interim notice, too (Teams: under More actions).
    expect(cardActionsFor({ status: "open", repeatOf: [link] })).toContain("merge");
    expect(cardActionsFor({ status: "acknowledged", isGrievance: true, repeatOf: [link] })).toContain(
      "merge",
    );
    const by = { key: "person:pat.liaison", displayName: "Pat Morgan", platform: "slack" as const };
    expect(cardActionsFor({ status: "resolved", mergedInto: { concern: link, by, at: new Date() } })).toEqual(
      [],
    );
  });

  it("a resolved grievance whose letter waits to be sent offers Mark notice sent, until it is marked", () => {
    const letter = { id: "l", url: "https://liaison.example.org/letters/l.pdf", producedAt: new Date() };
    expect(cardActionsFor({ status: "resolved", grievanceLetter: letter })).toEqual([
      "reopen",
      "mark-notice-sent",
      "record-satisfaction",
      "send-survey-link",
      "add-note",
    ]);
    const sent = {
      method: "mail" as const,
      sentOn: "2026-11-24",
      by: { key: "k", displayName: "Pat", platform: "slack" as const },
      at: new Date(),
    };
    expect(cardActionsFor({ status: "resolved", grievanceLetter: { ...letter, sent } })).toEqual([
      "reopen",
      "record-satisfaction",
      "send-survey-link",
      "add-note",
    ]);
  });
});
