import { afterEach, describe, expect, it } from "vitest";
import { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import { interactionBody, postToSlackEndpoint, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { SLACK_NURSE as NURSE } from "../../support/slack-people.ts";

const CONCERN = {
  unit: "4W",
  room: "412",
  category: "pain",
  severity: "high",
  description: "Call light ignored 40 minutes.",
};

const cardsPosted = (slack: FakeSlackApi) =>
  slack.callsTo("chat.postMessage").filter((c) => c.args.channel === "C04NURS4W01" && !c.args.thread_ts);

describe("Slack answering badly", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it("429 with Retry-After, then 200: the card waits as long as Slack asked, then is posted once", async () => {
    const { liaison, slack, baseUrl } = await startSlackLiaison();
    cleanup.push(
      () => slack.stop(),
      () => liaison.stop(),
    );
    slack.script("chat.postMessage", {
      status: 429,
      headers: { "retry-after": "1" },
      body: { ok: false, error: "ratelimited" },
    });

    await postToSlackEndpoint(
      baseUrl,
      interactionBody(viewSubmissionPayload(NURSE, "liaison_concern", CONCERN)),
      "application/x-www-form-urlencoded",
    );
    await waitFor(() => slack.calls.find((c) => c.method === "chat.postMessage (refused)"));
    const refusedAt = Date.now();
    await waitFor(() => cardsPosted(slack)[0], 10_000, "the card after the rate limit");
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(900);
    expect(cardsPosted(slack)).toHaveLength(1);
    const failures = (await liaison.context.outbox.stats()).parked;
    expect(failures).toBe(0);
  });

  it("Slack down, Liaison restarted, Slack back: the card is delivered after recovery, nothing lost", async () => {
    const slack = new FakeSlackApi();
    await slack.start();
    cleanup.push(() => slack.stop());
    // Down: every Web API call fails with 503 for the next 3 attempts.
    slack.script("chat.postMessage", { status: 503, body: { ok: false, error: "service_unavailable" } }, 3);

    const first = await startSlackLiaison({ slack });
    await postToSlackEndpoint(
      first.baseUrl,
      interactionBody(viewSubmissionPayload(NURSE, "liaison_concern", CONCERN)),
      "application/x-www-form-urlencoded",
    );
    await waitFor(() => slack.calls.find((c) => c.method === "chat.postMessage (refused)"));
    expect((await first.liaison.context.outbox.stats()).pending).toBeGreaterThan(0);
    await first.liaison.stop();

    // A new process on the same store picks up where the old one stopped.
    const second = await startSlackLiaison({ slack, dataDir: first.dataDir });
    cleanup.push(() => second.liaison.stop());
    await waitFor(() => cardsPosted(slack)[0], 20_000, "the card after Slack recovered");
    await waitFor(
      async () => ((await second.liaison.context.outbox.stats()).pending === 0 ? true : undefined),
      20_000,
      "an empty outbox",
    );
    expect(cardsPosted(slack)).toHaveLength(1);
    const concerns = await second.liaison.context.concerns.listOpenInvolving("person:nia.okafor", 10);
    expect(concerns).toHaveLength(1);
    const trail = await second.liaison.context.concerns.auditTrail(concerns[0]!.id);
    expect(trail.map((e) => e.type)).toEqual(
      expect.arrayContaining(["created", "routed", "delivery-failed", "delivery-retried", "card-posted"]),
    );
  }, 60_000);
});
