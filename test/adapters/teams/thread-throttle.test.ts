import { describe, expect, it } from "vitest";
import { classifyTeamsError } from "../../../src/adapters/teams/teams-notifier.ts";
import { ThreadThrottle } from "../../../src/adapters/teams/thread-throttle.ts";

describe("Teams' per-thread limits", () => {
  it("lets 7 messages a second into one thread, then says how long to wait", () => {
    let now = 0;
    const throttle = new ThreadThrottle(() => now);
    for (let i = 0; i < 7; i++) expect(throttle.acquire("19:a;messageid=1")).toBe(0);
    expect(throttle.acquire("19:a;messageid=1")).toBe(1000);
    expect(throttle.acquire("19:b;messageid=2")).toBe(0); // another thread is not affected
    now = 1000;
    expect(throttle.acquire("19:a;messageid=1")).toBe(0);
  });

  it("and no more than 60 in 30 seconds", () => {
    let now = 0;
    const throttle = new ThreadThrottle(() => now);
    let sent = 0;
    for (; now < 30_000; now += 200) if (throttle.acquire("t") === 0) sent++;
    expect(sent).toBe(60);
    now = 29_900;
    expect(throttle.acquire("t")).toBeGreaterThan(0);
  });
});

describe("Bot Connector errors", () => {
  const withStatus = (statusCode: number, retryAfter?: string) =>
    Object.assign(new Error(`status ${statusCode}`), {
      statusCode,
      response: { headers: { get: (n: string) => (n === "retry-after" ? retryAfter : undefined) } },
    });

  it.each([429, 412, 502, 504])("%i is retried", (status) => {
    expect(classifyTeamsError(withStatus(status))).toMatchObject({ kind: "retry", error: `HTTP ${status}` });
  });

  it("429 with Retry-After waits as long as Teams asked", () => {
    expect(classifyTeamsError(withStatus(429, "7"))).toEqual({
      kind: "retry",
      error: "HTTP 429",
      retryAfterMs: 7000,
    });
  });

  it.each([403, 404])("%i (bot removed, conversation gone) is parked for a person to fix", (status) => {
    expect(classifyTeamsError(withStatus(status)).kind).toBe("failed");
  });

  it("a network error is retried", () => {
    expect(classifyTeamsError(new Error("connect ECONNREFUSED")).kind).toBe("retry");
  });
});
