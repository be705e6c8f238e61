import { describe, expect, it } from "vitest";
import { BoundedQueue } from "../../../src/core/use-cases/bounded-queue.ts";
import { LiaisonBusyError } from "../../../src/core/errors.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

/** A store whose writes wait until the test lets them through, as a database under load does. */
function slowStore() {
  const core = coreContext();
  const held: (() => void)[] = [];
  const insert = core.concerns.insert.bind(core.concerns);
  core.concerns.insert = async (change) => {
    await new Promise<void>((resolve) => held.push(resolve));
    await insert(change);
  };
  /** Lets every held write through, as they come, until `work` has settled. */
  const releaseUntil = async <T>(work: Promise<T>): Promise<T> => {
    let settled = false;
    void work.finally(() => (settled = true)).catch(() => undefined);
    while (!settled) {
      held.splice(0).forEach((go) => go());
      await new Promise((r) => setTimeout(r, 1));
    }
    return work;
  };
  return { ...core, releaseUntil };
}

describe("raising concerns while the store is slow", () => {
  it("beyond the queue's bound a nurse is told Liaison is busy before anything is acknowledged, and every acknowledged concern is saved", async () => {
    const { ctx, concerns, releaseUntil } = slowStore();
    ctx.raises = new BoundedQueue(2, 3);
    const acknowledged: number[] = [];
    const outcomes = Array.from({ length: 8 }, (_, i) =>
      raiseConcern(ctx, { ...PAIN_DRAFT, room: String(400 + i) }, SLACK.nurse, async () => {
        acknowledged.push(i);
      }).then(
        (c) => ({ saved: c.room }),
        (e: Error) => ({ refused: e }),
      ),
    );
    await new Promise((r) => setTimeout(r, 5));
    // Two are being stored, three wait their turn: all five were acknowledged; three were refused.
    expect(acknowledged).toEqual([0, 1, 2, 3, 4]);
    const results = await releaseUntil(Promise.all(outcomes));
    expect(results.slice(0, 5)).toEqual(["400", "401", "402", "403", "404"].map((room) => ({ saved: room })));
    for (const r of results.slice(5)) {
      expect(r).toEqual({ refused: expect.any(LiaisonBusyError) });
      expect((r as { refused: Error }).refused.message).toMatch(/^Liaison is busy, try again/);
    }
    expect([...concerns.concerns.values()].map((c) => c.room).sort()).toEqual([
      "400",
      "401",
      "402",
      "403",
      "404",
    ]);
  });

  it("once the queue drains, the nurse who was turned away can raise her concern", async () => {
    const { ctx, releaseUntil } = slowStore();
    ctx.raises = new BoundedQueue(1, 0);
    const first = raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    await expect(raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse)).rejects.toThrow(LiaisonBusyError);
    await releaseUntil(first);
    const again = await releaseUntil(raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse));
    expect(again.reference).toBe("PR-2026-00002");
  });

  it("an acknowledgement that fails gives up the raise's place, and nothing is stored", async () => {
    const { ctx, concerns, releaseUntil } = slowStore();
    ctx.raises = new BoundedQueue(1, 0);
    const failedAck = raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse, async () => {
      throw new Error("the platform hung up");
    });
    await expect(failedAck).rejects.toThrow("the platform hung up");
    expect(concerns.concerns.size).toBe(0);
    const next = await releaseUntil(raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse));
    expect([...concerns.concerns.keys()]).toEqual([next.id]);
  });
});
