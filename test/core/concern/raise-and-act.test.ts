import { describe, expect, it, vi } from "vitest";
import { InvalidInputError, NotAllowedError } from "../../../src/core/errors.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

describe("raising a concern", () => {
  it("a nurse's pain concern on 4 West is stored, routed to Nursing 4 West and given a reference", async () => {
    const { ctx, concerns } = coreContext("2026-11-24T20:00:00Z");
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    expect(concern).toMatchObject({
      reference: "PR-2026-00001",
      departmentId: "nursing-4w",
      status: "open",
      reporter: { key: "person:nia.okafor", displayName: "Nia Okafor" },
      acknowledgeBy: new Date("2026-11-24T20:15:00Z"),
      nextDueAt: new Date("2026-11-24T20:15:00Z"),
      isGrievance: false,
    });
    expect((await concerns.auditTrail(concern.id)).map((e) => e.type)).toEqual(["created", "routed"]);
    expect((await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse)).reference).toBe("PR-2026-00002");
  });

  it("the reference year is the hospital's: 23:30 on 31 December in Chicago is still last year", async () => {
    const { ctx } = coreContext("2027-01-01T05:30:00Z");
    expect((await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse)).reference).toBe("PR-2026-00001");
  });

  it("a patient-rights concern is a grievance even if the box was not ticked, with a 7-day notice clock", async () => {
    const { ctx } = coreContext("2026-11-24T20:00:00Z");
    const concern = await raiseConcern(ctx, { ...PAIN_DRAFT, category: "patient-rights" }, SLACK.nurse);
    expect(concern.isGrievance).toBe(true);
    expect(concern.grievanceNoticeBy).toEqual(new Date("2026-12-01T20:00:00Z"));
    expect(concern.departmentId).toBe("patient-relations");
  });

  it("every invalid field is reported at once, keyed by field, and nothing is stored", async () => {
    const { ctx, concerns } = coreContext();
    const attempt = raiseConcern(
      ctx,
      {
        unit: "",
        room: "412",
        patientReference: "Jane Doe",
        category: "parking",
        severity: "urgent",
        description: " ",
      },
      SLACK.nurse,
    );
    await expect(attempt).rejects.toThrow(InvalidInputError);
    const errors = await attempt.catch((e: InvalidInputError) => e.fieldErrors);
    expect(errors).toEqual({
      unit: "Please enter the unit.",
      patientReference:
        "Use an encounter or account number (letters, digits and dashes, no spaces), not the patient's name.",
      // In the words people see in the form: the categories' labels, the field "What happened".
      category: expect.stringContaining("Please choose one of: Pain not managed, Call light / response time"),
      severity: "Please choose a severity: Low, Moderate, High, Critical.",
      description: "Please describe what happened.",
    });
    expect(concerns.concerns.size).toBe(0);
  });

  it("logs say which concern, never its description or patient reference", async () => {
    const { ctx, logger } = coreContext();
    await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const text = JSON.stringify(logger.lines);
    expect(text).toContain("PR-2026-00001");
    expect(text).not.toContain("E20260417");
    expect(text).not.toContain("Pain not controlled");
  });
});

describe("acting on a concern", () => {
  it("two responders press Acknowledge together: exactly one wins, the other is told who did", async () => {
    const { ctx, concerns, clock } = coreContext();
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    clock.advanceMinutes(3);
    const writes = vi.spyOn(concerns, "update");
    const [a, b] = await Promise.all([
      actOnConcern(ctx, concern.id, { type: "acknowledge" }, SLACK.responder),
      actOnConcern(ctx, concern.id, { type: "acknowledge" }, SLACK.head),
    ]);
    // Both read version 1 before either wrote: one compare-and-set lost and was decided again.
    const results = await Promise.all(writes.mock.results.map((r) => r.value));
    expect(results).toEqual([true, false]);
    const outcomes = [a, b].map((o) => o.kind).sort();
    expect(outcomes).toEqual(["already-done", "changed"]);
    const loser = [a, b].find((o) => o.kind === "already-done");
    const winner = [a, b].find((o) => o.kind === "changed");
    expect(loser).toMatchObject({ by: { key: winner!.concern.acknowledgedBy!.key } });
    const trail = await concerns.auditTrail(concern.id);
    expect(trail.filter((e) => e.type === "acknowledged")).toHaveLength(1);
  });

  it("someone outside the department is told who may act, and nothing changes", async () => {
    const { ctx, concerns } = coreContext();
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    await expect(
      actOnConcern(ctx, concern.id, { type: "acknowledge" }, SLACK.billingResponder),
    ).rejects.toThrow(
      new NotAllowedError(
        `Only Nursing 4 West's responders (and members of its Slack user group), head or manager, a patient relations liaison, a director or an admin may acknowledge ${concern.reference}.`,
      ),
    );
    await expect(actOnConcern(ctx, concern.id, { type: "resolve" }, SLACK.stranger)).rejects.toThrow(
      /not in Liaison's directory yet/,
    );
    expect((await concerns.findById(concern.id))!.version).toBe(1);
  });

  it("the reporter may add a note to their own concern but not resolve it", async () => {
    const { ctx } = coreContext();
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const outcome = await actOnConcern(
      ctx,
      concern.id,
      { type: "add-note", text: "Family at bedside" },
      SLACK.nurse,
    );
    expect(outcome.kind).toBe("changed");
    await expect(actOnConcern(ctx, concern.id, { type: "resolve" }, SLACK.nurse)).rejects.toThrow(
      NotAllowedError,
    );
  });

  it("acknowledge then resolve records both, with who and when", async () => {
    const { ctx, concerns, clock } = coreContext("2026-11-24T20:00:00Z");
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    clock.advanceMinutes(7);
    await actOnConcern(ctx, concern.id, { type: "acknowledge" }, SLACK.responder);
    clock.advanceMinutes(50);
    const resolved = await actOnConcern(
      ctx,
      concern.id,
      { type: "resolve", resolutionNote: "New plan" },
      SLACK.responder,
    );
    expect(resolved.concern).toMatchObject({
      status: "resolved",
      acknowledgedAt: new Date("2026-11-24T20:07:00Z"),
      resolvedAt: new Date("2026-11-24T20:57:00Z"),
      resolutionNote: "New plan",
      nextDueAt: undefined,
    });
    const trail = await concerns.auditTrail(concern.id);
    expect(trail.map((e) => [e.type, e.actor.displayName])).toEqual([
      ["created", "Nia Okafor"],
      ["routed", "Nia Okafor"],
      ["acknowledged", "Sam Rivera"],
      ["resolved", "Sam Rivera"],
    ]);
  });
});
