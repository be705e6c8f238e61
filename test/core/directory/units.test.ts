import { describe, expect, it } from "vitest";
import { parseConcernCommand } from "../../../src/core/actions/parse-concern-command.ts";
import { DirectoryIndex } from "../../../src/core/directory/directory-index.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { InvalidInputError } from "../../../src/core/errors.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

describe("a unit however a nurse spells it", () => {
  it.each([
    ["4W", "4w"],
    ["4w", "4w"],
    ["4 West", "4w"],
    ["4-west", "4w"],
    ["4 WEST", "4w"],
    [" four  west ", "4w"],
    ["Nursing 4 West", "4w"],
    ["icu", "icu"],
    ["MICU", "icu"],
    ["E.R.", "ed"],
  ])("“%s” is unit %s", (typed, id) => {
    const { directory } = coreContext();
    expect(directory.unitFor(typed)?.id).toBe(id);
  });

  it("a pain concern raised for “4 West”, “4W” or “4-west” reaches Nursing 4 West, and its card says 4 West", async () => {
    const { ctx, directory } = coreContext();
    for (const unit of ["4 West", "4W", "4-west"]) {
      const concern = await raiseConcern(ctx, { ...PAIN_DRAFT, unit }, SLACK.nurse);
      expect(concern).toMatchObject({ departmentId: "nursing-4w", unit: "4w" });
      expect(channelCardView(directory, concern, concern.createdAt).unit).toBe("4 West");
    }
  });

  it("an unknown unit is refused next to its field with the nearest names, never sent to the fallback", async () => {
    const { ctx, concerns } = coreContext();
    const raise = raiseConcern(ctx, { ...PAIN_DRAFT, unit: "4 Wst" }, SLACK.nurse);
    await expect(raise).rejects.toThrow(InvalidInputError);
    const error = (await raise.catch((e: unknown) => e)) as InvalidInputError;
    expect(error.fieldErrors.unit).toBe(
      "There is no unit “4 Wst” in Liaison's directory. Did you mean 4 West, 2 East Maternity or 3 East? Choose it from the list.",
    );
    expect(concerns.concerns.size).toBe(0);
  });

  it("the /concern shortcut finds the unit anywhere in its words, or says which it could not find", () => {
    const { directory } = coreContext();
    expect(parseConcernCommand(directory, "4 west rm 412 high pain not controlled")).toMatchObject({
      kind: "raise",
      prefill: { unit: "4w", room: "412", severity: "high", category: "pain" },
      problems: {},
    });
    const unknown = parseConcernCommand(directory, "unit 9X rm 3 pain");
    expect(unknown).toMatchObject({ kind: "raise", prefill: { unit: "9X" } });
    expect(unknown.kind === "raise" && unknown.problems.unit).toMatch(/^There is no unit “9X”/);
  });

  it("a concern stored before units were entries keeps, and shows, what it stored", async () => {
    const { ctx, directory } = coreContext();
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    expect(channelCardView(directory, { ...concern, unit: "Old wing 3" }, concern.createdAt).unit).toBe(
      "Old wing 3",
    );
  });
});

describe("a concern whose department a new directory version no longer lists", () => {
  it("is answered for by the fallback department: its people may act, its head is escalated to", async () => {
    const { ctx, directory } = coreContext();
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    // The same hospital without Nursing 4 West (routing now sends 4W pain to Patient Relations).
    const without = new DirectoryIndex({
      ...directory.directory,
      departments: directory.directory.departments.filter((d) => d.id !== "nursing-4w"),
      routing: { ...directory.directory.routing, rules: [] },
    });
    const later = { ...ctx, directory: () => without };
    const escalated = await actOnConcern(later, concern.id, { type: "escalate" }, SLACK.nurse).catch(
      (e: Error) => e,
    );
    expect(escalated).toBeInstanceOf(Error); // a nurse of 4 West is no one's responder now
    const patMorgan = { platform: "slack" as const, userId: "U04PMORGN07", displayName: "Pat Morgan" };
    const outcome = await actOnConcern(later, concern.id, { type: "escalate" }, patMorgan);
    expect(outcome.kind === "changed" && outcome.events.map((e) => e.type)).toContain("escalated");
    const acked = await actOnConcern(later, concern.id, { type: "acknowledge" }, patMorgan);
    expect(acked.kind).toBe("changed");
  });
});
