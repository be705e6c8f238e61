import { describe, expect, it } from "vitest";
import type { Delivery } from "../../../src/core/messaging/delivery.ts";
import type { DigestContent } from "../../../src/core/digest/digest.ts";
import { asConcernId, asDepartmentId, asPersonId } from "../../../src/core/ids.ts";
import type { ChatMessage, OutboxEntry } from "../../../src/core/messaging/outbound-message.ts";
import type { ChatNotifier, DeliveryOutcome } from "../../../src/core/ports/chat-notifier.port.ts";
import type { Platform } from "../../../src/core/platform.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import {
  DEFAULT_DELIVERY_POLICY,
  deliverEntry,
  deliverOutbox,
} from "../../../src/core/use-cases/deliver-outbox.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { resolveDelivery } from "../../../src/core/use-cases/resolve-delivery.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

// Tuesday 24 November 2026, 14:00 in Chicago.
const START = "2026-11-24T20:00:00Z";
const POLICY = { ...DEFAULT_DELIVERY_POLICY, random: () => 0.5 };
const PATIENT_RELATIONS = asDepartmentId("patient-relations");

/** Slack, as far as the core can tell: every card posted at a new ts, updates refused while `refuseUpdates`. */
class ScriptedSlack implements ChatNotifier {
  readonly platform = "slack" as const;
  readonly received: Delivery[] = [];
  refuseUpdates = false;

  async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
    this.received.push(delivery);
    if (delivery.kind === "update-cards" && this.refuseUpdates) return { kind: "retry", error: "HTTP 503" };
    if (delivery.kind !== "post-card") return { kind: "sent" };
    return {
      kind: "sent",
      posted: { channelId: delivery.channelId, messageId: `ts-${this.received.length}` },
    };
  }
}

/** An outbox row as the delivery loop would claim it. */
function entry(message: ChatMessage, platform: Platform = "slack"): OutboxEntry {
  const concernId = "concernId" in message ? message.concernId : undefined;
  return {
    id: "row-1",
    idempotencyKey: `test:${message.kind}`,
    platform,
    ...(concernId ? { concernId } : {}),
    message,
    attempts: 1,
    createdAt: new Date(START),
  };
}

async function raised(h: ReturnType<typeof coreContext>) {
  return raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
}

describe("resolving a delivery", () => {
  it("an update after a reassignment draws both cards, and the old one is marked moved only once sent", async () => {
    const h = coreContext(START, ["slack"]);
    const slack = new ScriptedSlack();
    const notifiers = new Map([["slack" as const, slack]]);
    const concern = await raised(h);
    await deliverOutbox(h.ctx, notifiers, POLICY); // Nursing 4 West's card
    h.clock.advanceMinutes(30);
    await actOnConcern(
      h.ctx,
      concern.id,
      { type: "reassign", toDepartment: PATIENT_RELATIONS, toDepartmentName: "Patient Relations" },
      SLACK.responder,
    );
    slack.refuseUpdates = true;
    await deliverOutbox(h.ctx, notifiers, POLICY); // Patient Relations' card (the update waits for it)
    h.clock.advanceMinutes(1);
    await deliverOutbox(h.ctx, notifiers, POLICY); // the update, refused

    const update = slack.received.find((d) => d.kind === "update-cards")!;
    expect(
      update.kind === "update-cards" && update.cards.map((c) => [c.card.departmentId, c.view.statusLine]),
    ).toEqual([
      ["nursing-4w", "Moved to Patient Relations by Sam Rivera at 14:30"],
      ["patient-relations", "Acknowledge by 14:45"],
    ]);
    expect(update.kind === "update-cards" && update.cards[1]!.view.raisedLine).toBe(
      "Raised Tue 24 Nov 14:00 by Nia Okafor", // absolute: it stays true however late the card is seen
    );
    const stateOf = async () =>
      (await h.concerns.findById(concern.id))!.cards.map((c) => `${c.departmentId}:${c.state}`).sort();
    expect(await stateOf()).toEqual(["nursing-4w:active", "patient-relations:active"]);

    slack.refuseUpdates = false;
    h.clock.advanceMinutes(5);
    await deliverOutbox(h.ctx, notifiers, POLICY);
    expect(await stateOf()).toEqual(["nursing-4w:moved", "patient-relations:active"]);
  });

  it("a direct message to a person with no Slack id is failed in the core and never reaches Slack", async () => {
    const h = coreContext(START, ["slack", "teams"]);
    const concern = await raised(h);
    const message: ChatMessage = {
      kind: "direct",
      personId: asPersonId("lee.chen"), // on Teams only
      purpose: "escalation",
      concernId: concern.id,
      text: "Please look at this.",
      withCard: true,
    };
    expect(await resolveDelivery(h.ctx, entry(message))).toEqual({
      kind: "failed",
      error: "lee.chen has no Slack user id",
    });

    await h.concerns.enqueue([{ idempotencyKey: "dm:lee", platform: "slack", message }], h.clock.now());
    const claimed = (await h.concerns.claim(h.clock.now(), 50, 60_000)).find(
      (e) => e.idempotencyKey === "dm:lee",
    )!;
    const slack = new ScriptedSlack();
    expect(await deliverEntry(h.ctx, new Map([["slack", slack]]), POLICY, claimed)).toEqual({
      outcome: "parked",
    });
    expect(slack.received).toEqual([]);

    const onTeams = await resolveDelivery(h.ctx, entry(message, "teams"));
    expect(onTeams).toMatchObject({
      kind: "ready",
      delivery: {
        kind: "direct",
        userId: "3b9d7a51-2c4e-4f8a-9b61-7d2e0c5a8f13",
        text: "Please look at this.",
      },
    });
    // The concern's card is attached, drawn for the department that owns it; no link until it is posted.
    expect(
      onTeams.kind === "ready" && onTeams.delivery.kind === "direct" && onTeams.delivery.view?.department,
    ).toBe("Nursing 4 West");
    expect(
      onTeams.kind === "ready" && onTeams.delivery.kind === "direct" && onTeams.delivery.link,
    ).toBeUndefined();
  });

  it("says what is missing in the same words as before: a channel, a card, a concern, a person's id", async () => {
    const h = coreContext(START, ["slack", "teams"]);
    const concern = await raised(h);
    const food = asDepartmentId("food-environmental"); // a Teams channel only
    expect(
      await resolveDelivery(h.ctx, entry({ kind: "post-card", concernId: concern.id, departmentId: food })),
    ).toEqual({ kind: "failed", error: "department food-environmental has no Slack channel" });
    expect(
      await resolveDelivery(
        h.ctx,
        entry({ kind: "thread-reply", concernId: concern.id, text: "x", broadcast: false }),
      ),
    ).toEqual({ kind: "retry", error: "the card has not been posted yet" });
    const gone = asConcernId("00000000-0000-4000-8000-000000000000");
    expect(await resolveDelivery(h.ctx, entry({ kind: "update-cards", concernId: gone }))).toEqual({
      kind: "retry",
      error: `concern ${gone} not found`,
    });
    const digest: DigestContent = {
      recipientName: "Sam Rivera",
      generatedAt: START,
      timeZone: "America/Chicago",
      departments: [],
      parkedDeliveries: 0,
    };
    const toSam = { kind: "digest", personId: asPersonId("sam.rivera"), slot: "s", digest } as const;
    expect(await resolveDelivery(h.ctx, entry(toSam, "teams"))).toEqual({
      kind: "failed",
      error: "sam.rivera has no Teams object id",
    });
  });

  it("a reporter known only by chat id gets a direct message linking to the concern's live card", async () => {
    const h = coreContext(START, ["slack"]);
    const concern = await raised(h);
    const card = {
      platform: "slack",
      departmentId: concern.departmentId,
      channelId: "C04NURS4W01",
      messageId: "1764010000.000100",
      state: "active",
    } as const;
    await h.concerns.saveCard(concern.id, card);
    const message = {
      kind: "direct-to-user",
      platformUserId: "U0GUEST",
      concernId: concern.id,
      text: "Seen.",
    } as const;
    expect(await resolveDelivery(h.ctx, entry(message))).toMatchObject({
      kind: "ready",
      delivery: {
        key: "test:direct-to-user",
        concernId: concern.id,
        kind: "direct",
        userId: "U0GUEST",
        link: card,
      },
    });
  });
});
