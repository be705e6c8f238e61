import { describe, expect, it } from "vitest";
import type { Delivery } from "../../../src/core/messaging/delivery.ts";
import type { ChatNotifier, DeliveryOutcome } from "../../../src/core/ports/chat-notifier.port.ts";
import { DEFAULT_DELIVERY_POLICY } from "../../../src/core/use-cases/deliver-outbox.ts";
import { OutboxPump } from "../../../src/core/use-cases/outbox-pump.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

/** A notifier whose chosen deliveries hang until released; the rest go through at once. */
class GatedNotifier implements ChatNotifier {
  readonly delivered: string[] = [];
  private readonly gates: (() => void)[] = [];

  constructor(
    readonly platform: "slack" | "teams",
    private readonly holds: (delivery: Delivery) => boolean,
  ) {}

  async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
    if (this.holds(delivery)) await new Promise<void>((resolve) => this.gates.push(resolve));
    this.delivered.push(`${delivery.kind}:${delivery.concernId?.slice(0, 8)}`);
    return delivery.kind === "post-card"
      ? { kind: "sent", posted: { channelId: "C1", messageId: `m-${delivery.key}` } }
      : { kind: "sent" };
  }

  release(): void {
    for (const open of this.gates.splice(0)) open();
  }
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe("the outbox pump", () => {
  it("a card that hangs holds up only its own lane: the next concern's card goes at once, and the stuck card's update waits for it", async () => {
    const h = coreContext();
    const hold: { concernId?: string } = {};
    const slack = new GatedNotifier("slack", (d) => d.concernId === hold.concernId && d.kind === "post-card");
    const teams = new GatedNotifier("teams", () => false);
    const pump = new OutboxPump(
      h.ctx,
      new Map<"slack" | "teams", ChatNotifier>([
        ["slack", slack],
        ["teams", teams],
      ]),
      DEFAULT_DELIVERY_POLICY,
    );

    const stuck = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    hold.concernId = stuck.id;
    await pump.wake();
    await actOnConcern(h.ctx, stuck.id, { type: "acknowledge" }, SLACK.responder);
    const next = await raiseConcern(h.ctx, { ...PAIN_DRAFT, room: "414" }, SLACK.nurse);
    await pump.wake();
    await settle();

    const of = (id: string) => id.slice(0, 8);
    expect(slack.delivered).toContain(`post-card:${of(next.id)}`);
    expect(slack.delivered.filter((d) => d.endsWith(of(stuck.id)))).toEqual([]);
    expect(teams.delivered).toContain(`post-card:${of(stuck.id)}`); // Teams never waited for Slack

    // While it waits, the stuck lane's rows are held by this instance: their leases are renewed.
    const held = pump.heldIds();
    expect(held.length).toBeGreaterThanOrEqual(2);
    slack.release();
    await settle();
    const stuckLane = slack.delivered.filter((d) => d.endsWith(of(stuck.id))).map((d) => d.split(":")[0]);
    expect(stuckLane[0]).toBe("post-card");
    expect(stuckLane).toContain("update-cards");
    await pump.stop();
    expect(pump.heldIds()).toEqual([]);
    expect(h.concerns.outboxRows.filter((r) => r.status !== "sent")).toEqual([]);
  });
});
