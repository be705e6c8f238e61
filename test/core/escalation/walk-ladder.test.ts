import { describe, expect, it } from "vitest";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { walkLadder } from "../../../src/core/escalation/walk-ladder.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const noHead = (target: string) => target !== "department-head";
const minutes = (n: number) => n * 60_000;

describe("one walk up the ladder, for the sweep and for Escalate now", () => {
  async function critical() {
    const h = coreContext();
    const concern = await raiseConcern(h.ctx, { ...PAIN_DRAFT, severity: "critical" }, SLACK.nurse);
    return { concern, raisedAt: h.clock.now() };
  }

  it("the sweep, 6 minutes in with no department head: skips the head and stops at what is not yet due", async () => {
    const { concern, raisedAt } = await critical();
    const now = new Date(raisedAt.getTime() + minutes(6));
    const walk = walkLadder(concern, noHead, now, "due-now");
    // Head due at +5 (skipped, takes no time), manager due 5 minutes after that: +10, not yet.
    expect(walk.rungs.map((r) => [r.type, r.notify])).toEqual([["skip", "department-head"]]);
    expect(walk.escalation.lastEscalatedAt).toEqual(concern.acknowledgeBy);
    expect(walk.escalation.level).toBe(0);
  });

  it("Escalate now at 1 minute, with no head: skips the head and reaches the manager at once", async () => {
    const { concern, raisedAt } = await critical();
    const now = new Date(raisedAt.getTime() + minutes(1));
    const walk = walkLadder(concern, noHead, now, "next-escalation");
    expect(walk.rungs.map((r) => [r.type, r.notify])).toEqual([
      ["skip", "department-head"],
      ["escalate", "department-manager"],
    ]);
    expect(walk.escalation).toMatchObject({ stepsFired: 2, level: 2, lastEscalatedAt: now });
    // Not yet overdue: an early escalation is 0 minutes overdue, never negative.
    expect(walk.rungs[1]).toMatchObject({ overdueMinutes: 0 });
  });

  it("both climb the same rungs in the same order when everything is due", async () => {
    const { concern, raisedAt } = await critical();
    const late = new Date(raisedAt.getTime() + minutes(60));
    const swept = walkLadder(concern, noHead, late, "due-now");
    const manual = walkLadder(concern, noHead, late, "next-escalation");
    expect(manual.rungs).toEqual(swept.rungs.slice(0, manual.rungs.length));
  });
});
