import { describe, expect, it } from "vitest";
import { cardPrivacyFor, cardsMayShowInitials } from "../../../src/core/directory/card-privacy.ts";
import { asDepartmentId } from "../../../src/core/ids.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { deliverOutbox, DEFAULT_DELIVERY_POLICY } from "../../../src/core/use-cases/deliver-outbox.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { revealConcernDetails } from "../../../src/core/use-cases/reveal-concern-details.ts";
import { sweepDueConcerns } from "../../../src/core/use-cases/sweep-due-concerns.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { SHORTENED_HINT, WITHHELD_HINT } from "../../../src/core/views/private-details-on-card.ts";
import {
  coreContextWithCardPrivacy,
  type CardPrivacySettings,
} from "../../support/card-privacy-directory.ts";
import { PAIN_DRAFT } from "../../support/core-context.ts";
import { sampleDirectory, SLACK } from "../../support/sample-directory.ts";

const NURSING_4W = asDepartmentId("nursing-4w");
const PATIENT_RELATIONS = asDepartmentId("patient-relations");
// PAIN_DRAFT's description, 84 characters.
const DESCRIPTION = PAIN_DRAFT.description;

/** A pain concern for E20260417 in 412 on 4 West (Nursing 4 West), in a hospital with these settings. */
async function cardFor(settings: CardPrivacySettings, draft: Record<string, string> = {}) {
  const world = coreContextWithCardPrivacy(settings);
  const concern = await raiseConcern(world.ctx, { ...PAIN_DRAFT, ...draft }, SLACK.nurse);
  const view = async (department = concern.departmentId) =>
    channelCardView(
      world.directory,
      (await world.concerns.findById(concern.id))!,
      world.clock.now(),
      department,
    );
  return { ...world, concern, view };
}

describe("what a card shows of the patient is the directory's choice", () => {
  it("by default, as before: the room and the reference's last three characters, and the whole description", async () => {
    const { view } = await cardFor({});
    expect(await view()).toMatchObject({
      room: "412",
      patient: "•••417",
      patientLabel: "Patient ref.",
      description: DESCRIPTION,
    });
    expect((await view()).descriptionHint).toBeUndefined();
  });

  it("room only: no patient line at all, and neither the reference nor the initials anywhere on the card", async () => {
    const { view } = await cardFor({ hospital: { patient: "room-only" } }, { patientInitials: "J.D." });
    const card = await view();
    expect(card.room).toBe("412");
    expect(card.patient).toBeUndefined();
    expect(card.patientLabel).toBeUndefined();
    expect(JSON.stringify(card)).not.toMatch(/•••|E20260417|JD/);
  });

  it("room and initials: the initials the nurse typed, kept as capitals, and no part of the reference", async () => {
    const { concern, view } = await cardFor(
      { hospital: { patient: "room-and-initials" } },
      { patientInitials: "j. d." },
    );
    expect(concern.patientInitials).toBe("JD");
    const card = await view();
    expect(card).toMatchObject({ patient: "JD", patientLabel: "Patient initials" });
    expect(JSON.stringify(card)).not.toMatch(/•••|E20260417/);
  });

  it("room and initials, none given: the card shows the room only (the reference does not stand in)", async () => {
    const { view } = await cardFor({ hospital: { patient: "room-and-initials" } });
    const card = await view();
    expect(card.patient).toBeUndefined();
    expect(JSON.stringify(card)).not.toMatch(/•••|E20260417/);
  });

  it("the initials are never on a card at the masked level, though the concern keeps them", async () => {
    const { concern, view } = await cardFor({}, { patientInitials: "JD" });
    expect(concern.patientInitials).toBe("JD");
    expect(JSON.stringify(await view())).not.toContain("JD");
  });
});

describe("what a card shows of the description is the directory's choice", () => {
  it("first 40 characters: cut at the last whole word, ending in …, with a hint that the full text exists", async () => {
    const { view } = await cardFor({
      hospital: { description: { show: "first-characters", characters: 40 } },
    });
    const card = await view();
    expect(card.description).toBe("Pain not controlled for 2 hours after…");
    expect(card.descriptionHint).toBe(SHORTENED_HINT);
    expect(JSON.stringify(card)).not.toContain("charge nurse");
  });

  it("first characters, a description no longer than that: shown whole, with no hint", async () => {
    const { view } = await cardFor({
      hospital: { description: { show: "first-characters", characters: 84 } },
    });
    const card = await view();
    expect(card.description).toBe(DESCRIPTION);
    expect(card.descriptionHint).toBeUndefined();
  });

  it("first characters of one long word: cut where the limit falls, never inside an emoji", async () => {
    const { view } = await cardFor(
      { hospital: { description: { show: "first-characters", characters: 20 } } },
      { description: `${"😣".repeat(19)}${"x".repeat(30)}` },
    );
    expect((await view()).description).toBe(`${"😣".repeat(19)}x…`);
  });

  it("category only: no words of the description, the category, and a hint that the full text exists", async () => {
    const { view } = await cardFor({ hospital: { description: { show: "category-only" } } });
    const card = await view();
    expect(card).toMatchObject({
      description: "",
      category: "Pain not managed",
      descriptionHint: WITHHELD_HINT,
    });
    expect(JSON.stringify(card)).not.toContain("PRN");
  });
});

describe("a department may show less (or more) than the hospital", () => {
  const BEHAVIORAL: CardPrivacySettings = {
    departments: { "nursing-4w": { patient: "room-only", description: { show: "category-only" } } },
  };

  it("its own cards follow its setting; another department's keep the hospital's", async () => {
    const { view, directory } = await cardFor(BEHAVIORAL);
    expect(await view()).toMatchObject({ description: "", descriptionHint: WITHHELD_HINT });
    expect((await view()).patient).toBeUndefined();
    expect(cardPrivacyFor(directory, [PATIENT_RELATIONS])).toEqual({
      patient: "room-and-masked-reference",
      description: { show: "full" },
    });
  });

  it("an override of one part keeps the hospital's other part", async () => {
    const { view } = await cardFor({
      hospital: { patient: "room-only" },
      departments: { "nursing-4w": { description: { show: "first-characters", characters: 40 } } },
    });
    const card = await view();
    expect(card.patient).toBeUndefined();
    expect(card.description).toBe("Pain not controlled for 2 hours after…");
  });

  it("a department may show more than the hospital: the full description where the hospital shows the category", async () => {
    const { view } = await cardFor({
      hospital: { description: { show: "category-only" } },
      departments: { "nursing-4w": { description: { show: "full" } } },
    });
    expect((await view()).description).toBe(DESCRIPTION);
  });

  it("moved out of the stricter department: the new department's card and the old one both keep the stricter level", async () => {
    const { ctx, concern, view } = await cardFor(BEHAVIORAL);
    await actOnConcern(
      ctx,
      concern.id,
      {
        type: "reassign",
        toDepartment: PATIENT_RELATIONS,
        toDepartmentName: "Patient Relations",
        reason: "Family asked for the liaison",
      },
      SLACK.responder,
    );
    for (const department of [PATIENT_RELATIONS, NURSING_4W]) {
      const card = await view(department);
      expect(card.description).toBe("");
      expect(card.patient).toBeUndefined();
    }
  });

  it("the raise form asks for initials only when some card may show them", () => {
    expect(cardsMayShowInitials(sampleDirectory())).toBe(false);
    const { directory } = coreContextWithCardPrivacy({
      departments: { "nursing-4w": { patient: "room-and-initials" } },
    });
    expect(cardsMayShowInitials(directory)).toBe(true);
  });
});

describe("a copy of the card in someone's chat follows the same level", () => {
  it("the escalation message to the department head carries the shortened description, never the whole", async () => {
    const world = await cardFor({
      departments: { "nursing-4w": { description: { show: "first-characters", characters: 40 } } },
    });
    const policy = { ...DEFAULT_DELIVERY_POLICY, random: () => 0.5 };
    world.clock.advanceMinutes(16); // past the 15 minutes to acknowledge: the ladder's first step
    await sweepDueConcerns(world.ctx);
    await deliverOutbox(world.ctx, world.notifiers, policy);
    const toHead = world.slack.directTo("jo.kim").map((d) => d.delivery);
    expect(toHead.length).toBeGreaterThan(0);
    for (const dm of toHead) {
      expect(dm.kind === "direct" && dm.view?.description).toBe("Pain not controlled for 2 hours after…");
    }
    const posted = world.slack.delivered.map((d) => d.delivery).find((d) => d.kind === "post-card")!;
    expect(posted.kind === "post-card" && posted.view.description).toBe(
      "Pain not controlled for 2 hours after…",
    );
    expect(JSON.stringify(world.slack.delivered.map((d) => d.delivery))).not.toContain("charge nurse");
  });
});

describe("what a card leaves out, Show details gives to permitted staff", () => {
  it("on a room-only, category-only card, the liaison's Show details has the initials, reference and whole description", async () => {
    const world = await cardFor(
      { hospital: { patient: "room-only", description: { show: "category-only" } } },
      { patientInitials: "J.D." },
    );
    const pat = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
    const reply = await revealConcernDetails(world.ctx, world.concern.id, pat);
    if (reply.kind !== "details") throw new Error(`expected the details, got: ${JSON.stringify(reply)}`);
    expect(reply.details).toMatchObject({
      patientReference: "E20260417",
      patientInitials: "JD",
      description: DESCRIPTION,
    });
    expect(reply.view).toMatchObject({ description: "", descriptionHint: WITHHELD_HINT });
  });
});
