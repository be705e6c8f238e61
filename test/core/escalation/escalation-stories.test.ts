import { describe, expect, it } from "vitest";
import { asPersonId } from "../../../src/core/ids.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import {
  deliverOutbox,
  DEFAULT_DELIVERY_POLICY,
  type DeliveryPolicy,
} from "../../../src/core/use-cases/deliver-outbox.ts";
import { queueDigest } from "../../../src/core/use-cases/queue-digest.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { sweepDueConcerns } from "../../../src/core/use-cases/sweep-due-concerns.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

// Tuesday 24 November 2026, 14:00 in Chicago.
const TUESDAY_2PM = "2026-11-24T20:00:00Z";
const POLICY: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, random: () => 0.5 };

function hospital(start = TUESDAY_2PM) {
  const h = coreContext(start);
  const deliver = () => deliverOutbox(h.ctx, h.notifiers, POLICY);
  /** One scheduler tick: the sweep, then the outbox drained. */
  const tick = async () => {
    await sweepDueConcerns(h.ctx);
    await deliver();
  };
  const escalations = () =>
    h.concerns.audit
      .filter((e) => e.type === "escalated")
      .map((e) => String((e.detail as { recipientName?: string }).recipientName));
  return { ...h, deliver, tick, escalations };
}

describe("escalation stories", () => {
  it("an unacknowledged critical concern escalates after 5 minutes, again 5 minutes later, and stops when acknowledged", async () => {
    const h = hospital();
    const concern = await raiseConcern(h.ctx, { ...PAIN_DRAFT, severity: "critical" }, SLACK.nurse);
    await h.tick();
    expect(h.slack.kinds()).toEqual(["post-card", "direct"]); // the card, and the nurse's confirmation
    expect(h.teams.kinds()).toEqual(["post-card"]);

    h.clock.advanceMinutes(4);
    await h.tick();
    expect(h.escalations()).toEqual([]);

    h.clock.advanceMinutes(1); // 5 minutes: the acknowledgement deadline
    await h.tick();
    expect(h.escalations()).toEqual(["Jo Kim"]);
    const dm = h.slack.directTo("jo.kim")[0]!.message;
    expect(dm).toMatchObject({ purpose: "escalation", withCard: true });
    expect(JSON.stringify(dm)).toContain("has not been acknowledged");

    h.clock.advanceMinutes(5);
    await h.tick();
    expect(h.escalations()).toEqual(["Jo Kim", "Maria Lopez"]);
    expect((await h.concerns.findById(concern.id))!.escalation.level).toBe(2);

    await actOnConcern(h.ctx, concern.id, { type: "acknowledge" }, SLACK.responder);
    h.clock.advanceMinutes(60);
    await h.tick();
    expect(h.escalations()).toEqual(["Jo Kim", "Maria Lopez"]);
    expect(h.slack.delivered.filter((e) => e.message.kind === "update-cards").length).toBeGreaterThanOrEqual(
      3,
    );
  });

  it("the card's thread says who was escalated to, when, and how overdue", async () => {
    const h = hospital();
    await raiseConcern(h.ctx, { ...PAIN_DRAFT, severity: "critical" }, SLACK.nurse);
    await h.tick();
    h.clock.advanceMinutes(10);
    await h.tick();
    const replies = h.slack.delivered.filter((e) => e.message.kind === "thread-reply").map((e) => e.message);
    expect(replies).toContainEqual(
      expect.objectContaining({ text: "Escalated to Jo Kim (department head) at 14:10, 5 min overdue." }),
    );
  });

  it("Escalate now messages the next level, unless the one who pressed it is that level", async () => {
    const h = hospital();
    const concern = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    await h.deliver();
    // Jo Kim is 4 West's department head, the first level of its ladder.
    await actOnConcern(h.ctx, concern.id, { type: "escalate" }, SLACK.head);
    await h.deliver();
    const dms = h.slack.delivered.filter((e) => e.message.kind === "direct").map((e) => e.message);
    expect(dms.filter((m) => "text" in m && m.text.includes("escalated it to you"))).toEqual([]);
    const again = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    await actOnConcern(h.ctx, again.id, { type: "escalate" }, SLACK.responder);
    await h.deliver();
    const toJo = h.slack.delivered
      .filter((e) => e.message.kind === "direct")
      .map((e) => e.message as { personId: string; text: string });
    expect(toJo).toContainEqual(
      expect.objectContaining({
        personId: "jo.kim",
        text: expect.stringContaining("Sam Rivera escalated it to you"),
      }),
    );
  });

  it("after the service was down for an hour, one level is escalated at once, and only one", async () => {
    const h = hospital();
    await raiseConcern(h.ctx, { ...PAIN_DRAFT, severity: "critical" }, SLACK.nurse);
    await h.tick();
    h.clock.advanceMinutes(65);
    await h.tick();
    await h.tick();
    expect(h.escalations()).toEqual(["Jo Kim"]);
    h.clock.advanceMinutes(5);
    await h.tick();
    expect(h.escalations()).toEqual(["Jo Kim", "Maria Lopez"]);
  });

  it("a level nobody holds is skipped at once and the skip is recorded", async () => {
    const h = hospital();
    // Patient Financial Services has no head: the moderate ladder (head, then manager after 1h) skips it.
    const concern = await raiseConcern(
      h.ctx,
      { ...PAIN_DRAFT, category: "billing", severity: "moderate" },
      SLACK.nurse,
    );
    h.clock.advanceMinutes(60);
    await h.tick();
    const trail = (await h.concerns.auditTrail(concern.id)).map((e) => e.type);
    expect(trail).toContain("escalation-skipped");
    expect(h.escalations()).toEqual([]);
    h.clock.advanceMinutes(60);
    await h.tick();
    expect(h.escalations()).toEqual(["Maria Lopez"]);
  });

  it("after hours, a billing concern also goes straight to the house supervisor, who is escalated to instead of the manager", async () => {
    const h = hospital("2026-11-28T16:00:00Z"); // Saturday 10:00: billing is closed
    const concern = await raiseConcern(
      h.ctx,
      { ...PAIN_DRAFT, category: "billing", severity: "low" },
      SLACK.nurse,
    );
    await h.tick();
    expect(h.slack.directTo("house.supervisor").map((e) => e.message)).toEqual([
      expect.objectContaining({ purpose: "after-hours", withCard: true }),
    ]);
    const routed = (await h.concerns.auditTrail(concern.id)).find((e) => e.type === "routed")!;
    expect(routed.detail).toMatchObject({ afterHours: true, afterHoursTarget: "house.supervisor" });

    h.clock.advanceMinutes(4 * 60); // the 4-hour acknowledgement deadline, still Saturday
    await h.tick();
    expect(h.escalations()).toEqual(["House Supervisor (on duty)"]);
    expect(JSON.stringify(h.slack.directTo("house.supervisor").at(-1)!.message)).toContain("(after hours)");
  });

  it("a grievance reminds Patient Relations two days before its 7-day notice, and escalates when it is missed", async () => {
    const h = hospital();
    const concern = await raiseConcern(h.ctx, { ...PAIN_DRAFT, category: "patient-rights" }, SLACK.nurse);
    await actOnConcern(
      h.ctx,
      concern.id,
      { type: "acknowledge" },
      { platform: "slack", userId: "U04PMORGN07", displayName: "Pat" },
    );
    await h.tick();

    const grievanceMessages = (person: string) =>
      h.slack
        .directTo(person)
        .map((e) => (e.message as { purpose: string }).purpose)
        .filter((p) => p.startsWith("grievance"));
    h.clock.advanceMinutes(5 * 24 * 60);
    await h.tick();
    // (Pat also heads Patient Relations, so the 8-hour resolve clock has escalated to Pat too.)
    expect(grievanceMessages("pat.liaison")).toEqual(["grievance-reminder"]);

    h.clock.advanceMinutes(2 * 24 * 60 + 1);
    await h.tick();
    for (const person of ["maria.lopez", "dana.white", "avery.nguyen"]) {
      expect(grievanceMessages(person)).toEqual(["grievance-overdue"]);
    }
    const types = (await h.concerns.auditTrail(concern.id)).map((e) => e.type);
    expect(types.filter((t) => t === "grievance-reminder")).toHaveLength(1);
  });
});

describe("a department no enabled platform reaches", () => {
  it("gets no card, and the audit trail says why (Food & Environmental is on Teams only)", async () => {
    const h = coreContext("2026-11-24T20:00:00Z", ["slack"]);
    const concern = await raiseConcern(h.ctx, { ...PAIN_DRAFT, category: "food-environment" }, SLACK.nurse);
    const trail = await h.concerns.auditTrail(concern.id);
    expect(trail.find((e) => e.type === "delivery-failed")?.detail).toMatchObject({
      message: "post-card",
      department: "food-environmental",
      reason: "the department has no channel on an enabled platform",
    });
    expect(h.concerns.outboxRows.filter((r) => r.message.kind === "post-card")).toEqual([]);
  });
});

describe("overdue digests", () => {
  const maria = asPersonId("maria.lopez");
  /** The newest digest's items for one department. */
  const digestItems = (h: ReturnType<typeof hospital>, departmentId: string) => {
    const rows = h.concerns.outboxRows.filter((r) => r.message.kind === "digest");
    const digest = (
      rows.at(-1)!.message as { digest: import("../../../src/core/digest/digest.ts").DigestContent }
    ).digest;
    return digest.departments.find((d) => d.departmentId === departmentId)!.items;
  };

  it("list a manager's overdue and at-risk concerns by department, oldest first, and go once per slot", async () => {
    const h = hospital();
    const older = await raiseConcern(h.ctx, { ...PAIN_DRAFT, severity: "critical" }, SLACK.nurse);
    h.clock.advanceMinutes(10);
    const newer = await raiseConcern(
      h.ctx,
      { ...PAIN_DRAFT, severity: "critical", room: "414" },
      SLACK.nurse,
    );
    await raiseConcern(h.ctx, { ...PAIN_DRAFT, category: "billing", severity: "high" }, SLACK.nurse); // due in 15 min
    await raiseConcern(h.ctx, { ...PAIN_DRAFT, category: "food-environment", severity: "low" }, SLACK.nurse); // not hers
    h.clock.advanceMinutes(20);
    const slot = new Date("2026-11-24T20:30:00Z");

    expect(await queueDigest(h.ctx, maria, slot)).toBe("queued");
    expect(await queueDigest(h.ctx, maria, slot)).toBe("already-queued");
    const rows = h.concerns.outboxRows.filter((r) => r.message.kind === "digest");
    expect(rows).toHaveLength(1);
    const digest = (
      rows[0]!.message as { digest: import("../../../src/core/digest/digest.ts").DigestContent }
    ).digest;
    const nursing = digest.departments.find((d) => d.departmentId === "nursing-4w")!;
    expect(nursing.items.map((i) => [i.reference, i.state, i.overdueMinutes])).toEqual([
      [older.reference, "overdue", 25],
      [newer.reference, "overdue", 15],
    ]);
    const billing = digest.departments.find((d) => d.departmentId === "patient-financial-services")!;
    expect(billing.items.map((i) => i.state)).toEqual(["overdue"]);
    expect(digest.departments.map((d) => d.departmentId)).not.toContain("food-environmental");

    await h.deliver();
    expect(h.slack.kinds()).toContain("digest");
    expect(h.concerns.audit.filter((e) => e.type === "digest-sent")).toHaveLength(1);
  });

  it("a critical concern 30 seconds before its 5-minute deadline is at risk, not overdue, and 4 minutes old", async () => {
    const h = hospital();
    await raiseConcern(h.ctx, { ...PAIN_DRAFT, severity: "critical" }, SLACK.nurse);
    h.clock.set("2026-11-24T20:04:30Z");
    expect(await queueDigest(h.ctx, maria, new Date("2026-11-24T20:04:00Z"))).toBe("queued");
    const [before] = digestItems(h, "nursing-4w");
    expect([before!.state, before!.overdueMinutes, before!.ageMinutes]).toEqual(["at-risk", -1, 4]);

    h.clock.set("2026-11-24T20:05:20Z");
    expect(await queueDigest(h.ctx, maria, new Date("2026-11-24T20:05:00Z"))).toBe("queued");
    const [after] = digestItems(h, "nursing-4w");
    expect([after!.state, after!.overdueMinutes, after!.ageMinutes]).toEqual(["overdue", 0, 5]);
  });

  it("no digest when nothing is overdue, unless the manager asked for all-clear messages", async () => {
    const h = hospital();
    expect(await queueDigest(h.ctx, maria, new Date(TUESDAY_2PM))).toBe("nothing-overdue");
    expect(await queueDigest(h.ctx, asPersonId("priya.shah"), new Date(TUESDAY_2PM))).toBe("queued");
  });
});

describe("delivery", () => {
  it("Slack answering 429 with Retry-After: the message waits that long, then goes", async () => {
    const h = hospital();
    await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    h.slack.failNext({ kind: "retry", error: "ratelimited", retryAfterMs: 30_000 });
    await h.deliver();
    const row = h.concerns.outboxRows.find((r) => r.platform === "slack" && r.message.kind === "post-card")!;
    expect(row).toMatchObject({ status: "pending", lastError: "ratelimited" });
    expect(row.nextAttemptAt.getTime() - h.clock.now().getTime()).toBe(30_000);

    h.clock.advanceMinutes(0.4);
    await h.deliver();
    expect(row.status).toBe("pending");
    h.clock.advanceMinutes(0.2);
    await h.deliver();
    expect(row.status).toBe("sent");
    const types = h.concerns.audit.map((e) => e.type);
    expect(types).toContain("delivery-failed");
    expect(types).toContain("delivery-retried");
  });

  it("a chat outage delays cards but loses none, and updates wait for their card", async () => {
    const h = hospital();
    const concern = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    h.slack.goDown();
    await h.deliver();
    await actOnConcern(h.ctx, concern.id, { type: "acknowledge" }, SLACK.responder);
    for (let i = 0; i < 5; i++) {
      h.clock.advanceMinutes(1);
      await h.deliver();
    }
    expect(h.slack.delivered).toHaveLength(0);
    h.slack.recover();
    for (let i = 0; i < 5; i++) {
      h.clock.advanceMinutes(2);
      await h.deliver();
    }
    expect(h.slack.kinds()[0]).toBe("post-card");
    expect(h.slack.kinds()).toEqual(
      expect.arrayContaining(["post-card", "update-cards", "thread-reply", "direct"]),
    );
    expect(h.concerns.outboxRows.filter((r) => r.status !== "sent")).toEqual([]);
    expect((await h.concerns.findById(concern.id))!.cards.map((c) => c.platform).sort()).toEqual([
      "slack",
      "teams",
    ]);
  });

  it("after the last retry a message is parked: kept, counted, audited, never silently dropped", async () => {
    const h = hospital();
    await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    const policy = { ...POLICY, maxAttempts: 3 };
    h.slack.goDown();
    for (let i = 0; i < 6; i++) {
      await deliverOutbox(h.ctx, h.notifiers, policy);
      h.clock.advanceMinutes(10);
    }
    expect(await h.concerns.stats()).toMatchObject({ parked: 2 }); // the card and the nurse's confirmation
    expect(h.concerns.audit.filter((e) => e.type === "delivery-parked")).toHaveLength(2);
  });

  it("a message held back for a platform's rate limit waits without counting as a failure", async () => {
    const h = hospital();
    await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    h.teams.failNext({ kind: "defer", reason: "Teams per-thread rate limit", retryAfterMs: 5000 });
    await h.deliver();
    const row = h.concerns.outboxRows.find((r) => r.platform === "teams")!;
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(row.nextAttemptAt.getTime() - h.clock.now().getTime()).toBe(5000);
    expect(h.concerns.audit.filter((e) => e.type === "delivery-failed")).toHaveLength(0);
  });

  it("a permanent error (the bot is not in the channel) parks at once", async () => {
    const h = hospital();
    await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    h.slack.failNext({ kind: "failed", error: "not_in_channel" });
    await h.deliver();
    expect(h.concerns.outboxRows.find((r) => r.lastError === "not_in_channel")).toMatchObject({
      status: "parked",
      attempts: 1,
    });
  });
});
