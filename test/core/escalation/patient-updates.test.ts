import { describe, expect, it } from "vitest";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { deliverOutbox, DEFAULT_DELIVERY_POLICY } from "../../../src/core/use-cases/deliver-outbox.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { sweepDueConcerns } from "../../../src/core/use-cases/sweep-due-concerns.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { InvalidInputError } from "../../../src/core/errors.ts";
import type { ConcernId } from "../../../src/core/ids.ts";
import type { PlatformIdentity } from "../../../src/core/concern/identify-actor.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

// Tuesday 24 November 2026, 14:00 in Chicago. The sample's moderate policy: acknowledge within 1 h,
// update the patient or family within 2 h of acknowledging and every 8 h after; its ladder is the
// department head, then the manager.
const TUESDAY_2PM = "2026-11-24T20:00:00Z";
const MODERATE = { ...PAIN_DRAFT, severity: "moderate" } as const;
const UPDATE = {
  type: "record-patient-update",
  method: "phone",
  note: "Told her daughter the pain team comes at 17:00.",
} as const;

function hospital() {
  const h = coreContext(TUESDAY_2PM);
  const tick = async () => {
    await sweepDueConcerns(h.ctx);
    await deliverOutbox(h.ctx, h.notifiers, { ...DEFAULT_DELIVERY_POLICY, random: () => 0.5 });
  };
  const card = async (id: ConcernId) =>
    channelCardView(h.directory, (await h.concerns.findById(id))!, h.clock.now());
  const trail = (type: string) => h.concerns.audit.filter((e) => e.type === type);
  const replies = () =>
    h.slack.delivered.flatMap((e) => (e.message.kind === "thread-reply" ? [e.message.text] : []));
  return { ...h, tick, card, trail, replies };
}

async function acknowledgedAt10Past(h: ReturnType<typeof hospital>, who: PlatformIdentity = SLACK.responder) {
  const concern = await raiseConcern(h.ctx, MODERATE, SLACK.nurse);
  await h.tick();
  h.clock.advanceMinutes(10);
  await actOnConcern(h.ctx, concern.id, { type: "acknowledge" }, who);
  await h.tick();
  return concern;
}

describe("keeping the patient and family informed (a policy's updatePatientWithin)", () => {
  it("once Sam owns it, the card says when the family is due an update; at 16:10 Sam is reminded, at 16:40 the department head hears", async () => {
    const h = hospital();
    const concern = await acknowledgedAt10Past(h);
    expect((await h.card(concern.id)).patientUpdateLine).toBe("Patient/family update due by 16:10");
    expect((await h.card(concern.id)).actions).toContain("record-patient-update");

    h.clock.advanceMinutes(119); // 16:09
    await h.tick();
    expect(h.trail("patient-update-reminder")).toEqual([]);

    h.clock.advanceMinutes(1); // 16:10: due
    await h.tick();
    expect(h.trail("patient-update-reminder")).toHaveLength(1);
    const reminder = h.slack.directTo("sam.rivera").at(-1)!.message;
    expect(reminder).toMatchObject({ purpose: "patient-update-reminder", withCard: true });
    expect(JSON.stringify(reminder)).toContain("was due an update from you by 16:10");
    expect(h.slack.directTo("jo.kim")).toEqual([]);

    h.clock.advanceMinutes(29); // 16:39
    await h.tick();
    expect((await h.card(concern.id)).patientUpdateLine).toBe("Patient/family update due by 16:10 (overdue)");
    expect(h.trail("patient-update-escalated")).toEqual([]);
    h.clock.advanceMinutes(1); // 16:40: 30 minutes after the reminder
    await h.tick();
    expect(h.trail("patient-update-escalated").map((e) => e.detail)).toEqual([
      expect.objectContaining({
        level: 1,
        notify: "department-head",
        recipient: "jo.kim",
        overdueMinutes: 30,
      }),
    ]);
    expect(JSON.stringify(h.slack.directTo("jo.kim")[0]!.message)).toContain(
      "the patient or family was due an update by 16:10 and has not had one. Sam Rivera owns it and was reminded. You are its department head",
    );
    expect(h.replies()).toContain(
      "The patient or family was due an update by 16:10 and has not had one; Jo Kim (department head) was told at 16:40.",
    );

    // Nothing more fires for this missed update: one reminder, one escalation.
    h.clock.advanceMinutes(60);
    await h.tick();
    expect(h.trail("patient-update-reminder")).toHaveLength(1);
    expect(h.trail("patient-update-escalated")).toHaveLength(1);
  });

  it("each update is recorded with who, how and what; the next one is due 8 hours later and its reminder fires again", async () => {
    const h = hospital();
    const concern = await acknowledgedAt10Past(h);
    h.clock.advanceMinutes(125); // 16:15, after the reminder
    await h.tick();
    await actOnConcern(h.ctx, concern.id, UPDATE, SLACK.responder);
    await h.tick();

    expect(h.trail("patient-updated")).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ key: "person:sam.rivera", displayName: "Sam Rivera" }),
        detail: { from: "acknowledged", method: "phone", note: UPDATE.note },
      }),
    ]);
    expect(h.replies()).toContain(`Patient/family updated (phone) by Sam Rivera at 16:15: ${UPDATE.note}`);
    expect((await h.card(concern.id)).patientUpdateLine).toBe(
      "Patient/family updated Tue 24 Nov 16:15 by Sam Rivera (phone) · next update due by 00:15",
    );
    // The escalation for the missed update never fires: the family was told before it was due.
    h.clock.advanceMinutes(60);
    await h.tick();
    expect(h.trail("patient-update-escalated")).toEqual([]);

    h.clock.advanceMinutes(7 * 60); // 00:15: the next update is due
    await h.tick();
    expect(h.trail("patient-update-reminder")).toHaveLength(2);
  });

  it("when the head owns it, a missed update goes to the next level above (the manager), not back to the head", async () => {
    const h = hospital();
    const concern = await acknowledgedAt10Past(h, SLACK.head);
    h.clock.advanceMinutes(150); // 16:40
    await h.tick();
    expect(h.trail("patient-update-reminder")).toHaveLength(1);
    expect(h.trail("patient-update-escalated").map((e) => e.detail)).toEqual([
      expect.objectContaining({ level: 2, notify: "department-manager", recipient: "maria.lopez" }),
    ]);
    expect(h.slack.directTo("maria.lopez").at(-1)!.message).toMatchObject({
      purpose: "patient-update-overdue",
    });
    expect((await h.concerns.findById(concern.id))!.escalation.level).toBe(0); // the ladder itself did not move
  });

  it("after Liaison was down for three hours, the reminder and the escalation both go out at once", async () => {
    const h = hospital();
    await acknowledgedAt10Past(h);
    h.clock.advanceMinutes(180);
    await h.tick();
    expect(h.trail("patient-update-reminder")).toHaveLength(1);
    expect(h.trail("patient-update-escalated")).toHaveLength(1);
  });

  it("an update before anyone owns the concern is recorded; the clock starts when it is acknowledged", async () => {
    const h = hospital();
    const concern = await raiseConcern(h.ctx, MODERATE, SLACK.nurse);
    h.clock.advanceMinutes(5);
    await actOnConcern(h.ctx, concern.id, UPDATE, SLACK.responder);
    expect((await h.concerns.findById(concern.id))!.patientUpdateBy).toBeUndefined();
    h.clock.advanceMinutes(5);
    await actOnConcern(h.ctx, concern.id, { type: "acknowledge" }, SLACK.responder);
    expect((await h.concerns.findById(concern.id))!.patientUpdateBy).toEqual(
      new Date("2026-11-24T22:10:00Z"),
    );
  });

  it("reopened or reassigned, the clock waits for the next owner; resolved, it stops", async () => {
    const h = hospital();
    const concern = await acknowledgedAt10Past(h);
    await actOnConcern(
      h.ctx,
      concern.id,
      { type: "reassign", toDepartment: "patient-relations" as never, toDepartmentName: "Patient Relations" },
      SLACK.responder,
    );
    expect((await h.concerns.findById(concern.id))!.patientUpdateBy).toBeUndefined();

    const other = await acknowledgedAt10Past(h);
    await actOnConcern(
      h.ctx,
      other.id,
      { type: "resolve", resolutionNote: "New pain plan." },
      SLACK.responder,
    );
    h.clock.advanceMinutes(600);
    await h.tick();
    expect(h.trail("patient-update-reminder").filter((e) => e.concernId === other.id)).toEqual([]);
  });

  it("an update needs a line saying what they were told, at most 500 characters", async () => {
    const h = hospital();
    const concern = await acknowledgedAt10Past(h);
    for (const [note, error] of [
      ["   ", "Please enter, in a line, what they were told."],
      ["x".repeat(501), "The note is 501 characters; the limit is 500."],
    ] as const) {
      const attempt = actOnConcern(h.ctx, concern.id, { ...UPDATE, note }, SLACK.responder);
      await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
      await expect(attempt).rejects.toMatchObject({ fieldErrors: { note: error } });
    }
    expect(h.trail("patient-updated")).toEqual([]);
  });

  it("a policy that does not ask for updates shows no button and sends no reminder", async () => {
    const h = hospital();
    const concern = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse); // high: no update clock
    await actOnConcern(h.ctx, concern.id, { type: "acknowledge" }, SLACK.responder);
    expect((await h.card(concern.id)).actions).not.toContain("record-patient-update");
    expect((await h.card(concern.id)).patientUpdateLine).toBeUndefined();
    h.clock.advanceMinutes(600);
    await h.tick();
    expect(h.trail("patient-update-reminder")).toEqual([]);
  });
});
