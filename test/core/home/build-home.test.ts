import { describe, expect, it } from "vitest";
import { HOME_SHOWN } from "../../../src/core/home/home-view.ts";
import { homeViewersOf } from "../../../src/core/home/home-viewers.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { buildHome } from "../../../src/core/use-cases/build-home.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;

/** Tuesday 24 November 2026, from 14:00 in Chicago: two concerns on 4 West and one for billing. */
async function afternoon() {
  const h = coreContext("2026-11-24T20:00:00Z");
  const pain = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse); // high: acknowledge by 14:15
  h.clock.set(new Date("2026-11-24T20:05:00Z"));
  const callLight = await raiseConcern(
    h.ctx,
    { ...PAIN_DRAFT, category: "call-light", severity: "moderate", description: "Call light 25 minutes." },
    SLACK.nurse,
  ); // the call-light policy: acknowledge by 14:20
  const billing = await raiseConcern(
    h.ctx,
    { ...PAIN_DRAFT, category: "billing", severity: "low", description: "A bill for a refused test." },
    SLACK.nurse,
  );
  h.clock.set(new Date("2026-11-24T20:17:00Z")); // 14:17
  return { ...h, pain, callLight, billing };
}

const sectionOf = (home: Awaited<ReturnType<typeof buildHome>>, id: string) =>
  home.sections.find((s) => s.id === id)!;
const references = (home: Awaited<ReturnType<typeof buildHome>>, id: string) =>
  sectionOf(home, id).items.map((i) => i.view.reference);

describe("each person's home", () => {
  it("a 4 West responder sees what is overdue there, then the rest of the queue with the time left", async () => {
    const { ctx, pain, callLight } = await afternoon();
    const home = await buildHome(ctx, SLACK.responder);
    expect(home.heading).toBe("Liaison · Sam Rivera");
    expect(home.scopeLine).toBe("The queue of Nursing 4 West.");
    expect(home.updatedLine).toBe("Updated 14:17");
    const overdue = sectionOf(home, "overdue");
    expect(overdue.items.map((i) => [i.view.reference, i.deadlineLine, i.overdue])).toEqual([
      [pain.reference, "Acknowledgement overdue by 2 min", true],
    ]);
    expect(overdue.items[0]!.view.actions).toContain("acknowledge");
    const queue = sectionOf(home, "queue");
    expect(queue.items.map((i) => [i.view.reference, i.deadlineLine])).toEqual([
      [callLight.reference, "Acknowledge within 3 min"],
    ]);
    expect(sectionOf(home, "mine")).toMatchObject({ items: [], empty: "You have no open concern." });
  });

  it("once he acknowledges it, it leaves what is overdue and is his own, on the resolve clock", async () => {
    const { ctx, pain } = await afternoon();
    await actOnConcern(ctx, pain.id, { type: "acknowledge" }, SLACK.responder);
    const home = await buildHome(ctx, SLACK.responder);
    expect(references(home, "overdue")).toEqual([]);
    const mine = sectionOf(home, "mine").items;
    expect(mine.map((i) => i.view.reference)).toEqual([pain.reference]);
    expect(mine[0]!.deadlineLine).toMatch(/^Resolve within /);
  });

  it("a liaison sees every department's queue, oldest first", async () => {
    const { ctx, pain, callLight, billing } = await afternoon();
    const home = await buildHome(ctx, PAT);
    expect(home.scopeLine).toBe("Every department's queue.");
    expect([...references(home, "overdue"), ...references(home, "queue")].sort()).toEqual(
      [pain.reference, callLight.reference, billing.reference].sort(),
    );
    expect(references(home, "queue").indexOf(callLight.reference)).toBeLessThan(
      references(home, "queue").indexOf(billing.reference),
    );
  });

  it("a manager sees the queues of the departments she manages, and no other", async () => {
    const { ctx, pain, billing } = await afternoon();
    const home = await buildHome(ctx, SLACK.manager);
    expect(home.scopeLine).toBe(
      "The queue of Nursing 4 West, Patient Financial Services, Patient Relations.",
    );
    const shown = [...references(home, "overdue"), ...references(home, "queue")];
    expect(shown).toEqual(expect.arrayContaining([pain.reference, billing.reference]));
  });

  it("the nurse who raised them sees her concerns and their state, and no department's queue", async () => {
    const { ctx, pain, callLight, billing } = await afternoon();
    const home = await buildHome(ctx, SLACK.nurse);
    expect(home.scopeLine).toBe("The directory names you in no department, so no queue is shown here.");
    expect(references(home, "mine")).toEqual([pain.reference, callLight.reference, billing.reference]);
    expect(sectionOf(home, "mine").items[0]!.view.statusLine).toBe("Acknowledge by 14:15 (overdue)");
  });

  it("someone the directory does not know sees only what they raised, and why", async () => {
    const { ctx } = await afternoon();
    const home = await buildHome(ctx, SLACK.stranger);
    expect(home.heading).toBe("Liaison");
    expect(home.scopeLine).toBe(
      "Liaison's directory does not name you, so no department's queue is shown here.",
    );
    expect(home.sections.every((s) => s.items.length === 0)).toBe(true);
  });

  it("shows a glance, and counts the rest", async () => {
    const { ctx, clock } = await afternoon();
    for (let i = 0; i < HOME_SHOWN.queue + 3; i++) {
      await raiseConcern(ctx, { ...PAIN_DRAFT, severity: "moderate", room: `4${i}0` }, SLACK.nurse);
    }
    clock.set(new Date("2026-11-24T20:21:00Z"));
    const queue = sectionOf(await buildHome(ctx, SLACK.responder), "queue");
    expect(queue.items).toHaveLength(HOME_SHOWN.queue);
    // At 14:21 the call light is overdue too: the queue is the 11 new ones, 8 shown.
    expect(queue.more).toBe(3);
  });

  it("a change to a concern refreshes the homes that show it, and no one else's", async () => {
    const { directory, pain, billing } = await afternoon();
    const slackUsers = (c: typeof pain) =>
      homeViewersOf(directory, c)
        .filter((v) => v.platform === "slack")
        .map((v) => v.userId);
    expect(slackUsers(pain)).toEqual(
      expect.arrayContaining([SLACK.responder.userId, SLACK.head.userId, PAT.userId, SLACK.nurse.userId]),
    );
    expect(slackUsers(pain)).not.toContain(SLACK.billingResponder.userId);
    expect(slackUsers(billing)).toContain(SLACK.billingResponder.userId);
    expect(slackUsers(billing)).not.toContain(SLACK.responder.userId);
  });
});
