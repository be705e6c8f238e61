import { describe, expect, it } from "vitest";
import { DueTimer, type SetTimer } from "../../src/infra/scheduler/due-timer.ts";
import { FakeClock } from "../support/fake-clock.ts";

/** Timers driven by the fake clock: `advance` moves time and fires whatever fell due. */
function fakeTimers(clock: FakeClock) {
  let pending: { at: number; fire: () => void }[] = [];
  const setTimer: SetTimer = (fire, ms) => {
    const timer = { at: clock.now().getTime() + ms, fire };
    pending.push(timer);
    return () => (pending = pending.filter((t) => t !== timer));
  };
  const advance = (ms: number) => {
    const until = clock.now().getTime() + ms;
    for (;;) {
      const next = pending.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      pending = pending.filter((t) => t !== next);
      clock.set(new Date(next.at));
      next.fire();
    }
    clock.set(new Date(until));
  };
  return { setTimer, advance, armed: () => pending.length };
}

const START = "2026-11-24T20:00:00.000Z";
const at = (seconds: number) => new Date(new Date(START).getTime() + seconds * 1000);

function escalationTimer(stored: Date | undefined) {
  const clock = new FakeClock(START);
  const timers = fakeTimers(clock);
  const sweeps: string[] = [];
  const store = { earliest: stored };
  const timer = new DueTimer(
    clock,
    async () => store.earliest,
    () => sweeps.push(clock.now().toISOString()),
    timers.setTimer,
  );
  return { clock, timers, sweeps, store, timer };
}

describe("the due timer (escalations)", () => {
  it("wakes the sweep at the soonest deadline in the store, not before", async () => {
    const t = escalationTimer(at(300));
    await t.timer.rearm();
    t.timers.advance(299_999);
    expect(t.sweeps).toEqual([]);
    t.timers.advance(1);
    expect(t.sweeps).toEqual([at(300).toISOString()]);
  });

  it("comes forward when a concern due sooner is raised, and ignores one due later", async () => {
    const t = escalationTimer(at(900));
    await t.timer.rearm();
    t.timer.consider(at(300)); // a critical concern: 5 minutes
    t.timer.consider(at(3600)); // a moderate one: an hour
    expect(t.timers.armed()).toBe(1);
    t.timers.advance(300_000);
    expect(t.sweeps).toEqual([at(300).toISOString()]);
  });

  it("after a sweep it is set from the store again: the next concern's deadline", async () => {
    const t = escalationTimer(at(60));
    await t.timer.rearm();
    t.timers.advance(60_000);
    t.store.earliest = at(360);
    await t.timer.rearm();
    t.timers.advance(300_000);
    expect(t.sweeps).toEqual([at(60).toISOString(), at(360).toISOString()]);
  });

  it("a timer that fires early waits out the rest; a deadline days away is re-checked hourly", async () => {
    const t = escalationTimer(at(3 * 86_400));
    await t.timer.rearm();
    t.timers.advance(3_600_000);
    expect(t.sweeps).toEqual([]);
    expect(t.timers.armed()).toBe(1);
    t.timers.advance(3 * 86_400_000 - 3_600_000);
    expect(t.sweeps).toEqual([at(3 * 86_400).toISOString()]);
  });

  it("a deadline already past sweeps at once; nothing due arms nothing; a stopped timer stays quiet", async () => {
    const past = escalationTimer(at(-10));
    await past.timer.rearm();
    past.timers.advance(0);
    expect(past.sweeps).toHaveLength(1);

    const none = escalationTimer(undefined);
    await none.timer.rearm();
    expect(none.timers.armed()).toBe(0);
    none.timer.stop();
    none.timer.consider(at(5));
    expect(none.timers.armed()).toBe(0);
  });
});
