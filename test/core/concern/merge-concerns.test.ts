import { describe, expect, it } from "vitest";
import { InvalidInputError, NotAllowedError } from "../../../src/core/errors.ts";
import type { Concern } from "../../../src/core/concern/concern.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { clickCardAction, submitCardAction } from "../../../src/core/use-cases/card-action-dialogue.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const LIAISON = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
const HOUR = 60;

/** Nia raises a pain concern for the patient in 4W 412, and two hours later another about the call light. */
async function twoConcerns(start = "2026-11-24T20:00:00Z") {
  const h = coreContext(start);
  const first = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
  h.clock.advanceMinutes(2 * HOUR);
  const second = await raiseConcern(h.ctx, { ...PAIN_DRAFT, category: "call-light" }, SLACK.nurse);
  const current = async (c: Concern) => (await h.concerns.findById(c.id))!;
  return { h, first, second, current };
}

const merge = (into: Concern, reason?: string) => ({ type: "merge" as const, into: into.id, reason });

describe("merging a repeat into the concern it repeats", () => {
  it("the liaison merges the second into the first: it is closed, both cards say so, both trails hold the same event", async () => {
    const { h, first, second, current } = await twoConcerns();
    h.clock.advanceMinutes(5);
    await actOnConcern(
      h.ctx,
      second.id,
      merge(first, "Same pain episode; call light was the same request."),
      LIAISON,
    );

    const merged = await current(second);
    expect(merged).toMatchObject({ status: "resolved", nextDueAt: undefined });
    expect(merged.mergedInto).toMatchObject({ concern: { id: first.id, reference: first.reference } });
    const mergedCard = channelCardView(h.directory, merged, h.clock.now());
    expect(mergedCard).toMatchObject({
      state: "merged",
      stateLabel: "🔗 Merged",
      statusLine: "Merged into PR-2026-00001 by Pat Morgan at 16:05",
      resolutionLine: "Why merged: Same pain episode; call light was the same request.",
      actions: [],
    });

    const survivor = await current(first);
    const survivorCard = channelCardView(h.directory, survivor, h.clock.now());
    expect(survivorCard.mergeLine).toBe("Merged PR-2026-00002 into this (Pat Morgan, 16:05)");
    // Nothing left to merge: its only link was merged into it.
    expect(survivorCard.actions).not.toContain("merge");

    const last = async (c: Concern) => (await h.concerns.auditTrail(c.id)).at(-1)!;
    const into = await last(second);
    const from = await last(first);
    expect(into).toMatchObject({ type: "merged-into", detail: { into: { id: first.id }, from: "open" } });
    expect(from).toMatchObject({
      type: "merged-from",
      detail: { merged: { id: second.id }, becameGrievance: false },
    });
    expect(from.actor).toEqual(into.actor);
    expect(from.at).toEqual(into.at);
    expect(into.actor).toMatchObject({ key: "person:pat.liaison" });

    // Both cards are re-rendered through the outbox.
    const updates = h.concerns.outboxRows.filter((r) => r.message.kind === "update-cards");
    expect(new Set(updates.map((r) => r.concernId))).toEqual(new Set([first.id, second.id]));
  });

  it("merging stops the merged concern's clocks: no escalation fires for it later", async () => {
    const { h, first, second, current } = await twoConcerns();
    await actOnConcern(h.ctx, second.id, merge(first), LIAISON);
    expect(
      await h.concerns.listOpenByDepartment((await current(second)).departmentId, 10),
    ).not.toContainEqual(expect.objectContaining({ id: second.id }));
    expect((await current(second)).nextDueAt).toBeUndefined();
  });

  it("a grievance merged into a plain concern makes it a grievance with the earlier clock; deadlines are the earlier of the two", async () => {
    const h = coreContext("2026-11-24T20:00:00Z");
    const plain = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    h.clock.advanceMinutes(HOUR);
    const grievance = await raiseConcern(h.ctx, { ...PAIN_DRAFT, grievance: true }, SLACK.nurse);
    // The earlier one is merged into the later, so the earlier acknowledge-by must carry over.
    await actOnConcern(h.ctx, grievance.id, { type: "acknowledge" }, LIAISON);
    await actOnConcern(h.ctx, plain.id, merge(grievance), LIAISON);
    const survivor = (await h.concerns.findById(grievance.id))!;
    expect(survivor.isGrievance).toBe(true);
    expect(survivor.grievanceNoticeBy).toEqual(grievance.grievanceNoticeBy);
    expect(survivor.acknowledgeBy).toEqual(plain.acknowledgeBy);
    expect(survivor.resolveBy).toEqual(plain.resolveBy);
    expect(survivor.nextDueAt).toBeDefined();

    const other = coreContext("2026-11-24T20:00:00Z");
    const earlierGrievance = await raiseConcern(other.ctx, { ...PAIN_DRAFT, grievance: true }, SLACK.nurse);
    other.clock.advanceMinutes(HOUR);
    const later = await raiseConcern(other.ctx, PAIN_DRAFT, SLACK.nurse);
    await actOnConcern(other.ctx, earlierGrievance.id, merge(later), LIAISON);
    const became = (await other.concerns.findById(later.id))!;
    expect(became).toMatchObject({
      isGrievance: true,
      grievanceNoticeBy: earlierGrievance.grievanceNoticeBy,
    });
    expect((await other.concerns.auditTrail(later.id)).at(-1)).toMatchObject({
      type: "merged-from",
      detail: { becameGrievance: true, grievanceNoticeBy: earlierGrievance.grievanceNoticeBy!.toISOString() },
    });
  });

  it("refuses merging into itself, into a concern not linked, into a resolved one, and names where a merged one went", async () => {
    const { h, first, second, current } = await twoConcerns();
    const unrelated = await raiseConcern(h.ctx, { ...PAIN_DRAFT, room: "414" }, SLACK.nurse);
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: InvalidInputError) => e.fieldErrors,
      );
    expect(await refusal(actOnConcern(h.ctx, second.id, merge(second), LIAISON))).toEqual({
      into: "PR-2026-00002 cannot be merged into itself.",
    });
    expect(await refusal(actOnConcern(h.ctx, second.id, merge(unrelated), LIAISON))).toEqual({
      into: "PR-2026-00003 is not linked to PR-2026-00002 as a repeat, so they cannot be merged.",
    });

    await actOnConcern(h.ctx, first.id, { type: "resolve", resolutionNote: "Pain plan changed." }, LIAISON);
    expect(await refusal(actOnConcern(h.ctx, second.id, merge(first), LIAISON))).toEqual({
      into: "PR-2026-00001 is resolved; reopen it first, or merge it into PR-2026-00002 from its own card.",
    });
    await actOnConcern(h.ctx, first.id, { type: "reopen", reason: "Pain is back." }, LIAISON);

    // A third concern for the patient; the second is merged into the first, then someone tries the third into the second.
    const third = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    await actOnConcern(h.ctx, second.id, merge(await current(first)), LIAISON);
    expect(await refusal(actOnConcern(h.ctx, third.id, merge(second), LIAISON))).toEqual({
      into: "PR-2026-00002 was already merged into PR-2026-00001; merge PR-2026-00004 into PR-2026-00001 instead.",
    });
    expect(h.concerns.audit.filter((e) => e.type === "merged-into")).toHaveLength(1);
  });

  it("a stale second click is told who merged it, and nothing is merged twice", async () => {
    const { h, first, second } = await twoConcerns();
    await actOnConcern(h.ctx, second.id, merge(first), LIAISON);
    await expect(actOnConcern(h.ctx, second.id, merge(first), SLACK.head)).rejects.toThrow(
      "PR-2026-00002 was already merged into PR-2026-00001 by Pat Morgan at 16:00; act on PR-2026-00001 instead.",
    );
    await expect(actOnConcern(h.ctx, second.id, { type: "reopen", reason: "x" }, LIAISON)).rejects.toThrow(
      /was merged into PR-2026-00001/,
    );
    // Resolve on the stale card is not "already resolved by …": it was merged, and says where.
    const stale = await clickCardAction(h.ctx, second.id, "resolve", SLACK.head);
    expect(stale).toMatchObject({
      kind: "card",
      changed: false,
      notice: expect.stringContaining("was merged into PR-2026-00001 by Pat Morgan"),
    });
    expect(h.concerns.audit.filter((e) => e.type === "merged-from")).toHaveLength(1);
  });

  it("two people merging the pair in opposite directions at once: exactly one merge happens", async () => {
    const { h, first, second, current } = await twoConcerns();
    const results = await Promise.allSettled([
      actOnConcern(h.ctx, second.id, merge(first), LIAISON),
      actOnConcern(h.ctx, first.id, merge(second), SLACK.head),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const merged = [await current(first), await current(second)].filter((c) => c.mergedInto);
    expect(merged).toHaveLength(1);
    expect(h.concerns.audit.filter((e) => e.type === "merged-into")).toHaveLength(1);
  });

  it("only those who may act on both concerns may merge them", async () => {
    const { h, first, second } = await twoConcerns();
    await expect(actOnConcern(h.ctx, second.id, merge(first), SLACK.stranger)).rejects.toThrow(
      NotAllowedError,
    );
    await expect(actOnConcern(h.ctx, second.id, merge(first), SLACK.billingResponder)).rejects.toThrow(
      /may merge PR-2026-00002/,
    );
  });

  it("'Merge into…' is offered only on a concern with a linked repeat, and its form lists the linked references", async () => {
    const { h, first, second } = await twoConcerns();
    const lone = await raiseConcern(h.ctx, { ...PAIN_DRAFT, room: "414" }, SLACK.nurse);
    expect(channelCardView(h.directory, lone, h.clock.now()).actions).not.toContain("merge");
    const reply = await clickCardAction(h.ctx, second.id, "merge", LIAISON);
    if (reply.kind !== "form") throw new Error(`expected a form, got ${reply.kind}`);
    expect(reply.form.fields[0]).toMatchObject({
      kind: "choice",
      id: "into",
      options: [{ value: first.id, label: "PR-2026-00001" }],
    });
    const empty = await submitCardAction(h.ctx, second.id, "merge", {}, LIAISON);
    expect(empty).toMatchObject({
      kind: "form",
      form: { errors: { into: "Please choose the concern to merge this one into." } },
    });
    const done = await submitCardAction(h.ctx, second.id, "merge", { into: first.id }, LIAISON);
    expect(done).toMatchObject({ kind: "card", changed: true, view: { state: "merged" } });
  });
});
