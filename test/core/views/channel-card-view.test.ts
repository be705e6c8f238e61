import { describe, expect, it } from "vitest";
import { asDepartmentId } from "../../../src/core/ids.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { sweepDueConcerns } from "../../../src/core/use-cases/sweep-due-concerns.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

/** A high-severity pain concern on 4 West raised at 14:00 Chicago time (acknowledge by 14:15). */
async function story() {
  const world = coreContext("2026-11-24T20:00:00Z");
  const concern = await raiseConcern(world.ctx, PAIN_DRAFT, SLACK.nurse);
  const view = async (department = concern.departmentId) =>
    channelCardView(
      world.directory,
      (await world.concerns.findById(concern.id))!,
      world.clock.now(),
      department,
    );
  return { ...world, concern, view };
}

describe("a card says first what state its concern is in, and says it truly however late it is read", () => {
  it("new: Open, with the deadline; the time it was raised is absolute, with its date", async () => {
    const { view } = await story();
    expect(await view()).toMatchObject({
      state: "open",
      stateLabel: "🆕 Open",
      statusLine: "Acknowledge by 14:15",
      raisedLine: "Raised Tue 24 Nov 14:00 by Nia Okafor",
    });
  });

  it("past its deadline: Overdue, whether or not the ladder has fired yet", async () => {
    const { clock, view } = await story();
    clock.advanceMinutes(16);
    expect(await view()).toMatchObject({ state: "overdue", statusLine: "Acknowledge by 14:15 (overdue)" });
  });

  it("escalated by hand: says who pressed Escalate now", async () => {
    const { ctx, concern, view } = await story();
    await actOnConcern(ctx, concern.id, { type: "escalate" }, SLACK.responder);
    const card = await view();
    expect(card.state).toBe("escalated");
    expect(card.escalationLine).toMatch(/^Escalated to level 1 \(.+\) at 14:00 by Sam Rivera$/);
  });

  it("escalated by the sweep: says how late, in hours and minutes, and nobody's name", async () => {
    const { ctx, clock, view } = await story();
    clock.advanceMinutes(6 * 60 + 17);
    await sweepDueConcerns(ctx);
    const line = (await view()).escalationLine!;
    expect(line).toMatch(/overdue$/);
    expect(line).toContain(", 6 h 2 min overdue");
    expect(line).not.toContain(" by ");
  });

  it("resolved: Resolved, with the resolution in the resolver's words", async () => {
    const { ctx, concern, view } = await story();
    await actOnConcern(
      ctx,
      concern.id,
      { type: "resolve", resolutionNote: "PRN given at 14:05." },
      SLACK.responder,
    );
    expect(await view()).toMatchObject({
      state: "resolved",
      stateLabel: "✅ Resolved",
      resolutionLine: "Resolution: PRN given at 14:05.",
      actions: ["reopen", "record-satisfaction", "send-survey-link", "add-note"],
    });
  });

  it("reassigned: the old card says where it went, who moved it, when and why; the new one where it came from", async () => {
    const { ctx, clock, concern, view } = await story();
    clock.advanceMinutes(10);
    await actOnConcern(
      ctx,
      concern.id,
      {
        type: "reassign",
        toDepartment: asDepartmentId("patient-relations"),
        toDepartmentName: "Patient Relations",
        reason: "Family asked for the liaison",
      },
      SLACK.responder,
    );
    expect(await view(asDepartmentId("nursing-4w"))).toMatchObject({
      state: "moved",
      statusLine: "Moved to Patient Relations by Sam Rivera at 14:10: Family asked for the liaison",
      actions: [],
    });
    expect(await view(asDepartmentId("patient-relations"))).toMatchObject({
      state: "open",
      reassignedLine: "Reassigned from Nursing 4 West by Sam Rivera at 14:10: Family asked for the liaison",
    });
  });
});
