import { describe, expect, it, vi } from "vitest";
import { revealConcernDetails } from "../../../src/core/use-cases/reveal-concern-details.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { DirectoryIndex } from "../../../src/core/directory/directory-index.ts";
import { submitCardAction } from "../../../src/core/use-cases/card-action-dialogue.ts";
import { purgePatientDetails } from "../../../src/core/use-cases/purge-patient-details.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const PAT = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;

async function painConcern() {
  const world = coreContext("2026-11-24T20:07:00Z");
  const concern = await raiseConcern(world.ctx, PAIN_DRAFT, SLACK.nurse);
  return { ...world, concern };
}

const viewsOf = async (world: Awaited<ReturnType<typeof painConcern>>) =>
  (await world.concerns.auditTrail(world.concern.id)).filter((e) => e.type === "details-viewed");

describe("Show details: permitted people see what the card leaves out, and every look is recorded", () => {
  it("the liaison sees the full description and patient reference; the trail says who looked and when", async () => {
    const world = await painConcern();
    const reply = await revealConcernDetails(world.ctx, world.concern.id, PAT);
    if (reply.kind !== "details") throw new Error(`expected the details, got: ${JSON.stringify(reply)}`);
    expect(reply.details).toMatchObject({
      reference: "PR-2026-00001",
      place: "4 West · room 412",
      patientReference: "E20260417",
      description: PAIN_DRAFT.description,
      recordedLine: "Pat Morgan viewed the patient details of PR-2026-00001 at 14:07.",
    });
    const [viewed] = await viewsOf(world);
    expect(viewed).toMatchObject({
      actor: { displayName: "Pat Morgan" },
      at: new Date("2026-11-24T20:07:00Z"),
      detail: { platform: "slack" },
    });
  });

  it("the concern's own department and its reporter may look; another department's responder may not", async () => {
    const world = await painConcern();
    expect((await revealConcernDetails(world.ctx, world.concern.id, SLACK.responder)).kind).toBe("details");
    expect((await revealConcernDetails(world.ctx, world.concern.id, SLACK.nurse)).kind).toBe("details");
    const refused = await revealConcernDetails(world.ctx, world.concern.id, SLACK.billingResponder);
    expect(refused).toMatchObject({
      kind: "message",
      text: "Only a patient relations liaison, a director, an admin, Nursing 4 West's staff or whoever raised it may see the patient details of PR-2026-00001.",
    });
    expect((await viewsOf(world)).map((e) => e.actor.displayName)).toEqual(["Sam Rivera", "Nia Okafor"]);
  });

  it("a hospital that keeps details to Patient Relations turns the department's access off in the directory", async () => {
    const world = await painConcern();
    const strict = new DirectoryIndex({
      ...world.directory.directory,
      hospital: {
        ...world.directory.hospital,
        patientDetailsViewers: { roles: ["liaison"], concernsDepartment: false },
      },
    });
    world.ctx.directory = () => strict;
    expect((await revealConcernDetails(world.ctx, world.concern.id, SLACK.responder)).kind).toBe("message");
    expect((await revealConcernDetails(world.ctx, world.concern.id, PAT)).kind).toBe("details");
  });

  it("after the retention policy has purged a concern, Show details says so and records no look", async () => {
    const world = await painConcern();
    await submitCardAction(world.ctx, world.concern.id, "resolve", {}, SLACK.responder);
    const keepAYear = new DirectoryIndex({
      ...world.directory.directory,
      hospital: { ...world.directory.hospital, retainPatientDetailsDays: 365 },
    });
    world.ctx.directory = () => keepAYear;
    world.clock.advanceMinutes(366 * 24 * 60);
    await purgePatientDetails(world.ctx);
    const reply = await revealConcernDetails(world.ctx, world.concern.id, PAT);
    expect(reply).toMatchObject({
      kind: "message",
      text: expect.stringMatching(/^Patient details removed on .* \(retention policy\)$/),
    });
    expect(await viewsOf(world)).toEqual([]);
  });

  it("when the look cannot be recorded, nothing is shown", async () => {
    const world = await painConcern();
    vi.spyOn(world.concerns, "appendAudit").mockRejectedValueOnce(new Error("connection refused"));
    const reply = await revealConcernDetails(world.ctx, world.concern.id, PAT);
    expect(reply.kind).toBe("message");
    expect(JSON.stringify(reply)).not.toContain("E20260417");
    expect(JSON.stringify(reply)).not.toContain(PAIN_DRAFT.description);
  });
});
