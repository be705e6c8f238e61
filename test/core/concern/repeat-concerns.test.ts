import { describe, expect, it } from "vitest";
import { DirectoryIndex } from "../../../src/core/directory/directory-index.ts";
import { ordinal, repeatLine } from "../../../src/core/repeat/repeat-match.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const DAY_MINUTES = 24 * 60;

/** The sample hospital with another repeat window (30 days in the sample file). */
function withWindow(h: ReturnType<typeof coreContext>, days: number) {
  const { directory } = h.directory;
  const changed = new DirectoryIndex({
    ...directory,
    hospital: { ...directory.hospital, repeatConcernWindowDays: days },
  });
  h.ctx.directory = () => changed;
}

describe("repeat concerns: the same patient, unit and room within the hospital's window", () => {
  it("linking never costs a concern: a store that refuses the links keeps the concern, unlinked, and the log says so", async () => {
    const h = coreContext("2026-11-24T20:00:00Z");
    await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    h.concerns.writeTogether = async () => {
      throw new Error("deadlock detected");
    };
    const second = await raiseConcern(h.ctx, { ...PAIN_DRAFT, category: "call-light" }, SLACK.nurse);
    expect(second.repeatOf).toBeUndefined();
    expect(await h.concerns.findById(second.id)).toMatchObject({ reference: second.reference });
    expect(h.logger.lines).toContainEqual(
      expect.objectContaining({ level: "warn", message: "repeat links not made: the store refused" }),
    );
  });

  it("a second concern for the patient in 4 West room 412 says '2nd concern this stay' and the first card says it was raised again", async () => {
    const h = coreContext("2026-11-24T20:00:00Z");
    const first = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    h.clock.advanceMinutes(3 * DAY_MINUTES);
    const second = await raiseConcern(h.ctx, { ...PAIN_DRAFT, category: "call-light" }, SLACK.nurse);

    expect(second.repeatOf).toEqual([
      { id: first.id, reference: first.reference, raisedAt: first.createdAt },
    ]);
    const card = channelCardView(h.directory, second, h.clock.now());
    expect(card.repeatLine).toBe("2nd concern this stay: PR-2026-00001");
    // Offered at once (on Teams, past five buttons it waits under More actions).
    expect(card.actions).toContain("merge");

    const earlier = (await h.concerns.findById(first.id))!;
    expect(earlier.repeatedBy).toEqual([
      { id: second.id, reference: second.reference, raisedAt: second.createdAt },
    ]);
    expect(earlier.version).toBe(first.version + 1);
    expect(channelCardView(h.directory, earlier, h.clock.now()).repeatLine).toBe(
      "Raised again: PR-2026-00002",
    );

    const trail = await h.concerns.auditTrail(second.id);
    expect(trail.map((e) => e.type)).toEqual(["created", "routed", "linked-as-repeat"]);
    expect(trail[2]).toMatchObject({
      actor: { key: "system" },
      detail: { ordinal: 2, of: [{ id: first.id, reference: "PR-2026-00001" }] },
    });
    expect((await h.concerns.auditTrail(first.id)).at(-1)).toMatchObject({
      type: "repeated",
      detail: { by: { id: second.id, reference: "PR-2026-00002" }, ordinal: 2 },
    });
    // The earlier card is re-rendered, and its thread says why.
    const aboutFirst = h.concerns.outboxRows.filter(
      (r) => r.concernId === first.id && r.idempotencyKey.includes(":v2:"),
    );
    expect(aboutFirst.map((r) => `${r.platform}:${r.message.kind}`).sort()).toEqual([
      "slack:thread-reply",
      "slack:update-cards",
      "teams:thread-reply",
      "teams:update-cards",
    ]);
  });

  it("the match ignores case and spaces in the room and reference, and the unit's spelling", async () => {
    const h = coreContext();
    const first = await raiseConcern(
      h.ctx,
      { ...PAIN_DRAFT, room: "412 B", patientReference: "E20260417" },
      SLACK.nurse,
    );
    const again = await raiseConcern(
      h.ctx,
      { ...PAIN_DRAFT, unit: "4 West", room: " 412b ", patientReference: " e20260417 " },
      SLACK.nurse,
    );
    expect(again.repeatOf?.map((l) => l.id)).toEqual([first.id]);
  });

  it("the key stored is a SHA-256 of unit, room and reference: the reference itself is not in it", async () => {
    const h = coreContext();
    const concern = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    expect(concern.repeatKey).toMatch(/^[0-9a-f]{64}$/);
    expect(concern.repeatKey).not.toContain("20260417");
  });

  it("window edges: exactly 30 days after is linked, a minute later is not", async () => {
    const h = coreContext("2026-11-01T15:00:00Z");
    const first = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    h.clock.advanceMinutes(30 * DAY_MINUTES);
    expect((await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse)).repeatOf?.map((l) => l.id)).toEqual([
      first.id,
    ]);
    h.clock.advanceMinutes(1);
    // The second is still within the window of the third; the first is not.
    const third = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    expect(third.repeatOf?.map((l) => l.reference)).toEqual(["PR-2026-00002"]);
  });

  it("a window of 0 days turns linking off", async () => {
    const h = coreContext();
    withWindow(h, 0);
    await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    const again = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    expect(again.repeatOf).toBeUndefined();
    expect(channelCardView(h.directory, again, h.clock.now()).actions).not.toContain("merge");
  });

  it("without a patient reference a concern is never linked: the room alone could be another patient", async () => {
    const h = coreContext();
    const { patientReference: _, ...anonymous } = PAIN_DRAFT;
    await raiseConcern(h.ctx, anonymous, SLACK.nurse);
    const again = await raiseConcern(h.ctx, anonymous, SLACK.nurse);
    expect(again.repeatKey).toBeUndefined();
    expect(again.repeatOf).toBeUndefined();
  });

  it("another room, another unit or another patient is not a repeat", async () => {
    const h = coreContext();
    await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    for (const other of [{ room: "414" }, { unit: "5E" }, { patientReference: "E20260418" }]) {
      expect((await raiseConcern(h.ctx, { ...PAIN_DRAFT, ...other }, SLACK.nurse)).repeatOf).toBeUndefined();
    }
  });

  it("the sixth concern lists three earlier references and '+2 more'", async () => {
    const h = coreContext();
    for (let i = 0; i < 5; i++) await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    const sixth = await raiseConcern(h.ctx, PAIN_DRAFT, SLACK.nurse);
    expect(channelCardView(h.directory, sixth, h.clock.now()).repeatLine).toBe(
      "6th concern this stay: PR-2026-00001, PR-2026-00002, PR-2026-00003 +2 more",
    );
    const second = (await h.concerns.findByReference("PR-2026-00002"))!;
    expect(repeatLine(second)).toBe(
      "2nd concern this stay: PR-2026-00001; raised again: PR-2026-00003, PR-2026-00004, PR-2026-00005 +1 more",
    );
  });

  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [22, "22nd"],
    [23, "23rd"],
    [101, "101st"],
    [111, "111th"],
    [112, "112th"],
  ])("the %i. concern is the %s", (n, words) => {
    expect(ordinal(n)).toBe(words);
  });
});
