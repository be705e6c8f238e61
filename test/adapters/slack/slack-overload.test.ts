import { afterEach, describe, expect, it } from "vitest";
import { BoundedQueue } from "../../../src/core/use-cases/bounded-queue.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import { interactionBody, postToSlackEndpoint, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { SLACK_NURSE as NURSE } from "../../support/slack-people.ts";

const submit = (baseUrl: string, room: string) =>
  postToSlackEndpoint(
    baseUrl,
    interactionBody(
      viewSubmissionPayload(NURSE, "liaison_concern", {
        unit: "4W",
        room,
        category: "pain",
        severity: "high",
        description: `Pain not controlled in ${room}.`,
      }),
    ),
    "application/x-www-form-urlencoded",
  ).then(async (res) => ({ status: res.status, body: await res.text() }));

describe("Slack forms while Liaison is overloaded (defect 14)", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it("with the raise queue full, a nurse's form stays open saying Liaison is busy; every form that closed is saved", async () => {
    const { liaison, slack, baseUrl } = await startSlackLiaison();
    cleanup.push(
      () => slack.stop(),
      () => liaison.stop(),
    );
    const ctx = liaison.context;
    // One raise at a time, two waiting, and a database that holds every write until we let it go.
    ctx.raises = new BoundedQueue(1, 2);
    const held: (() => void)[] = [];
    const insert = ctx.concerns.insert.bind(ctx.concerns);
    ctx.concerns.insert = async (change) => {
      await new Promise<void>((resolve) => held.push(resolve));
      await insert(change);
    };

    const first = await Promise.all(["401", "402", "403"].map((room) => submit(baseUrl, room)));
    expect(first).toEqual(Array(3).fill({ status: 200, body: "" })); // acknowledged: the forms close
    const turnedAway = await submit(baseUrl, "404");
    expect(turnedAway.status).toBe(200);
    expect(JSON.parse(turnedAway.body)).toEqual({
      response_action: "errors",
      errors: { description: expect.stringMatching(/^Liaison is busy, try again/) },
    });

    const rooms = async () =>
      (await ctx.concerns.listOpenInvolving("person:nia.okafor", 10)).map((c) => c.room).sort();
    await waitFor(
      async () => {
        held.splice(0).forEach((go) => go());
        return (await rooms()).length === 3 ? true : undefined;
      },
      10_000,
      "the three acknowledged concerns to be stored",
    );
    expect(await rooms()).toEqual(["401", "402", "403"]);
    expect(
      slack.callsTo("chat.postMessage").filter((c) => String(c.args.text).includes("NOT saved")),
    ).toEqual([]);

    // Once the queue has drained, the same nurse's second press of "Raise" goes through.
    expect(await submit(baseUrl, "404")).toEqual({ status: 200, body: "" });
    await waitFor(
      async () => {
        held.splice(0).forEach((go) => go());
        return (await rooms()).includes("404") ? true : undefined;
      },
      10_000,
      "the retried concern",
    );
  });
});
