import { afterEach, describe, expect, it, vi } from "vitest";
import { SlackHomeRefresher } from "../../../src/adapters/slack/slack-home.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

describe("refreshing App Home tabs when concerns change, without flooding Slack", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a busy minute on 4 West publishes each person's home at most once per interval, with the last state", async () => {
    const { ctx, directory } = coreContext();
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    // The refresher keeps its interval by the system's timers; these fakes let the test run a minute at once.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const published: string[] = [];
    const homes = new SlackHomeRefresher(async (userId) => void published.push(userId), 10_000);
    const samPublishes = () => published.filter((u) => u === SLACK.responder.userId).length;

    for (let i = 0; i < 20; i++) homes.concernsChanged(directory, [concern]); // twenty changes at once
    await vi.advanceTimersByTimeAsync(0);
    expect(samPublishes()).toBe(1);

    for (let i = 0; i < 20; i++) {
      await vi.advanceTimersByTimeAsync(200);
      homes.concernsChanged(directory, [concern]); // one every 200 ms for 4 s
    }
    expect(samPublishes()).toBe(1); // still inside the 10 s since the last
    await vi.advanceTimersByTimeAsync(6_000);
    expect(samPublishes()).toBe(2); // the changes meanwhile, in one publish
    await vi.advanceTimersByTimeAsync(60_000);
    expect(samPublishes()).toBe(2); // nothing changed since
    expect(new Set(published)).toContain(SLACK.nurse.userId);
    expect(new Set(published)).not.toContain(SLACK.billingResponder.userId);
    homes.stop();
  });

  it("opening the tab publishes at once, whatever the interval", async () => {
    const published: string[] = [];
    const homes = new SlackHomeRefresher(async (userId) => void published.push(userId), 10_000);
    await homes.opened("U04SAMRVR02");
    await homes.opened("U04SAMRVR02");
    expect(published).toEqual(["U04SAMRVR02", "U04SAMRVR02"]);
    homes.stop();
  });
});
