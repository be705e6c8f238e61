import { describe, expect, it } from "vitest";
import { cardBlocks } from "../../../src/adapters/slack/slack-card-blocks.ts";
import { concernCard } from "../../../src/adapters/teams/teams-cards.ts";
import {
  checkFamilyForm,
  familyConcernsOn,
  FAMILY_DESCRIPTION_MAX,
  raiseFamilyConcern,
} from "../../../src/core/family/family-concern.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { coreContext } from "../../support/core-context.ts";
import { familyDirectory } from "../../support/family-directory.ts";

const SENT = {
  unit: "4w",
  room: "412",
  form: { description: "My father has been waiting since noon for his pain medicine.", contact: "" },
  language: "es" as const,
  keyId: "k1",
  from: "address:hash",
};

function familyCore() {
  const core = coreContext("2026-11-24T20:00:00Z");
  const directory = familyDirectory();
  return { ...core, ctx: { ...core.ctx, directory: () => directory }, directory };
}

describe("a patient or family member raises a concern from the room's QR code", () => {
  it("the page is off unless the directory turns it on", () => {
    expect(familyConcernsOn(coreContext().directory)).toBeUndefined();
    expect(familyConcernsOn(familyDirectory())).toMatchObject({ enabled: true, category: "communication" });
  });

  it("is raised like any concern: the room and unit from the code, the hospital's category, routed, a grievance candidate", async () => {
    const { ctx, concerns } = familyCore();
    const concern = await raiseFamilyConcern(ctx, SENT);
    expect(concern).toMatchObject({
      unit: "4w",
      room: "412",
      category: "communication",
      severity: "moderate",
      departmentId: "patient-relations",
      isGrievance: false,
      grievanceCandidate: true,
      reporter: { key: "family:4w:412", displayName: "Patient or family (room code)", platform: "api" },
    });
    expect(concern.familyContact).toBeUndefined();
    const trail = await concerns.auditTrail(concern.id);
    expect(trail.map((e) => e.type)).toEqual(["created", "routed", "family-page-sent"]);
    expect(trail[0]!.detail).toMatchObject({ grievanceCandidate: true, unit: "4w", room: "412" });
    expect(trail[2]!.detail).toEqual({
      keyId: "k1",
      language: "es",
      contactLeft: false,
      from: "address:hash",
    });
    // The department's card is queued like any other concern's.
    const queued = await concerns.claim(new Date("2026-11-24T20:00:01Z"), 10, 60_000);
    expect(queued.map((m) => m.message)).toContainEqual(
      expect.objectContaining({ kind: "post-card", departmentId: "patient-relations" }),
    );
  });

  it("both cards say who raised it, that it may be a grievance, and how to reach them, as plain text", async () => {
    const { ctx, directory } = familyCore();
    const hostile = "<b>Ana</b> *555-0101* <@U04SAMRVR02> ${x}";
    const concern = await raiseFamilyConcern(ctx, { ...SENT, form: { ...SENT.form, contact: hostile } });
    const view = channelCardView(directory, concern, concern.createdAt);
    expect(view.familyLine).toBe(
      `Raised by a patient or family member: may be a grievance. How to reach them: ${hostile}`,
    );
    expect(view.raisedLine).toContain("by Patient or family (room code)");
    // Slack: a plain_text section, which Slack never reads as mrkdwn, mentions or links.
    expect(cardBlocks(view)).toContainEqual({
      type: "section",
      text: { type: "plain_text", text: view.familyLine, emoji: false },
    });
    const teams = JSON.stringify(concernCard(view));
    expect(teams).toContain("Raised by a patient or family member: may be a grievance.");
    expect(teams).toContain("How to reach them:");
  });

  it("a concern raised by staff carries no family line", async () => {
    const { ctx, directory } = familyCore();
    const { raiseConcern } = await import("../../../src/core/use-cases/raise-concern.ts");
    const { PAIN_DRAFT } = await import("../../support/core-context.ts");
    const { SLACK } = await import("../../support/sample-directory.ts");
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    expect(concern.grievanceCandidate).toBeUndefined();
    expect(channelCardView(directory, concern, concern.createdAt).familyLine).toBeUndefined();
  });

  it("the form: an empty or too long description and a too long contact are named, the words kept and trimmed", () => {
    expect(checkFamilyForm({ description: "   ", contact: " Ana 555 " })).toEqual({
      form: { description: "", contact: "Ana 555" },
      problems: { description: "description-missing" },
    });
    expect(
      checkFamilyForm({ description: "x".repeat(FAMILY_DESCRIPTION_MAX + 1), contact: "y".repeat(201) })
        .problems,
    ).toEqual({ description: "description-too-long", contact: "contact-too-long" });
    expect(checkFamilyForm({ description: "ok\u0000" }).form.description).toBe("ok");
  });
});
