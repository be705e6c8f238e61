import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackNotifier } from "../../../src/adapters/slack/slack-notifier.ts";
import type { Delivery } from "../../../src/core/messaging/delivery.ts";
import { asPersonId } from "../../../src/core/ids.ts";
import type { OutboxEntry } from "../../../src/core/messaging/outbound-message.ts";
import { queueDigest } from "../../../src/core/use-cases/queue-digest.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { resolveDelivery, type ResolveContext } from "../../../src/core/use-cases/resolve-delivery.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { SLACK } from "../../support/sample-directory.ts";

/** What the core hands the notifier for an outbox row: ids looked up, cards drawn. */
async function resolved(ctx: ResolveContext, entry: OutboxEntry): Promise<Delivery> {
  const resolution = await resolveDelivery(ctx, entry);
  if (resolution.kind !== "ready") throw new Error(`test setup: ${resolution.error}`);
  return resolution.delivery;
}

describe("the Slack notifier", () => {
  const slack = new FakeSlackApi();
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  it("sends a manager's digest grouped by department, with a link to each card", async () => {
    const { ctx, concerns, clock } = coreContext("2026-11-24T20:00:00Z", ["slack"]);
    const concern = await raiseConcern(ctx, { ...PAIN_DRAFT, severity: "critical" }, SLACK.nurse);
    await concerns.saveCard(concern.id, {
      platform: "slack",
      departmentId: concern.departmentId,
      channelId: "C04NURS4W01",
      messageId: "1764010000.000100",
      state: "active",
    });
    clock.advanceMinutes(30);
    expect(await queueDigest(ctx, asPersonId("maria.lopez"), clock.now())).toBe("queued");
    const entry = (await concerns.claim(clock.now(), 50, 60_000)).find((e) => e.message.kind === "digest")!;

    const client = new WebClient("xoxb-test", { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
    const notifier = new SlackNotifier(client);
    expect(await notifier.deliver(await resolved(ctx, entry))).toEqual({ kind: "sent" });

    const call = slack.callsTo("chat.postMessage").at(-1)!;
    expect(call.args).toMatchObject({
      channel: "U04MLOPEZ04",
      text: "Liaison digest: 1 overdue or at-risk concern(s).",
    });
    const blocks = JSON.stringify(call.args.blocks);
    expect(blocks).toContain("Nursing 4 West");
    expect(blocks).toContain(
      JSON.stringify({
        type: "link",
        url: "https://slack.com/archives/C04NURS4W01/p1764010000000100",
        text: concern.reference,
      }),
    );
    expect(blocks).toContain("25 min overdue");
  });

  it("parks a message Slack will never accept (the bot is not in the channel)", async () => {
    const { ctx, concerns, clock } = coreContext("2026-11-24T20:00:00Z", ["slack"]);
    await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const post = (await concerns.claim(clock.now(), 50, 60_000)).find((e) => e.message.kind === "post-card")!;
    slack.script("chat.postMessage", { status: 200, body: { ok: false, error: "not_in_channel" } });
    const client = new WebClient("xoxb-test", {
      slackApiUrl: slack.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    const notifier = new SlackNotifier(client);
    expect(await notifier.deliver(await resolved(ctx, post))).toEqual({
      kind: "failed",
      error: "not_in_channel",
    });
  });
});
