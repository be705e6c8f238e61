import { describe, expect, it } from "vitest";
import { IdentifiersFoundError } from "../../../src/core/errors.ts";
import { checkActionForm, submitCardAction } from "../../../src/core/use-cases/card-action-dialogue.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { highlightedSegments, identifierHeadline } from "../../../src/core/privacy/identifier-warning.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const WITH_DOB_AND_NAME =
  "Mrs. Eleanor Whitfield (DOB 03/14/1948) has waited 40 minutes for her call light to be answered.";

/** What a refused raise threw, or a failure that says it was not refused. */
async function refusal(run: () => Promise<unknown>): Promise<IdentifiersFoundError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof IdentifiersFoundError)) throw new Error(`expected a warning, got ${String(error)}`);
  return error;
}

describe("a description that may identify the patient is caught before it reaches a channel", () => {
  it("a date of birth and a name: the nurse is warned with both highlighted, and nothing is stored yet", async () => {
    const { ctx, concerns } = coreContext();
    const error = await refusal(() =>
      raiseConcern(ctx, { ...PAIN_DRAFT, description: WITH_DOB_AND_NAME }, SLACK.nurse),
    );
    expect(error.message).toBe(
      "This may identify the patient: a name and a date of birth. Cards in a channel are seen by many people.",
    );
    const [field] = error.warning.fields;
    expect(field).toMatchObject({ field: "description", label: "What happened", text: WITH_DOB_AND_NAME });
    const highlighted = highlightedSegments(field!).filter((s) => s.kind);
    expect(highlighted.map((s) => [s.kind, s.text])).toEqual([
      ["person-name", "Mrs. Eleanor Whitfield"],
      ["date-of-birth", "03/14/1948"],
    ]);
    // Pieces put back together are exactly what was typed: nothing lost, nothing added.
    expect(
      highlightedSegments(field!)
        .map((s) => s.text)
        .join(""),
    ).toBe(WITH_DOB_AND_NAME);
    expect(await concerns.findByReference("PR-2026-00001")).toBeUndefined();
  });

  it("“Post anyway” raises it as typed, and the audit trail records which kinds were passed over, not the text", async () => {
    const { ctx, concerns } = coreContext();
    const concern = await raiseConcern(
      ctx,
      { ...PAIN_DRAFT, description: WITH_DOB_AND_NAME, postAnyway: true },
      SLACK.nurse,
    );
    expect(concern.description).toBe(WITH_DOB_AND_NAME);
    const trail = await concerns.auditTrail(concern.id);
    const override = trail.find((e) => e.type === "identifiers-posted-anyway");
    expect(override).toMatchObject({
      actor: { displayName: "Nia Okafor" },
      detail: { fields: [{ field: "description", kinds: ["person-name", "date-of-birth"] }] },
    });
    expect(JSON.stringify(override)).not.toContain("Whitfield");
    expect(JSON.stringify(override)).not.toContain("1948");
  });

  it("ordinary clinical wording is raised with no warning and no override recorded", async () => {
    const { ctx, concerns } = coreContext();
    const description =
      "Pain 7/10 at 14:00 in room 412 despite 2 mg morphine; BP 150/95, asked for the charge nurse.";
    const concern = await raiseConcern(ctx, { ...PAIN_DRAFT, description }, SLACK.nurse);
    const trail = await concerns.auditTrail(concern.id);
    expect(trail.map((e) => e.type)).not.toContain("identifiers-posted-anyway");
  });
});

describe("notes and resolutions are scanned the same way, with every word typed kept", () => {
  it("a note with a phone number comes back as the form, as typed, with the warning; nothing is added", async () => {
    const { ctx, concerns } = coreContext();
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const note = "Daughter asks to be called back on 555-201-7788 after rounds.";
    const reply = await submitCardAction(ctx, concern.id, "add-note", { text: note }, SLACK.responder);
    if (reply.kind !== "form") throw new Error(`expected the form again, got ${reply.kind}`);
    expect(reply.form.values).toEqual({ text: note });
    expect(reply.form.identifiers?.fields.map((f) => [f.field, f.hits.map((h) => h.kind)])).toEqual([
      ["text", ["phone"]],
    ]);
    expect(identifierHeadline(reply.form.identifiers!)).toMatch(/a phone number/);
    expect((await concerns.auditTrail(concern.id)).map((e) => e.type)).not.toContain("note-added");
  });

  it("posting the note anyway adds it and records the override in the same change", async () => {
    const { ctx, concerns } = coreContext();
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const note = "Daughter asks to be called back on 555-201-7788 after rounds.";
    const values = { text: note, postAnyway: "yes" };
    const reply = await submitCardAction(ctx, concern.id, "add-note", values, SLACK.responder);
    expect(reply).toMatchObject({ kind: "card", changed: true });
    const types = (await concerns.auditTrail(concern.id)).map((e) => e.type);
    expect(types).toContain("note-added");
    expect(types).toContain("identifiers-posted-anyway");
  });

  it("the letter's contact person is a staff name by design and is not flagged; the steps taken are", async () => {
    const { ctx } = coreContext();
    const concern = await raiseConcern(ctx, { ...PAIN_DRAFT, grievance: true }, SLACK.nurse);
    const values = {
      contact: "Pat Morgan, Patient Relations",
      steps: "Spoke with the patient's son Daniel Okonkwo and reviewed the call-light log.",
      results: "Call lights are now answered within 5 minutes on 4 West.",
      completedOn: "2026-11-24",
      language: "en",
    };
    const checked = checkActionForm(ctx, "resolve", concern, values);
    if (!("form" in checked)) throw new Error("expected a warning");
    expect(checked.form.identifiers?.fields.map((f) => f.field)).toEqual(["steps"]);
    expect(checked.form.values).toEqual(values);
  });
});
