import { describe, expect, it } from "vitest";
import { NotAllowedError } from "../../../src/core/errors.ts";
import { actOnConcern } from "../../../src/core/use-cases/act-on-concern.ts";
import { clickCardAction } from "../../../src/core/use-cases/card-action-dialogue.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

// The sample directory gives Nursing 4 West the Slack user group S04WNURSES1 and a Teams team.
const FOUR_WEST_SLACK_GROUP = "S04WNURSES1";
const FOUR_WEST_TEAM = "19:team-general-4w@thread.tacv2";

/** Dana Park floats to 4 West tonight: she is in the unit's Slack group, not in Liaison's file. */
const DANA = { platform: "slack", userId: "U04DANAPRK1", displayName: "dpark" } as const;
const DANA_IN_TEAMS = {
  platform: "teams",
  userId: "5C1D2E3F-4A5B-4C6D-8E7F-9A0B1C2D3E4F",
  displayName: "Dana Park",
} as const;

function fourWestHasDana(groups: ReturnType<typeof coreContext>["groups"], at: Date) {
  groups.keep({
    platform: "slack",
    groupId: FOUR_WEST_SLACK_GROUP,
    label: "@4w-nurses",
    members: [{ userId: DANA.userId, displayName: "Dana Park" }],
    fetchedAt: at,
  });
}

describe("responders from the platforms' own groups", () => {
  it("a float nurse only in @4w-nurses acknowledges 4 West's concern, under her Slack name, and the trail says why she could", async () => {
    const { ctx, clock, groups, concerns } = coreContext();
    fourWestHasDana(groups, clock.now());
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const outcome = await actOnConcern(ctx, concern.id, { type: "acknowledge" }, DANA);
    expect(outcome.kind).toBe("changed");
    const stored = await concerns.findById(concern.id);
    expect(stored?.owner).toMatchObject({ key: "slack:U04DANAPRK1", displayName: "Dana Park" });
    const acknowledged = (await concerns.auditTrail(concern.id)).find((e) => e.type === "acknowledged");
    expect(acknowledged?.actor).toEqual({
      key: "slack:U04DANAPRK1",
      displayName: "Dana Park",
      platform: "slack",
      authorizedBy: "member of @4w-nurses (Slack user group)",
    });
  });

  it("her group is 4 West's: she may not act on a billing concern, and the refusal says who may", async () => {
    const { ctx, clock, groups } = coreContext();
    fourWestHasDana(groups, clock.now());
    const billing = await raiseConcern(ctx, { ...PAIN_DRAFT, category: "billing" }, SLACK.nurse);
    const attempt = actOnConcern(ctx, billing.id, { type: "acknowledge" }, DANA);
    await expect(attempt).rejects.toThrow(NotAllowedError);
    await expect(attempt).rejects.toThrow(/Only Patient Financial Services's responders, head or manager/);
  });

  it("someone in neither the file nor the group is refused, told the department also takes its groups' members", async () => {
    const { ctx, clock, groups } = coreContext();
    fourWestHasDana(groups, clock.now());
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const reply = await clickCardAction(ctx, concern.id, "resolve", SLACK.stranger);
    expect(JSON.stringify(reply)).toContain(
      "Only Nursing 4 West's responders (and members of @4w-nurses), head or manager",
    );
  });

  it("on Teams the team's roster counts, matched by Entra object id whatever its case", async () => {
    const { ctx, clock, groups, concerns } = coreContext();
    groups.keep({
      platform: "teams",
      groupId: FOUR_WEST_TEAM,
      label: "Nursing 4 West",
      members: [{ userId: DANA_IN_TEAMS.userId.toLowerCase(), displayName: "Dana Park" }],
      fetchedAt: clock.now(),
    });
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    await actOnConcern(ctx, concern.id, { type: "acknowledge" }, DANA_IN_TEAMS);
    const acknowledged = (await concerns.auditTrail(concern.id)).find((e) => e.type === "acknowledged");
    expect(acknowledged?.actor.authorizedBy).toBe("member of the Nursing 4 West team (Teams)");
  });

  it("a Slack group member's Slack identity does not count on Teams, nor the other way round", async () => {
    const { ctx, clock, groups } = coreContext();
    fourWestHasDana(groups, clock.now());
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const sameIdOnTeams = { ...DANA, platform: "teams" } as const;
    await expect(actOnConcern(ctx, concern.id, { type: "acknowledge" }, sameIdOnTeams)).rejects.toThrow(
      NotAllowedError,
    );
  });

  it("a person in the file who is not one of 4 West's named responders acts under their directory name when the group lists them", async () => {
    const { ctx, clock, groups, concerns } = coreContext();
    groups.keep({
      platform: "slack",
      groupId: FOUR_WEST_SLACK_GROUP,
      label: "@4w-nurses",
      members: [{ userId: SLACK.billingResponder.userId, displayName: "ben" }],
      fetchedAt: clock.now(),
    });
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    await actOnConcern(ctx, concern.id, { type: "acknowledge" }, SLACK.billingResponder);
    const acknowledged = (await concerns.auditTrail(concern.id)).find((e) => e.type === "acknowledged");
    expect(acknowledged?.actor).toMatchObject({
      key: "person:ben.adler",
      displayName: "Ben Adler",
      authorizedBy: "member of @4w-nurses (Slack user group)",
    });
  });

  it("a member Slack has not named yet acts under the name their click carries", async () => {
    const { ctx, clock, groups, concerns } = coreContext();
    groups.keep({
      platform: "slack",
      groupId: FOUR_WEST_SLACK_GROUP,
      label: "@4w-nurses",
      members: [{ userId: DANA.userId, displayName: "" }],
      fetchedAt: clock.now(),
    });
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    await actOnConcern(ctx, concern.id, { type: "acknowledge" }, DANA);
    expect((await concerns.findById(concern.id))?.owner?.displayName).toBe("dpark");
  });
});
